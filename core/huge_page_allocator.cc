#include "core/huge_page_allocator.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace ftriage {
namespace {

size_t RoundUp(size_t bytes) {
  return (bytes + kHugeBlockBytes - 1) & ~(kHugeBlockBytes - 1);
}

}  // namespace

void* AllocateHugeBlock(size_t bytes) {
  if (bytes < kHugeBlockBytes) return ::operator new(bytes);
  size_t size = RoundUp(bytes);
  // Map one huge page more than needed, then unmap the unaligned ends.
  size_t mapped = size + kHugeBlockBytes;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  uintptr_t begin = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned = (begin + kHugeBlockBytes - 1) & ~(kHugeBlockBytes - 1);
  if (aligned > begin) munmap(raw, aligned - begin);
  size_t tail = begin + mapped - (aligned + size);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, size, MADV_HUGEPAGE);  // a hint: fails harmlessly without THP
  return p;
}

void FreeHugeBlock(void* p, size_t bytes) {
  if (bytes < kHugeBlockBytes) {
    ::operator delete(p);
    return;
  }
  munmap(p, RoundUp(bytes));
}

}  // namespace ftriage
