#ifndef FTRIAGE_ANALYSIS_EXPORT_CHROME_H_
#define FTRIAGE_ANALYSIS_EXPORT_CHROME_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/call_tree.h"
#include "analysis/tree_filter.h"

namespace ftriage::analysis {

// Tracks of tasks the trace does not name (per-CPU trees) live in this
// pseudo-process, with thread ids above it: no Linux pid reaches it
// (PID_MAX_LIMIT is 2^22), so they never collide with a real task.
inline constexpr int64_t kNoTaskPid = int64_t{1} << 22;
// The width of a call without a duration that has no callees.
inline constexpr int64_t kUntimedWidthNs = 1000;

// `export --to chrome`: the selected call trees as Chrome Trace Event JSON
// (the object format Perfetto UI and chrome://tracing open), written as it
// is laid out, one event per line. One track per task, named by its comm
// (per CPU for a trace that names no task); one complete slice ("ph":"X")
// per call, its args the call as `tree --json` gives it (lines, return
// value, errno, arguments); markers as instant events ("ph":"i").
//
// Not a converter of raw events: it lays out the repaired trees so that
// every slice nests inside its caller's, after its previous sibling. A call
// starts at its traced timestamp (µs, ns precision) and lasts its traced
// duration; without timestamps (function_graph without abstime, bcc)
// callees follow each other from their caller's start, each track from 0,
// and otherData.timeline says so. A call without a duration is as wide as
// its callees need, at least kUntimedWidthNs. Starts move to keep the
// nesting; a duration is only shortened (args.layout says so) when the
// callees' durations add up to more than their caller's.
// |other_data| (inputs, ...) is completed with the timeline and written as
// "otherData".
void WriteChromeTrace(const CallForest& forest, const TreeSelection& selection,
                      nlohmann::ordered_json other_data, std::ostream& out);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPORT_CHROME_H_
