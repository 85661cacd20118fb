#ifndef FTRIAGE_ANALYSIS_TREE_DIFF_H_
#define FTRIAGE_ANALYSIS_TREE_DIFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// What counts as the same call in two runs, and what is noise.
struct DiffOptions {
  // Globs of normalized names set aside before aligning (their subtrees
  // too), plus everything that ran in interrupt context. Empty: keep all.
  std::vector<std::string> noise;
  // OLD=NEW: a function renamed between the two kernels.
  std::vector<std::pair<std::string, std::string>> renames;
};

// The default noise list (README "diff"): interrupts, scheduling entered
// from inside a call, RCU and lockdep helpers.
std::vector<std::string> DefaultNoise();

enum class DifferenceKind : uint8_t {
  kOnlyGood,         // a call (with its subtree) only GOOD makes here
  kOnlyBad,          // a call only BAD makes here
  kCollapsedInBad,   // GOOD's call whose callees BAD makes directly
  kCollapsedInGood,  // the reverse
  kRetval,           // a matched call returned differently
  kDuration,         // a matched call took 100x longer or shorter
};
const char* DifferenceKindName(DifferenceKind kind);

struct Difference {
  DifferenceKind kind;
  NodeId good = NodeId::None();
  NodeId bad = NodeId::None();
  bool on_failing_path = false;
  int depth = 0;  // levels below the compared calls
};

// Where BAD's failing path leaves GOOD's: inside the pair |good_parent| /
// |bad_parent|, after |last_common| (None if at the start), GOOD goes on
// with |first_good_only| and BAD with |first_bad_only| (either may be None).
// One line of the aligned children at the divergence: a call both runs
// make (good and bad set), or one only GOOD or only BAD makes.
struct AlignedCall {
  NodeId good = NodeId::None();
  NodeId bad = NodeId::None();
};

struct Divergence {
  NodeId good_parent = NodeId::None();
  NodeId bad_parent = NodeId::None();
  NodeId last_common_good = NodeId::None();
  NodeId last_common_bad = NodeId::None();
  NodeId first_good_only = NodeId::None();
  NodeId first_bad_only = NodeId::None();
  NodeId retval_good = NodeId::None();  // set when only return values differ
  NodeId retval_bad = NodeId::None();
  std::string bad_outcome;           // "returns early with -22 EINVAL"
  std::vector<AlignedCall> aligned;  // the parents' children, aligned
};

struct TreeDiff {
  std::optional<Divergence> divergence;
  std::vector<Difference> differences;  // most relevant first
  size_t noise_good = 0;                // calls set aside as noise
  size_t noise_bad = 0;
  size_t matched = 0;  // calls aligned with a call of the other run
};

// Aligns the call |good_root| of |good| with |bad_root| of |bad|: children
// sequences by LCS on comparison keys (normalized names; syscall entry
// points by syscall, across ABIs), recursing into matched pairs whose
// subtrees differ, with inline-collapse detection. |bad_path| is BAD's
// failing path from |bad_root| down (errors analysis); the divergence is
// looked for along it. Iterative: any depth.
TreeDiff DiffTrees(const CallForest& good, NodeId good_root,
                   const CallForest& bad, NodeId bad_root,
                   const std::vector<NodeId>& bad_path,
                   const DiffOptions& options);

// True if |id| is noise in itself: it ran in interrupt context or its
// normalized name matches a glob of |options.noise|. (DiffTrees also sets
// aside every callee of a noise call.)
bool IsNoiseCall(const CallForest& forest, NodeId id,
                 const DiffOptions& options);
// The name part of IsNoiseCall: |raw|'s normalized name matches a glob.
bool IsNoiseName(const CallForest& forest, StringId raw,
                 const DiffOptions& options);

// The comparison key of a call's name: its normalized name, or
// "syscall:NAME" for syscall entry points with compat suffixes removed
// ("__ia32_sys_clock_gettime32" and "__x64_sys_clock_gettime" are both
// "syscall:clock_gettime"), and allocators' "_noprof" suffix (6.10+)
// dropped.
std::string CompareKey(const CallForest& forest, NodeId id,
                       const DiffOptions& options);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_DIFF_H_
