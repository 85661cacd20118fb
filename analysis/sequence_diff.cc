#include "analysis/sequence_diff.h"

#include <algorithm>

namespace ftriage::analysis {
namespace {

// Myers' greedy algorithm on a[0..n) and b[0..m), keeping every V array to
// walk the path back. Returns false if more than max_d edits are needed.
bool Myers(std::span<const uint32_t> a, std::span<const uint32_t> b,
           size_t max_d, uint32_t a0, uint32_t b0, std::vector<DiffOp>* out) {
  const int64_t n = static_cast<int64_t>(a.size());
  const int64_t m = static_cast<int64_t>(b.size());
  const int64_t max = std::min<int64_t>(n + m, static_cast<int64_t>(max_d));
  const int64_t offset = max + 1;
  std::vector<int64_t> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<int64_t>> trace;
  int64_t found_d = -1;
  for (int64_t d = 0; d <= max && found_d < 0; ++d) {
    trace.push_back(v);
    for (int64_t k = -d; k <= d; k += 2) {
      size_t ki = static_cast<size_t>(k + offset);
      int64_t x = (k == -d || (k != d && v[ki - 1] < v[ki + 1]))
                      ? v[ki + 1]
                      : v[ki - 1] + 1;
      int64_t y = x - k;
      while (x < n && y < m &&
             a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      v[ki] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  if (found_d < 0) return false;
  // Walk back from (n, m) through the saved V arrays.
  std::vector<DiffOp> rev;
  int64_t x = n;
  int64_t y = m;
  for (int64_t d = found_d; d > 0; --d) {
    const std::vector<int64_t>& pv = trace[static_cast<size_t>(d)];
    int64_t k = x - y;
    size_t ki = static_cast<size_t>(k + offset);
    bool down = k == -d || (k != d && pv[ki - 1] < pv[ki + 1]);
    int64_t prev_k = down ? k + 1 : k - 1;
    int64_t prev_x = pv[static_cast<size_t>(prev_k + offset)];
    int64_t prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      rev.push_back({DiffOp::kMatch, a0 + static_cast<uint32_t>(x),
                     b0 + static_cast<uint32_t>(y)});
    }
    if (down) {
      --y;
      rev.push_back({DiffOp::kOnlyB, 0, b0 + static_cast<uint32_t>(y)});
    } else {
      --x;
      rev.push_back({DiffOp::kOnlyA, a0 + static_cast<uint32_t>(x), 0});
    }
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    rev.push_back({DiffOp::kMatch, a0 + static_cast<uint32_t>(x),
                   b0 + static_cast<uint32_t>(y)});
  }
  // Within each gap, put the A-only steps first.
  std::reverse(rev.begin(), rev.end());
  for (size_t i = 0; i < rev.size();) {
    if (rev[i].kind == DiffOp::kMatch) {
      out->push_back(rev[i++]);
      continue;
    }
    size_t j = i;
    while (j < rev.size() && rev[j].kind != DiffOp::kMatch) ++j;
    std::stable_partition(
        rev.begin() + static_cast<ptrdiff_t>(i),
        rev.begin() + static_cast<ptrdiff_t>(j),
        [](const DiffOp& op) { return op.kind == DiffOp::kOnlyA; });
    out->insert(out->end(), rev.begin() + static_cast<ptrdiff_t>(i),
                rev.begin() + static_cast<ptrdiff_t>(j));
    i = j;
  }
  return true;
}

}  // namespace

std::vector<DiffOp> DiffSequences(std::span<const uint32_t> a,
                                  std::span<const uint32_t> b,
                                  size_t max_edits) {
  std::vector<DiffOp> out;
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    out.push_back({DiffOp::kMatch, static_cast<uint32_t>(prefix),
                   static_cast<uint32_t>(prefix)});
    ++prefix;
  }
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::span<const uint32_t> ma = a.subspan(prefix, a.size() - prefix - suffix);
  std::span<const uint32_t> mb = b.subspan(prefix, b.size() - prefix - suffix);
  uint32_t a0 = static_cast<uint32_t>(prefix);
  uint32_t b0 = static_cast<uint32_t>(prefix);
  if (!Myers(ma, mb, max_edits, a0, b0, &out)) {
    for (uint32_t i = 0; i < ma.size(); ++i)
      out.push_back({DiffOp::kOnlyA, a0 + i, 0});
    for (uint32_t j = 0; j < mb.size(); ++j)
      out.push_back({DiffOp::kOnlyB, 0, b0 + j});
  }
  for (size_t s = suffix; s > 0; --s) {
    out.push_back({DiffOp::kMatch, static_cast<uint32_t>(a.size() - s),
                   static_cast<uint32_t>(b.size() - s)});
  }
  return out;
}

}  // namespace ftriage::analysis
