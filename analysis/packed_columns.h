#ifndef FTRIAGE_ANALYSIS_PACKED_COLUMNS_H_
#define FTRIAGE_ANALYSIS_PACKED_COLUMNS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "analysis/lazy_column.h"
#include "core/ids.h"

// Building blocks of the call forest's node columns (node_columns.h): narrow
// codes with an exact escape to a side map for the rare value that does not
// fit, and columns that take no memory while every node has their default.

namespace ftriage::analysis {

// Values too wide for their narrow code, by node index. A node has an
// entry exactly while its code is the escape code, so callers erase only
// when they replace an escape code: a lookup costs a cache miss, and most
// nodes never escape. An open-addressing table with linear probing: a log
// whose functions return kernel pointers escapes one retval in seven,
// and a node-based map spent a sixth of `errors` allocating and rehashing.
class Escapes {
 public:
  // The value of node |i|, which has an entry.
  int64_t Get(uint32_t i) const { return slots_[Find(i)].value; }
  void Set(uint32_t i, int64_t v);
  void Erase(uint32_t i);
  // Compaction moved node |from| to |to| <= |from|; |escaped|: its code is
  // the escape code; |replaced_escape|: the code it replaced at |to| was.
  void Move(uint32_t from, uint32_t to, bool escaped, bool replaced_escape);
  // Forgets the nodes from |size| on.
  void Truncate(size_t size);
  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  struct Slot {
    uint32_t key = kEmpty;
    int64_t value = 0;
  };

  // Runs of kRun consecutive nodes, which escape together and are moved
  // together, share a run of slots; the runs' places are hashed.
  static constexpr uint32_t kRun = 16;
  size_t Home(uint32_t key) const {
    size_t run = (uint64_t{key / kRun} * 0x9E3779B97F4A7C15u) >> shift_;
    return (run & ~size_t{kRun - 1}) | (key % kRun);
  }
  // The slot holding |key|, or the empty slot ending its probe sequence.
  size_t Find(uint32_t key) const;
  // Erases the entry in slot |hole|, shifting back the entries after it.
  void EraseSlot(size_t hole);
  void Grow();

