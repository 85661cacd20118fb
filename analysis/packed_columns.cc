#include "analysis/packed_columns.h"

#include <algorithm>
#include <bit>

namespace ftriage::analysis {

size_t Escapes::Find(uint32_t key) const {
  size_t mask = slots_.size() - 1;
  size_t i = Home(key);
  while (slots_[i].key != key && slots_[i].key != kEmpty) i = (i + 1) & mask;
  return i;
}

void Escapes::Set(uint32_t i, int64_t v) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  Slot& slot = slots_[Find(i)];
  if (slot.key == kEmpty) ++size_;
  slot = Slot{i, v};
}

void Escapes::Erase(uint32_t i) {
  if (size_ == 0) return;
  size_t slot = Find(i);
  if (slots_[slot].key != kEmpty) EraseSlot(slot);
}

void Escapes::EraseSlot(size_t hole) {
  --size_;
  // Backward-shift deletion: an entry after the hole moves into it when the
  // hole lies between the entry's home slot and the entry.
  size_t mask = slots_.size() - 1;
  for (size_t j = (hole + 1) & mask; slots_[j].key != kEmpty;
       j = (j + 1) & mask) {
    size_t displaced = (j - Home(slots_[j].key)) & mask;
    if (displaced >= ((j - hole) & mask)) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole].key = kEmpty;
}

void Escapes::Move(uint32_t from, uint32_t to, bool escaped,
                   bool replaced_escape) {
  if (escaped) {
    Set(to, Get(from));
  } else if (replaced_escape) {
    Erase(to);
  }
}

// In place: compaction truncates after every pass. A first version that
// rebuilt a fresh table on every truncation spent 4.6% of `errors`'
// samples on the retval log rebuilding (growth included).
void Escapes::Truncate(size_t size) {
  // Erasing shifts entries back into the slot being looked at or later
  // ones; an entry wrapping round from the table's start was looked at.
  for (size_t i = 0; i < slots_.size() && size_ > 0; ++i) {
    while (slots_[i].key != kEmpty && slots_[i].key >= size) EraseSlot(i);
  }
}

void Escapes::Grow() {
  HugeVector<Slot> old(std::max<size_t>(kRun, 2 * slots_.size()));
  old.swap(slots_);
  shift_ = 64 - std::countr_zero(slots_.size());
  for (const Slot& slot : old) {
    if (slot.key != kEmpty) slots_[Find(slot.key)] = slot;
  }
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
