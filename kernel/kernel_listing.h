#ifndef FTRIAGE_KERNEL_KERNEL_LISTING_H_
#define FTRIAGE_KERNEL_KERNEL_LISTING_H_

#include <cstdint>

#include "core/ids.h"

namespace ftriage {

// Whether a loaded listing (kallsyms, available_filter_functions, .config)
// lists everything of its kind. Only a complete listing proves absence: a
// name missing from an excerpt (a few lines pasted into a bug report) may
// still exist in the kernel.
enum class Coverage : uint8_t { kComplete, kExcerpt };

// The non-blank lines of a listing that did not have its format, so that
// nothing is dropped silently. Not a Status error: the rest of the file is
// still used.
struct SkippedLines {
  uint32_t count = 0;
  LineNo first = 0;  // 0 when count == 0

  void Add(LineNo line) {
    if (count++ == 0) first = line;
  }
};

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_LISTING_H_
