#ifndef FTRIAGE_KERNEL_SOURCE_STRINGS_H_
#define FTRIAGE_KERNEL_SOURCE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace ftriage::kernel {

// The string table of a source index: distinct strings in one block, in
// ascending order, so that ids order like their strings and Find() is a
// binary search. Immutable once built, and cheap to load (no hash table;
// a full kernel has over a million strings). Id 0 is "". Not for
// interning while scanning: that is StringPool's job.
class SourceStrings {
 public:
  SourceStrings() : ends_{0} {}

  // Appends |s|, which must sort after every string already added; false
  // (and nothing added) otherwise. Add("") after construction is refused:
  // id 0 is always "".
  bool Add(std::string_view s);
  // Room for |count| more strings of |bytes| bytes in all.
  void Reserve(size_t count, size_t bytes) {
    ends_.reserve(ends_.size() + count);
    blob_.reserve(blob_.size() + bytes);
  }

  std::string_view Get(StringId id) const {
    const uint32_t begin = id.value == 0 ? 0 : ends_[id.value - 1];
    return std::string_view(blob_).substr(begin, ends_[id.value] - begin);
  }
  // The id of |s|, or None().
  StringId Find(std::string_view s) const;
  size_t size() const { return ends_.size(); }
  size_t bytes() const { return blob_.size(); }  // all strings together

 private:
  std::string blob_;
  std::vector<uint32_t> ends_;  // end offset of each string in blob_
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_STRINGS_H_
