#include "analysis/explain_capture.h"

#include "core/decimal_time.h"

namespace ftriage::analysis {
namespace {

constexpr size_t kCitedCuts = 3;

std::string NameAt(const CallForest& f, NodeId id) {
  StringId n = f.node(id).func;
  return n.is_none() ? "?" : std::string(f.name(n));
}

}  // namespace

std::vector<Explanation> ExplainCaptureLimits(const CaptureLimits& limits,
                                              const ExplainRun& run,
                                              const std::string& side,
                                              const ExplainRun* other,
                                              const std::string& other_side) {
  std::vector<Explanation> out;
  const CallForest& f = *run.forest;
  for (CaptureNote& note : DescribeCaptureLimits(
           limits, f, side, other != nullptr ? other->forest : nullptr,
           other_side)) {
    Explanation x;
    x.kind = ExplanationKind::kFilteredByCapture;
    x.certainty = Certainty::kMedium;
    x.kernel = side;
    x.sentence = std::move(note.sentence);
    if (note.setting == "tracing_thresh") {
      std::string fn = NameAt(f, limits.shortest);
      x.evidence.push_back(TraceEvidence(
          run, limits.shortest,
          fn + ": the shortest call, " + FormatDurationUs(limits.shortest_ns) +
              ", written without its entry"));
    } else {
      for (size_t i = 0; i < limits.cut.size() && i < kCitedCuts; ++i) {
        const CutCall& c = limits.cut[i];
        std::string fn = NameAt(f, c.leaf);
        x.evidence.push_back(TraceEvidence(
            run, c.leaf,
            fn + ": a leaf at depth " + std::to_string(limits.deepest)));
        const ExplainRun& r = c.in_other && other != nullptr ? *other : run;
        x.evidence.push_back(
            TraceEvidence(r, c.with_callees, fn + ": with traced callees"));
      }
    }
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace ftriage::analysis
