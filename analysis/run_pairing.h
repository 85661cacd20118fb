#ifndef FTRIAGE_ANALYSIS_RUN_PAIRING_H_
#define FTRIAGE_ANALYSIS_RUN_PAIRING_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/capture_limits.h"
#include "analysis/tree_diff.h"

namespace ftriage::analysis {

// The call of one run that a diff compares, and why it was chosen.
struct Invocation {
  NodeId call = NodeId::None();
  std::vector<NodeId> failing_path;  // BAD: from |call| down to the error
  std::string why;                   // "fails with -22 EINVAL", ...
};

// BAD's invocation: the call at |at_line| if given; else the first failing
// call (errors analysis, honouring |root_glob|), its chain as the failing
// path; else the last root (or outermost |root_glob| match). nullopt with
// |error| set when there is none.
std::optional<Invocation> PickBadInvocation(const CallForest& bad,
                                            const std::string& root_glob,
                                            LineNo at_line, std::string* error);

// GOOD's invocation: the call at |at_line| if given; else, among GOOD's
// calls with BAD's comparison key (same syscall across ABIs, same
// function), the most similar one by the functions in their subtrees,
// preferring calls that did not fail.
std::optional<Invocation> PickGoodInvocation(const CallForest& good,
                                             const CallForest& bad,
                                             NodeId bad_call, LineNo at_line,
                                             const DiffOptions& options,
                                             std::string* error);

// Which calls to compare: BAD's failing call (or outermost |root_glob|
// match, or the call at |bad_at|) and GOOD's most similar one (or the call
// at |good_at|).
struct PairingChoice {
  std::string root_glob;
  LineNo good_at = 0;
  LineNo bad_at = 0;
};

// GOOD's and BAD's chosen calls and their tree diff.
struct Comparison {
  Invocation good;
  Invocation bad;
  TreeDiff diff;
  // What each capture may have hidden in the compared calls.
  CaptureLimits good_limits;
  CaptureLimits bad_limits;
};

// Picks both invocations as above and diffs them; nullopt with |error| set
// when either run has no call to compare.
std::optional<Comparison> CompareRuns(const CallForest& good,
                                      const CallForest& bad,
                                      const PairingChoice& choice,
                                      const DiffOptions& options,
                                      std::string* error);

// What either capture may have hidden in the compared calls, BAD's first.
std::vector<CaptureNote> CaptureNotes(const Comparison& c,
                                      const CallForest& good,
                                      const CallForest& bad);

// The note every printer shows when GOOD's compared call |good_call| fails
// as well, "" when it does not.
std::string GoodFailsTooNote(const CallForest& good, NodeId good_call);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_RUN_PAIRING_H_
