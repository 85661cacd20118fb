#ifndef FTRIAGE_CORE_HUGE_PAGE_ALLOCATOR_H_
#define FTRIAGE_CORE_HUGE_PAGE_ALLOCATOR_H_

#include <cstddef>

namespace ftriage {

// Blocks of kHugeBlockBytes or more are mapped 2 MiB-aligned and marked
// MADV_HUGEPAGE, so that Linux backs them with transparent huge pages;
// smaller ones come from operator new. First-touching a 150 MB arena then
// takes ~75 page faults instead of ~37,000, which halved `ftriage parse`
// on a VM where each fault costs microseconds. Throws std::bad_alloc.
inline constexpr size_t kHugeBlockBytes = size_t{2} << 20;
void* AllocateHugeBlock(size_t bytes);
void FreeHugeBlock(void* p, size_t bytes);

// A std::allocator for big arenas (the call forest's node vector):
//   std::vector<CallNode, HugePageAllocator<CallNode>> nodes;
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    return static_cast<T*>(AllocateHugeBlock(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) { FreeHugeBlock(p, n * sizeof(T)); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) {
    return true;
  }
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_HUGE_PAGE_ALLOCATOR_H_
