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

uint16_t NearPacking::Pack(uint32_t i, uint32_t v, uint32_t base, uint32_t none,
                           Escapes* escapes) {
  if (v == none) return 0;
  if (v >= base && v - base < kEscape - 1u) {
    return static_cast<uint16_t>(v - base + 1);
  }
  escapes->Set(i, v);
  return kEscape;
}

void TimeColumn::Set(uint32_t i, int64_t v, size_t capacity) {
  int32_t code = kNone;
  if (v != -1) {
    size_t block = i / kBlock;
    if (block >= bases_.size()) bases_.resize(block + 1, kNoBase);
    int64_t& base = bases_[block];
    if (base == kNoBase && v != kNoBase) base = v;
    int64_t offset;
    code = kEscape;
    if (base != kNoBase && !__builtin_sub_overflow(v, base, &offset) &&
        offset > kNone && offset < kEscape) {
      code = static_cast<int32_t>(offset);
    }
  }
  if (offsets_.Get(i) == kEscape) escapes_.Erase(i);
  if (code == kEscape) escapes_.Set(i, v);
  offsets_.Set(i, code, capacity);
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
