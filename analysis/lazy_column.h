#ifndef FTRIAGE_ANALYSIS_LAZY_COLUMN_H_
#define FTRIAGE_ANALYSIS_LAZY_COLUMN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/huge_page_allocator.h"

namespace ftriage::analysis {

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

// A per-node column that takes no memory until some node needs a value other
// than |fallback|. While such values are rare (a few syscall return values
// in a function_graph trace) they sit in a map, marked in a bitmap so that
// reading the other nodes costs no lookup. Once one node in kDenseEvery has
// one, the column becomes a vector reserving |capacity| (the forest's), so
// it does not regrow.
template <typename T>
class LazyColumn {
 public:
  explicit LazyColumn(T fallback) : fallback_(fallback) {}

  T Get(uint32_t i) const {
    if (!dense_.empty()) return i < dense_.size() ? dense_[i] : fallback_;
    return Marked(i) ? sparse_.at(i) : fallback_;
  }

  // Set for a node that still has the default (one just appended), inline:
  // the default, most nodes' value, costs a compare, a value of a dense
  // column an append.
  void Init(uint32_t i, T v, size_t capacity) {
    if (v == fallback_) return;
    if (dense_.empty()) {
      Set(i, v, capacity);
    } else {
      AppendDense(i, v);
    }
  }

  void Set(uint32_t i, T v, size_t capacity) {
    if (!dense_.empty()) {
      if (i < dense_.size()) {
        dense_[i] = v;
      } else if (v != fallback_) {
        AppendDense(i, v);
      }
    } else if (v != fallback_) {
      sparse_[i] = v;
      Mark(i, true);
      if (sparse_.size() >= kMinDense && sparse_.size() * kDenseEvery > i) {
        Densify(capacity);
      }
    } else if (Marked(i)) {
      sparse_.erase(i);
      Mark(i, false);
    }
  }

  // Forgets the nodes from |size| on.
  void Truncate(size_t size) {
    if (size < dense_.size()) dense_.resize(size);
    std::erase_if(sparse_, [&](const auto& kv) {
      if (kv.first < size) return false;
      Mark(kv.first, false);
      return true;
    });
  }

  void Release() { *this = LazyColumn(fallback_); }

 private:
  static constexpr size_t kDenseEvery = 16;
  static constexpr size_t kMinDense = 256;

  // Node |i|, at or past the end of dense_, gets |v|. Nodes arrive in order,
  // a few past the end at a time: push_back's inline path, not an
  // out-of-line resize per node.
  void AppendDense(uint32_t i, T v) {
    while (dense_.size() < i) dense_.push_back(fallback_);
    dense_.push_back(v);
  }
  bool Marked(uint32_t i) const {
    return i / 64 < marks_.size() && (marks_[i / 64] >> (i % 64) & 1) != 0;
  }
  void Mark(uint32_t i, bool on) {
    if (i / 64 >= marks_.size()) marks_.resize(i / 64 + 1);
    uint64_t bit = uint64_t{1} << (i % 64);
    marks_[i / 64] = on ? marks_[i / 64] | bit : marks_[i / 64] & ~bit;
  }
  void Densify(size_t capacity) {
    uint32_t last = 0;
    for (const auto& kv : sparse_) last = std::max(last, kv.first);
    dense_.reserve(std::max<size_t>(capacity, last + 1));
    dense_.resize(last + 1, fallback_);
    for (const auto& [i, v] : sparse_) dense_[i] = v;
    sparse_.clear();
    marks_.clear();
    marks_.shrink_to_fit();
  }

  T fallback_;
  HugeVector<T> dense_;
  std::vector<uint64_t> marks_;  // bit i: node i is in sparse_
  std::unordered_map<uint32_t, T> sparse_;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_LAZY_COLUMN_H_
