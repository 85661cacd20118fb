#ifndef FTRIAGE_ANALYSIS_RUN_VARIATION_H_
#define FTRIAGE_ANALYSIS_RUN_VARIATION_H_

#include <set>
#include <string>

#include "analysis/tree_diff.h"

namespace ftriage::analysis {

// What a difference is, independent of the runs it was found in: its kind,
// the call's comparison key and its parent's. Used to tell differences that
// every failing run shows (deterministic) from those that come and go
// between runs of the same kind (variation).
std::string DifferenceSignature(const CallForest& good, const CallForest& bad,
                                const Difference& d,
                                const DiffOptions& options);

// The signatures of every difference of |diff|.
std::set<std::string> Signatures(const CallForest& good, const CallForest& bad,
                                 const TreeDiff& diff,
                                 const DiffOptions& options);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_RUN_VARIATION_H_
