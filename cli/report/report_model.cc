// Gathers what a report shows: the pairing, the diff, the failure, the rows.
#include "cli/report/report_model.h"

#include <algorithm>

#include "analysis/error_json.h"
#include "cli/divergence_view.h"
#include "core/errno_table.h"

namespace ftriage::cli {

std::optional<Report> BuildReport(const LoadedTrace& bad,
                                  const LoadedTrace* good,
                                  const analysis::PairingChoice& choice,
                                  const analysis::DiffOptions& options,
                                  ReportMeta meta, std::string* error) {
  Report r;
  r.bad = &bad;
  r.good = good;
  r.meta = std::move(meta);
  if (good != nullptr) {
    auto c =
        analysis::CompareRuns(good->forest, bad.forest, choice, options, error);
    if (!c) return std::nullopt;
    r.good_call = std::move(c->good);
    r.bad_call = std::move(c->bad);
    r.capture_notes = analysis::CaptureNotes(*c, good->forest, bad.forest);
    r.diff = std::move(c->diff);
  } else {
    auto bi = analysis::PickBadInvocation(bad.forest, choice.root_glob,
                                          choice.bad_at, error);
    if (!bi) return std::nullopt;
    r.bad_call = std::move(*bi);
    r.capture_notes = analysis::DescribeCaptureLimits(
        analysis::FindCaptureLimits(bad.forest, r.bad_call.call, nullptr,
                                    NodeId::None()),
        bad.forest, "BAD", nullptr, "GOOD");
  }
  analysis::ErrorOptions eo;
  eo.root_glob = choice.root_glob;
  for (analysis::ErrorFinding& e : analysis::FindErrors(bad.forest, eo)) {
    if (e.root == r.bad_call.call) {
      r.failure = std::move(e);
      break;
    }
  }
  RowSource s;
  s.good = good == nullptr ? nullptr : &good->forest;
  s.good_call = r.good_call.call;
  s.bad = &bad.forest;
  s.bad_call = r.bad_call.call;
  s.diff = good == nullptr ? nullptr : &r.diff;
  s.options = &options;
  s.failing_path = r.bad_call.failing_path;
  if (r.failure) {
    s.origin = r.failure->origin;
    s.window_after = r.failure->window_after;
  }
  r.rows = BuildRowTree(s);
  return r;
}

nlohmann::ordered_json FailureJson(const Report& r) {
  if (!r.failure) return nullptr;
  return analysis::ErrorsToJson(r.bad->forest, {*r.failure}, {{0}})[0];
}

std::string ReportTitle(const Report& r) {
  const analysis::CallForest& f = r.bad->forest;
  if (!r.failure) return CallName(f, r.bad_call.call);
  std::string what = r.failure->syscall.is_none()
                         ? CallName(f, r.bad_call.call)
                         : std::string(f.name(r.failure->syscall));
  return what + " fails with " + ErrnoLabel(r.failure->errno_number);
}

std::vector<const analysis::Explanation*> RankedExplanations(
    const std::vector<analysis::Explanation>& explanations) {
  std::vector<const analysis::Explanation*> out;
  for (const analysis::Explanation& e : explanations) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return a->rank > b->rank;
  });
  return out;
}

std::vector<DiagnosticCount> DiagnosticCounts(const Report& r) {
  std::vector<DiagnosticCount> out;
  for (const LoadedTrace* t : {r.bad, r.good}) {
    if (t == nullptr) continue;
    for (size_t c = 0; c < kDiagCodeCount; ++c) {
      DiagCode code = static_cast<DiagCode>(c);
      if (uint64_t n = t->diagnostics.count(code)) {
        out.push_back({t == r.bad ? "BAD" : "GOOD", code, n});
      }
    }
  }
  return out;
}

}  // namespace ftriage::cli
