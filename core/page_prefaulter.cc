#include "core/page_prefaulter.h"

#include <sched.h>
#include <sys/mman.h>

#include <algorithm>

namespace ftriage {
namespace {

// Faulted in per madvise() call, so that a stop is seen soon.
constexpr size_t kStep = size_t{2} << 20;
constexpr size_t kPage = 4096;  // madvise() wants page-aligned starts

}  // namespace

bool PagePrefaulter::Worthwhile() {
  static const bool kTwoCpus = [] {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
      return CPU_COUNT(&set) >= 2;
    }
    return std::thread::hardware_concurrency() >= 2;
  }();
  return kTwoCpus;
}

PagePrefaulter::PagePrefaulter(char* block, size_t bytes)
    : block_(block), bytes_(bytes), worker_([this] { Run(); }) {
  Advance(0);
}

PagePrefaulter::~PagePrefaulter() {
  target_.store(kStop, std::memory_order_release);
  target_.notify_one();
  worker_.join();
}

void PagePrefaulter::Advance(size_t used) {
  target_.store(std::min(used + kAhead, bytes_), std::memory_order_release);
  target_.notify_one();
}

void PagePrefaulter::Run() {
  size_t done = 0;
  while (true) {
    size_t target = target_.load(std::memory_order_acquire);
    if (target == kStop) return;
    if (done >= target) {
      target_.wait(target, std::memory_order_acquire);
      continue;
    }
    size_t start = done & ~(kPage - 1);
    size_t end = std::min(start + kStep, target);
    // MADV_POPULATE_WRITE (Linux 5.14) faults pages in without writing to
    // them, so the writer's bytes are never touched. Without it, give up.
    if (madvise(block_ + start, end - start, MADV_POPULATE_WRITE) != 0) return;
    done = end;
  }
}

}  // namespace ftriage
