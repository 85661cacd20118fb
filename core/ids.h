#ifndef FTRIAGE_CORE_IDS_H_
#define FTRIAGE_CORE_IDS_H_

#include <cstdint>
#include <functional>

namespace ftriage {

// A 32-bit index into one of our arenas. The Tag makes a NodeId and a
// StringId different types, so passing one where the other is expected does
// not compile. Value 0xffffffff is reserved for "none".
template <typename Tag>
struct Id {
  static constexpr uint32_t kNoneValue = 0xffffffffu;
  uint32_t value = kNoneValue;

  static constexpr Id None() { return Id{}; }
  constexpr bool is_none() const { return value == kNoneValue; }
  friend constexpr bool operator==(Id a, Id b) = default;
  friend constexpr auto operator<=>(Id a, Id b) = default;
};

using StringId = Id<struct StringTag>;  // interned function/task name
using FileId = Id<struct FileTag>;      // index into the list of inputs
using NodeId = Id<struct NodeTag>;      // index into CallTree nodes
using LineNo = uint32_t;  // 1-based; 0 means "no line" (synthesized)

}  // namespace ftriage

template <typename Tag>
struct std::hash<ftriage::Id<Tag>> {
  size_t operator()(ftriage::Id<Tag> id) const noexcept {
    return std::hash<uint32_t>()(id.value);
  }
};

#endif  // FTRIAGE_CORE_IDS_H_
