#ifndef FTRIAGE_ANALYSIS_FUNCTION_STATS_H_
#define FTRIAGE_ANALYSIS_FUNCTION_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/tree_diff.h"

namespace ftriage::analysis {

// Per-function totals of one run: how often a function was called and how
// long it took, with and without its callees (like uftrace report).
struct FunctionTotals {
  uint64_t calls = 0;
  uint64_t timed = 0;    // calls whose duration the trace printed
  int64_t total_ns = 0;  // sum of known durations
  int64_t self_ns = 0;   // total minus the known durations of callees
};

struct FunctionComparison {
  std::string key;  // comparison key (normalized name, "syscall:X")
  FunctionTotals good;
  FunctionTotals bad;
};

// Both runs' totals per comparison key; functions only one run calls come
// first, then by the difference in total time, largest first.
std::vector<FunctionComparison> CompareFunctions(const CallForest& good,
                                                 const CallForest& bad,
                                                 const DiffOptions& options);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_FUNCTION_STATS_H_
