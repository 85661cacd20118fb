#ifndef FTRIAGE_ANALYSIS_CAPTURE_LIMITS_H_
#define FTRIAGE_ANALYSIS_CAPTURE_LIMITS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// A call at a run's deepest depth that traced nothing, although its
// function has traced callees elsewhere.
struct CutCall {
  NodeId leaf;            // in the run
  NodeId with_callees;    // the same function with callees
  bool in_other = false;  // |with_callees| is in the other run
};

// What a function_graph capture's settings hid, as far as the traces show.
// The trace text does not record max_graph_depth or tracing_thresh, so both
// are inferred:
// - max_graph_depth: no call is deeper than |deepest|, a third of the leaves
//   or more are at that depth, and calls there are leaves although their
//   functions have callees elsewhere in the run or in the other run (at
//   least two functions, a quarter of those at that depth);
// - tracing_thresh: every call lacks its entry (only returns were written),
//   so calls shorter than the shortest one seen may have run untraced.
struct CaptureLimits {
  int32_t deepest = -1;      // the deepest printed depth, when cut there
  std::vector<CutCall> cut;  // one per function; empty: no sign of a cap
  NodeId shortest = NodeId::None();  // returns only: the shortest call
  int64_t shortest_ns = -1;          // its duration; -1: entries traced

  bool depth_cut() const { return !cut.empty(); }
  bool returns_only() const { return shortest_ns >= 0; }
  // Whether calls made by |id| may have run without being traced.
  bool HidesCalleesOf(const CallForest& run, NodeId id) const;
};

// The tracing_thresh half of FindCaptureLimits alone: one walk that stops
// at the first call traced with its entry.
CaptureLimits FindReturnsOnly(const CallForest& run, NodeId call);

// Looks at |call| and its descendants (None: the whole run). |other| is the
// run compared with, and |other_call| its call (null / None: none), whose
// calls can show that a function has callees.
CaptureLimits FindCaptureLimits(const CallForest& run, NodeId call,
                                const CallForest* other, NodeId other_call);

// A call a note rests on: a cut leaf, a call of its function with callees,
// or the shortest call of a returns-only trace.
struct CaptureCite {
  std::string side;  // the run it is in: "BAD" or "GOOD"
  NodeId call;
  std::string function;
  LineNo line = 0;
  std::string what;  // "a leaf at depth 2", "with traced callees", ...
};

struct CaptureNote {
  std::string side;      // "BAD" or "GOOD"
  std::string setting;   // "max_graph_depth" or "tracing_thresh"
  std::string sentence;  // for people, naming the lines it rests on
  std::vector<CaptureCite> cites;
};

// The limits found, e.g. "BAD's trace goes no deeper than depth 2, where
// ...". |side| and |other_side| name the runs ("BAD", "GOOD").
std::vector<CaptureNote> DescribeCaptureLimits(const CaptureLimits& limits,
                                               const CallForest& run,
                                               const std::string& side,
                                               const CallForest* other,
                                               const std::string& other_side);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CAPTURE_LIMITS_H_
