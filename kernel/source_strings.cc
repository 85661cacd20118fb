#include "kernel/source_strings.h"

#include <limits>

namespace ftriage::kernel {

bool SourceStrings::Add(std::string_view s) {
  if (s <= Get(StringId{static_cast<uint32_t>(size() - 1)})) return false;
  if (blob_.size() + s.size() > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  blob_.append(s);
  ends_.push_back(static_cast<uint32_t>(blob_.size()));
  return true;
}

StringId SourceStrings::Find(std::string_view s) const {
  uint32_t lo = 0;
  auto hi = static_cast<uint32_t>(size());
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Get(StringId{mid}) < s) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == size() || Get(StringId{lo}) != s) return StringId::None();
  return StringId{lo};
}

}  // namespace ftriage::kernel