  // Empty, or a power of two >= kRun slots, at most half full. In huge
  // pages: every lookup lands in a random run, and a table of millions of
  // 4 KB pages missed the TLB on most.
  HugeVector<Slot> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

// A value stored as Narrow(v - kBias) when that is below the escape code,
// Narrow's largest value; otherwise as the escape code plus an Escapes entry.
template <typename Narrow, int64_t kBias>
struct Packing {
  static constexpr Narrow kEscape = std::numeric_limits<Narrow>::max();
  // The code of node |i|, which has no escape entry (a new node).
  static Narrow Pack(uint32_t i, int64_t v, Escapes* escapes) {
    if (v >= int64_t{std::numeric_limits<Narrow>::min()} + kBias &&
        v < int64_t{kEscape} + kBias) {
      return static_cast<Narrow>(v - kBias);
    }
    escapes->Set(i, v);
    return kEscape;
  }
  // The code of node |i| replacing its code |old|.
  static Narrow Repack(uint32_t i, int64_t v, Narrow old, Escapes* escapes) {
    if (old == kEscape) escapes->Erase(i);
    return Pack(i, v, escapes);
  }
  static int64_t Unpack(uint32_t i, Narrow code, const Escapes& escapes) {
    return code == kEscape ? escapes.Get(i) : int64_t{code} + kBias;
  }
};

// A 32-bit value at or a little after |base| (an exit line after its entry
// line) as a 16-bit code: 0 for |none|, 1 + (value - base) below the escape
// code 0xffff.
struct NearPacking {
  static constexpr uint16_t kEscape = 0xffff;
  // The code of node |i|, which has no escape entry (a new node). Inline:
  // every call stores one.
  static uint16_t Pack(uint32_t i, uint32_t v, uint32_t base, uint32_t none,
                       Escapes* escapes) {
    if (v == none) return 0;
    if (v >= base && v - base < kEscape - 1u) {
      return static_cast<uint16_t>(v - base + 1);
    }
    escapes->Set(i, v);
    return kEscape;
  }
  // The code of node |i| replacing its code |old|.
  static uint16_t Repack(uint32_t i, uint32_t v, uint32_t base, uint32_t none,
                         uint16_t old, Escapes* escapes) {
    if (old == kEscape) escapes->Erase(i);
    return Pack(i, v, base, none, escapes);
  }
  static uint32_t Unpack(uint32_t i, uint16_t code, uint32_t base,
                         uint32_t none, const Escapes& escapes) {
    if (code == 0) return none;
    if (code == kEscape) return static_cast<uint32_t>(escapes.Get(i));
    return base + code - 1;
  }
};

// A link to another node as its signed distance from the node holding it:
// 0 for None (no node links to itself), and the escape code INT16_MIN for a
// node 32k or more away. Signed: an unmatched return adopts the calls before
// it, so a parent may come after its children.
struct LinkPacking {
  static constexpr int16_t kNone = 0;
  static constexpr int16_t kEscape = std::numeric_limits<int16_t>::min();
  // The code of node |i|, which has no escape entry (a new node). Inline:
  // the builder links every call through here.
  static int16_t Pack(uint32_t i, NodeId v, Escapes* escapes) {
    if (v.is_none()) return kNone;
    int64_t distance = int64_t{v.value} - i;
    if (distance != kNone && distance > kEscape &&
        distance <= std::numeric_limits<int16_t>::max()) {
      return static_cast<int16_t>(distance);
    }
    escapes->Set(i, v.value);
    return kEscape;
  }
  // The code of node |i| replacing its code |old|.
  static int16_t Repack(uint32_t i, NodeId v, int16_t old, Escapes* escapes) {
    if (old == kEscape) escapes->Erase(i);
    return Pack(i, v, escapes);
  }
  static NodeId Unpack(uint32_t i, int16_t code, const Escapes& escapes) {
    if (code == kNone) return NodeId::None();
    if (code == kEscape) return NodeId{static_cast<uint32_t>(escapes.Get(i))};
    return NodeId{i + static_cast<uint32_t>(int32_t{code})};  // wraps back
  }
};

// A lazy column of Packing codes: its default value is kBias.
template <typename Narrow, int64_t kBias>
class PackedColumn {
 public:
  int64_t Get(uint32_t i) const {
    return P::Unpack(i, codes_.Get(i), escapes_);
  }
  void Set(uint32_t i, int64_t v, size_t capacity) {
    codes_.Set(i, P::Repack(i, v, codes_.Get(i), &escapes_), capacity);
  }
  // Set for a node that still has the default (LazyColumn::Init): no old
  // code to read, no escape to erase.
  void Init(uint32_t i, int64_t v, size_t capacity) {
    if (v != kBias) codes_.Init(i, P::Pack(i, v, &escapes_), capacity);
  }
  void Move(uint32_t from, uint32_t to, size_t capacity) {
    Narrow code = codes_.Get(from);
    Narrow replaced = codes_.Get(to);
    codes_.Set(to, code, capacity);
    escapes_.Move(from, to, code == P::kEscape, replaced == P::kEscape);
  }
  void Truncate(size_t size) {
    codes_.Truncate(size);
    escapes_.Truncate(size);
  }

 private:
  using P = Packing<Narrow, kBias>;
  LazyColumn<Narrow> codes_{Narrow{0}};
  Escapes escapes_;
};

// Timestamps (-1: none) as 32-bit offsets from a base per block of kBlock
// nodes, the first timestamp stored in the block: ~2.1 s either side of it
// fit, others escape. Nodes are made in trace order, so a block spans
// microseconds to milliseconds.
class TimeColumn {
 public:
  int64_t Get(uint32_t i) const { return Decode(i, bases_); }
  void Set(uint32_t i, int64_t v, size_t capacity) {
    if (offsets_.Get(i) == kEscape) escapes_.Erase(i);
    offsets_.Set(i, Encode(i, v), capacity);
  }
  // Set for a node that has no timestamp yet (LazyColumn::Init).
  void Init(uint32_t i, int64_t v, size_t capacity) {
    if (v != -1) offsets_.Init(i, Encode(i, v), capacity);
  }
  // Moves each node i to remap[i] <= i (None: dropped); |kept| stay.
  void Compact(std::span<const NodeId> remap, size_t kept, size_t capacity);

 private:
  static constexpr uint32_t kBlock = 256;
  static constexpr int32_t kNone = std::numeric_limits<int32_t>::min();
  static constexpr int32_t kEscape = std::numeric_limits<int32_t>::max();
  static constexpr int64_t kNoBase = std::numeric_limits<int64_t>::min();

  // The code of |v| for node |i|, which has no escape entry: sets the
  // block's base if it has none, and the escape entry if |v| needs one.
  int32_t Encode(uint32_t i, int64_t v);
  int64_t Decode(uint32_t i, const std::vector<int64_t>& bases) const {
    int32_t code = offsets_.Get(i);
    if (code == kNone) return -1;
    if (code == kEscape) return escapes_.Get(i);
    return bases[i / kBlock] + code;
  }

  LazyColumn<int32_t> offsets_{kNone};
  std::vector<int64_t> bases_;  // by block; kNoBase until one is stored
  Escapes escapes_;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_PACKED_COLUMNS_H_
