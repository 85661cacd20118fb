#ifndef FTRIAGE_CORE_PAGE_PREFAULTER_H_
#define FTRIAGE_CORE_PAGE_PREFAULTER_H_

#include <atomic>
#include <cstddef>
#include <thread>

namespace ftriage {

// Faults in the pages of a memory block ahead of the code that fills it, on
// a thread of its own. The kernel zeroes a page on its first touch; on a VM
// that cost about as much as parsing the text that fills the page (30% of
// `ftriage parse`, all of it in clear_page under the node arena's first
// writes), so a second core can take it off the writer's path. It only
// faults in what the writer is about to use (kAhead past its progress), so
// the process's memory stays what it was.
//
//   PagePrefaulter ahead(block, bytes);  // page-aligned; starts the thread
//   ... ahead.Advance(bytes_filled) every few MB ...
//   // its destructor stops and joins the thread; |block| must outlive it
class PagePrefaulter {
 public:
  PagePrefaulter(char* block, size_t bytes);
  ~PagePrefaulter();
  PagePrefaulter(const PagePrefaulter&) = delete;
  PagePrefaulter& operator=(const PagePrefaulter&) = delete;

  // True when the process may run on two CPUs or more (its affinity mask:
  // `taskset -c 0` turns the thread off, as it would only compete).
  static bool Worthwhile();

  // The writer has filled the first |used| bytes of the block.
  void Advance(size_t used);

  static constexpr size_t kAhead = size_t{16} << 20;

 private:
  static constexpr size_t kStop = ~size_t{0};

  void Run();

  char* block_;
  size_t bytes_;
  std::atomic<size_t> target_{0};  // fault in up to here; kStop: quit
  std::thread worker_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_PAGE_PREFAULTER_H_
