#include "analysis/explain.h"

#include <algorithm>
#include <set>

#include "analysis/explain_absence.h"
#include "analysis/explain_capture.h"
#include "analysis/explain_config.h"
#include "analysis/explainer.h"
#include "analysis/source_facts.h"
#include "analysis/tree_walk.h"
#include "core/decimal_time.h"

namespace ftriage::analysis {

const char* ExplanationKindName(ExplanationKind kind) {
  switch (kind) {
    case ExplanationKind::kCompiledOut:
      return "compiled_out";
    case ExplanationKind::kInlined:
      return "inlined";
    case ExplanationKind::kNotTraceable:
      return "not_traceable";
    case ExplanationKind::kWeakStub:
      return "weak_stub";
    case ExplanationKind::kModuleNotLoaded:
      return "module_not_loaded";
    case ExplanationKind::kNotCalled:
      return "not_called";
    case ExplanationKind::kFilteredByCapture:
      return "filtered_by_capture";
    case ExplanationKind::kCallOrder:
      return "call_order";
    case ExplanationKind::kConfigDifference:
      return "config_difference";
    case ExplanationKind::kUnknown:
      break;
  }
  return "unknown";
}

const char* CertaintyName(Certainty c) {
  switch (c) {
    case Certainty::kHigh:
      return "high";
    case Certainty::kMedium:
      return "medium";
    case Certainty::kLow:
      break;
  }
  return "low";
}

namespace {

int KindWeight(ExplanationKind k) {
  switch (k) {
    case ExplanationKind::kCompiledOut:
    case ExplanationKind::kWeakStub:
      return 60;
    case ExplanationKind::kConfigDifference:
      return 55;
    case ExplanationKind::kModuleNotLoaded:
      return 50;
    case ExplanationKind::kCallOrder:
      return 45;
    case ExplanationKind::kNotTraceable:
      return 40;
    case ExplanationKind::kInlined:
      return 30;
    case ExplanationKind::kFilteredByCapture:
      return 20;
    case ExplanationKind::kNotCalled:
      return 10;
    case ExplanationKind::kUnknown:
      break;
  }
  return 0;
}

int CertaintyWeight(Certainty c) {
  return c == Certainty::kHigh ? 300 : c == Certainty::kMedium ? 200 : 100;
}

// Where a candidate came from, as a rank bonus.

}  // namespace

namespace explainer {

void Explainer::Run() {
  CaptureLimitsFirst();
  if (r_.comparison) {
    FromComparison(*r_.comparison);
  } else {
    FromFailure();
  }
  TracedStubs(in_.bad, "BAD");
  for (const std::string& name : in_.expect) Expected(name);
  ConfigDifferences();
  Settle();
  std::stable_sort(r_.explanations.begin(), r_.explanations.end(),
                   [](const Explanation& a, const Explanation& b) {
                     return a.rank > b.rank;
                   });
}

// Every function name of a run's trace, as the source names them.
std::set<std::string> Explainer::TracedNames(const ExplainRun& run) {
  std::set<std::string> out;
  const CallForest& f = *run.forest;
  std::vector<bool> seen(f.strings().size(), false);  // by StringId
  for (size_t i = 0; i < f.size(); ++i) {
    StringId n = f.func(NodeId{static_cast<uint32_t>(i)});
    if (n.is_none() || seen[n.value]) continue;
    seen[n.value] = true;
    out.insert(kernel::SourceNameOf(f.name(n)));
  }
  return out;
}

const std::set<std::string>& Explainer::Traced(const ExplainRun& run) {
  std::set<std::string>& cache = &run == &in_.bad ? bad_names_ : good_names_;
  if (cache.empty()) cache = TracedNames(run);
  return cache;
}

// What BAD's and GOOD's captures hid (max_graph_depth, tracing_thresh).
// When BAD's hides the callees of the call the divergence or the error
// window is in, that comes first, and a traceable function missing there
// is no longer "not called": the capture could not have shown it.
void Explainer::CaptureLimitsFirst() {
  const CallForest& b = *in_.bad.forest;
  CaptureLimits bad_limits, good_limits;
  NodeId focus = NodeId::None();
  if (r_.comparison) {
    bad_limits = r_.comparison->bad_limits;
    good_limits = r_.comparison->good_limits;
    const auto& v = r_.comparison->diff.divergence;
    if (v) focus = v->bad_parent;
  } else {
    NodeId call = r_.failure ? r_.failure->root : NodeId::None();
    bad_limits = FindCaptureLimits(b, call, nullptr, NodeId::None());
    if (r_.failure) {
      focus = !r_.failure->origin.is_none() ? r_.failure->origin
                                            : r_.failure->window_parent;
    }
  }
  if (!focus.is_none() && bad_limits.HidesCalleesOf(b, focus)) {
    capture_hides_bad_ = bad_limits.returns_only()
                             ? "BAD's capture wrote only calls that took " +
                                   FormatDurationUs(bad_limits.shortest_ns) +
                                   " or more (tracing_thresh)"
                             : "BAD's capture stops at depth " +
                                   std::to_string(bad_limits.deepest) +
                                   " (max_graph_depth), the depth of " +
                                   CallName(b, focus);
  }
  if (!capture_hides_bad_.empty() && bad_limits.returns_only() &&
      r_.comparison) {
    const CallForest& g = *in_.good->forest;
    WalkPreOrder(g, r_.comparison->good.call, [&](NodeId id, int) {
      int64_t ns = g.duration_ns(id);
      if (ns < 0 || ns >= bad_limits.shortest_ns || g.func(id).is_none()) {
        return true;
      }
      auto [it, added] = good_under_threshold_.emplace(CallName(g, id), id);
      if (!added && ns < g.duration_ns(it->second)) it->second = id;
      return true;
    });
  }
  const ExplainRun* good = in_.good ? &*in_.good : nullptr;
  for (Explanation& x :
       ExplainCaptureLimits(bad_limits, in_.bad, "BAD", good, "GOOD")) {
    Add(std::move(x), capture_hides_bad_.empty() ? kOther : kFromCapture);
  }
  if (good != nullptr) {
    for (Explanation& x :
         ExplainCaptureLimits(good_limits, *good, "GOOD", &in_.bad, "BAD")) {
      Add(std::move(x), kOther);
    }
  }
}

// Adds |x| unless the same function is already explained for that kernel
// (the first, from the strongest source, stays).
void Explainer::Add(Explanation x, int bonus) {
  if (!capture_hides_bad_.empty() && x.kernel == "BAD" &&
      x.kind == ExplanationKind::kNotCalled) {
    x.kind = ExplanationKind::kFilteredByCapture;
    x.certainty = Certainty::kMedium;
    x.sentence = x.function +
                 " may have run in BAD untraced: " + capture_hides_bad_ +
                 "; BAD's trace cannot tell whether it was called";
    if (auto it = good_under_threshold_.find(x.function);
        it != good_under_threshold_.end()) {
      const CallForest& g = *in_.good->forest;
      std::string took = FormatDurationUs(g.duration_ns(it->second));
      x.sentence += "; GOOD's call of it took " + took + " (GOOD line " +
                    std::to_string(g.line(it->second)) +
                    "), shorter than any call BAD's trace holds";
      x.evidence.push_back(TraceEvidence(
          *in_.good, it->second, x.function + ": " + took + " in GOOD"));
    }
  }
  x.rank = CertaintyWeight(x.certainty) + KindWeight(x.kind) + bonus;
  std::string key = x.function + "|" + x.kernel + "|" +
                    (x.function.empty() ? x.option + "|" + x.sentence : "");
  if (!seen_.insert(key).second) return;
  if (x.kind == ExplanationKind::kInlined && !x.function.empty()) {
    // Inlined in both runs' kernels: one explanation naming both.
    for (Explanation& y : r_.explanations) {
      if (y.kind == x.kind && y.function == x.function &&
          y.kernel != x.kernel) {
        y.kernel += " and " + x.kernel;
        return;
      }
    }
  }
  if (!x.option.empty() && !x.function.empty() &&
      (x.kind == ExplanationKind::kCompiledOut ||
       x.kind == ExplanationKind::kWeakStub ||
       x.kind == ExplanationKind::kModuleNotLoaded)) {
    named_options_.emplace(x.option, x.function);
  }
  if (!x.function.empty()) region_.insert(x.function);
  r_.explanations.push_back(std::move(x));
}

void Explainer::Absent(const std::string& fn, const ExplainRun& run,
                       const std::string& side, int bonus,
                       std::vector<Evidence> why) {
  Explanation x = ExplainAbsence(fn, run, side, in_.source);
  x.evidence.insert(x.evidence.begin(), why.begin(), why.end());
  Add(std::move(x), bonus);
}

void Explainer::Settle() {
  auto missing = [&](const ExplainRun& run, const std::string& side) {
    const KernelContext* k = run.kernel;
    if (k == nullptr || !k->kallsyms) {
      r_.would_settle.push_back(side +
                                "'s /proc/kallsyms tells inlined and "
                                "compiled-out functions from real ones");
    }
    if (k == nullptr || !k->filter_functions) {
      r_.would_settle.push_back(side +
                                "'s available_filter_functions tells what "
                                "ftrace could trace");
    }
    if (k == nullptr || !k->config) {
      r_.would_settle.push_back(side +
                                "'s .config tells which CONFIG_ "
                                "conditions hold");
    }
  };
  missing(in_.bad, "BAD");
  if (in_.good) missing(*in_.good, "GOOD");
  if (in_.source == nullptr) {
    r_.would_settle.push_back(
        "a source index (ftriage index SRC -o FILE, then --source-index "
        "FILE) names the CONFIG_ gates, inlined callers and the calls "
        "that ran unseen");
  }
}

}  // namespace explainer

Evidence TraceEvidence(const ExplainRun& run, NodeId id,
                       const std::string& what) {
  const CallNode& n = run.forest->node(id);
  std::string path = n.file.is_none() || n.file.value >= run.paths.size()
                         ? "?"
                         : run.paths[n.file.value];
  return {"trace", path, n.line, what};
}

std::string TraceArch(const CallForest& forest) {
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"__x64_sys_", "x86"},     {"__ia32_sys_", "x86"},
      {"__arm64_sys_", "arm64"}, {"__riscv_sys_", "riscv"},
      {"__s390x_sys_", "s390"},  {"__powerpc_sys_", "powerpc"}};
  std::vector<bool> seen(forest.strings().size(), false);  // by StringId
  for (size_t i = 0; i < forest.size(); ++i) {
    StringId n = forest.func(NodeId{static_cast<uint32_t>(i)});
    if (n.is_none() || seen[n.value]) continue;
    seen[n.value] = true;
    for (const auto& [prefix, arch] : kPrefixes) {
      if (forest.name(n).starts_with(prefix)) return std::string(arch);
    }
  }
  return "";
}

std::optional<ExplainResult> Explain(const ExplainInput& in,
                                     std::string* error) {
  ExplainResult r;
  ErrorOptions eo;
  eo.root_glob = in.choice.root_glob;
  std::vector<ErrorFinding> failures = FindErrors(*in.bad.forest, eo);
  if (!failures.empty()) r.failure = failures.front();
  if (in.good) {
    r.comparison = CompareRuns(*in.good->forest, *in.bad.forest, in.choice,
                               in.diff_options, error);
    if (!r.comparison) return std::nullopt;
  } else if (!r.failure) {
    auto bi = PickBadInvocation(*in.bad.forest, in.choice.root_glob,
                                in.choice.bad_at, error);
    if (!bi) return std::nullopt;
    r.focus =
        "no failing call in BAD; explaining " +
        std::string(in.bad.forest->name(in.bad.forest->node(bi->call).func)) +
        " (line " + std::to_string(in.bad.forest->node(bi->call).line) + ")";
  }
  explainer::Explainer(in, &r).Run();
  return r;
}

}  // namespace ftriage::analysis
