#include "analysis/explain_capture.h"

#include "core/decimal_time.h"

namespace ftriage::analysis {

std::vector<Explanation> ExplainCaptureLimits(const CaptureLimits& limits,
                                              const ExplainRun& run,
                                              const std::string& side,
                                              const ExplainRun* other,
                                              const std::string& other_side) {
  std::vector<Explanation> out;
  for (CaptureNote& note : DescribeCaptureLimits(
           limits, *run.forest, side,
           other != nullptr ? other->forest : nullptr, other_side)) {
    Explanation x;
    x.kind = ExplanationKind::kFilteredByCapture;
    x.certainty = Certainty::kMedium;
    x.kernel = side;
    x.sentence = std::move(note.sentence);
    for (const CaptureCite& c : note.cites) {
      const ExplainRun& r = c.side == side || other == nullptr ? run : *other;
      x.evidence.push_back(
          TraceEvidence(r, c.call, c.function + ": " + c.what));
    }
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace ftriage::analysis
