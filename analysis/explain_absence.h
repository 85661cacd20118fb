#ifndef FTRIAGE_ANALYSIS_EXPLAIN_ABSENCE_H_
#define FTRIAGE_ANALYSIS_EXPLAIN_ABSENCE_H_

#include <string>
#include <string_view>

#include "analysis/explain.h"
#include "analysis/explanation.h"

namespace ftriage::analysis {

// Why |function| is not in |run|'s trace, from that kernel's kallsyms,
// available_filter_functions and .config and from the source index (any of
// them may be missing): weak stub, not traceable, compiled out by CONFIG_X,
// a module not loaded, inlined, or traceable but not called. |side| names
// the run in sentences ("BAD"). Says what it does not know: with nothing
// to go on the kind is kUnknown and the sentence names the input that would
// tell.
Explanation ExplainAbsence(std::string_view function, const ExplainRun& run,
                           const std::string& side,
                           const kernel::SourceIndex* source);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPLAIN_ABSENCE_H_
