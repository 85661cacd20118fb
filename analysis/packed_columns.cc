#include "analysis/packed_columns.h"

namespace ftriage::analysis {

void Escapes::Move(uint32_t from, uint32_t to, bool escaped,
                   bool replaced_escape) {
  if (escaped) {
    map_[to] = map_.at(from);
  } else if (replaced_escape) {
    map_.erase(to);
  }
}

void Escapes::Truncate(size_t size) {
  std::erase_if(map_, [size](const auto& kv) { return kv.first >= size; });
}

int32_t TimeColumn::Encode(uint32_t i, int64_t v) {
  if (v == -1) return kNone;
  size_t block = i / kBlock;
  if (block >= bases_.size()) bases_.resize(block + 1, kNoBase);
  int64_t& base = bases_[block];
  if (base == kNoBase && v != kNoBase) base = v;
  int64_t offset;
  if (base != kNoBase && !__builtin_sub_overflow(v, base, &offset) &&
      offset > kNone && offset < kEscape) {
    return static_cast<int32_t>(offset);
  }
  escapes_.Set(i, v);
  return kEscape;
}

void TimeColumn::Compact(std::span<const NodeId> remap, size_t kept,
                         size_t capacity) {
  // Blocks get new bases as kept nodes move in; nodes not moved yet still
  // decode with the old ones.
  std::vector<int64_t> old_bases(bases_.size(), kNoBase);
  old_bases.swap(bases_);
  for (uint32_t i = 0; i < remap.size(); ++i) {
    if (!remap[i].is_none()) {
      Set(remap[i].value, Decode(i, old_bases), capacity);
    }
  }
  offsets_.Truncate(kept);
  escapes_.Truncate(kept);
  bases_.resize((kept + kBlock - 1) / kBlock);
}

}  // namespace ftriage::analysis
