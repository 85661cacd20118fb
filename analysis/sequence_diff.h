#ifndef FTRIAGE_ANALYSIS_SEQUENCE_DIFF_H_
#define FTRIAGE_ANALYSIS_SEQUENCE_DIFF_H_

#include <cstdint>
#include <span>
#include <vector>

namespace ftriage::analysis {

// One step of an alignment of two sequences (a = GOOD, b = BAD).
struct DiffOp {
  enum Kind : uint8_t { kMatch, kOnlyA, kOnlyB } kind;
  uint32_t a = 0;  // index into a (kMatch, kOnlyA)
  uint32_t b = 0;  // index into b (kMatch, kOnlyB)
};

// Aligns two sequences of keys with a longest common subsequence, in order:
// a common prefix and suffix are matched first (the usual case of two runs
// of the same code), the middle by Myers' O((N+M)D) algorithm. Within a gap,
// kOnlyA steps come before kOnlyB steps. When the middle differs in more
// than |max_edits| places, it is reported as all-different rather than
// spending quadratic time on two unrelated sequences.
std::vector<DiffOp> DiffSequences(std::span<const uint32_t> a,
                                  std::span<const uint32_t> b,
                                  size_t max_edits = 4096);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_SEQUENCE_DIFF_H_
