#ifndef FTRIAGE_ANALYSIS_EXPLAIN_CAPTURE_H_
#define FTRIAGE_ANALYSIS_EXPLAIN_CAPTURE_H_

#include <string>
#include <vector>

#include "analysis/capture_limits.h"
#include "analysis/explain.h"
#include "analysis/explanation.h"

namespace ftriage::analysis {

// One kFilteredByCapture explanation per limit of |run|'s capture
// (max_graph_depth, tracing_thresh), with the trace lines it is inferred
// from as evidence: every cut leaf and a call of its function with traced
// callees (in |run| or in |other|), or the shortest call of a returns-only
// trace. |side| and |other_side| name the runs ("BAD", "GOOD").
std::vector<Explanation> ExplainCaptureLimits(const CaptureLimits& limits,
                                              const ExplainRun& run,
                                              const std::string& side,
                                              const ExplainRun* other,
                                              const std::string& other_side);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPLAIN_CAPTURE_H_
