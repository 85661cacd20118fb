// Explainer, part: where the runs part (the divergence, or BAD's error
// window) and the source calls that ran unseen there (explainer.h).
#include <algorithm>
#include <set>

#include "analysis/explain_absence.h"
#include "analysis/explainer.h"
#include "analysis/source_facts.h"
#include "analysis/source_sequence.h"
#include "core/errno_table.h"
#include "kernel/config_condition.h"

namespace ftriage::analysis::explainer {

void Explainer::FromComparison(const Comparison& c) {
  const CallForest& g = *in_.good->forest;
  const CallForest& b = *in_.bad.forest;
  const TreeDiff& d = c.diff;
  if (d.divergence) {
    const Divergence& v = *d.divergence;
    r_.focus = "divergence in " + CallName(b, v.bad_parent) + " (BAD line " +
               std::to_string(b.node(v.bad_parent).line) + ")";
    if (!v.last_common_bad.is_none()) {
      r_.focus += " after " + CallName(b, v.last_common_bad) + " (BAD line " +
                  std::to_string(b.node(v.last_common_bad).line) + ")";
    }
    if (!v.first_good_only.is_none()) {
      r_.focus += "; GOOD then calls " + CallName(g, v.first_good_only) +
                  " (GOOD line " +
                  std::to_string(g.node(v.first_good_only).line) + ")";
    }
    r_.focus += "; BAD " + v.bad_outcome;
    NodeId next = v.first_good_only;
    Window(v.bad_parent, next.is_none() ? std::string() : CallName(g, next));
  } else {
    r_.focus = d.differences.empty()
                   ? "no difference between the compared calls"
                   : "no divergence on BAD's failing path";
  }
  size_t taken = 0;
  for (const Difference& x : d.differences) {
    if (taken == kMaxTraceCandidates) break;
    if (x.kind == DifferenceKind::kOnlyGood ||
        x.kind == DifferenceKind::kCollapsedInBad) {
      ++taken;
      std::string fn = CallName(g, x.good);
      bool collapsed = x.kind == DifferenceKind::kCollapsedInBad;
      Evidence why =
          TraceEvidence(*in_.good, x.good,
                        collapsed ? fn + ": BAD makes its callees directly"
                                  : fn + ": called only by GOOD");
      Explanation e = ExplainAbsence(fn, in_.bad, "BAD", in_.source);
      bool bad_symbols = in_.bad.kernel != nullptr &&
                         in_.bad.kernel->kallsyms &&
                         in_.bad.kernel->kallsyms->data.complete();
      if (collapsed && e.certainty != Certainty::kHigh) {
        e.kind = ExplanationKind::kInlined;
        e.option.clear();
        e.certainty = Certainty::kMedium;
        e.sentence = fn +
                     " is inlined in BAD's kernel: BAD's trace shows its "
                     "callees under its caller";
      } else if (!collapsed && !bad_symbols) {
        // GOOD's trace proves it has code in GOOD's kernel; the source
        // may say how another kernel could lack it.
        bool from_source =
            !e.option.empty() && e.kind != ExplanationKind::kNotCalled;
        std::string other = from_source ? "; on another kernel: " + e.sentence
                                        : ", else BAD's kallsyms would tell";
        e.kind = ExplanationKind::kNotCalled;
        e.certainty = Certainty::kMedium;
        e.sentence = fn +
                     " has code of its own in GOOD's kernel (traced at "
                     "GOOD line " +
                     std::to_string(g.node(x.good).line) +
                     "); if BAD runs the same kernel, BAD's run did not "
                     "call it" +
                     other;
      }
      e.evidence.insert(e.evidence.begin(), why);
      Add(std::move(e), kFromDiff + (x.on_failing_path ? 5 : 0));
      region_.insert(fn);
    } else if (x.kind == DifferenceKind::kOnlyBad && in_.good->kernel) {
      ++taken;
      std::string fn = CallName(b, x.bad);
      Absent(fn, *in_.good, "GOOD", kOther,
             {TraceEvidence(in_.bad, x.bad, fn + ": called only by BAD")});
    }
  }
  if (d.divergence) {
    const Divergence& v = *d.divergence;
    InlinedBetween(in_.bad, "BAD",
                   PathAndChildren(b, c.bad.call, v.bad_parent));
    InlinedBetween(*in_.good, "GOOD",
                   PathAndChildren(g, c.good.call, v.good_parent));
  }
}

void Explainer::FromFailure() {
  const CallForest& b = *in_.bad.forest;
  if (!r_.failure) return;
  const ErrorFinding& e = *r_.failure;
  std::string what =
      (e.root.is_none() ? std::string("a call") : CallName(b, e.root)) +
      " returns " + ErrnoLabel(e.errno_number);
  if (!e.origin.is_none()) {
    r_.focus = what + "; origin " + CallName(b, e.origin) + " (line " +
               std::to_string(b.node(e.origin).line) + ")";
    Window(e.origin, "");
  } else if (!e.window_parent.is_none()) {
    r_.focus = what + "; error window in " + CallName(b, e.window_parent) +
               (e.window_after.is_none()
                    ? std::string()
                    : " after " + CallName(b, e.window_after) + " (line " +
                          std::to_string(b.node(e.window_after).line) + ")");
    Window(e.window_parent, "");
    if (e.window_after_may_fail) Window(e.window_after, "");
  } else if (!e.unordered.empty()) {
    r_.focus = what + " in " + std::to_string(e.unordered.size()) +
               " return probes of unknown order";
    Order(e);
  } else {
    r_.focus = what;
  }
  std::vector<NodeId> calls(e.chain.begin(), e.chain.end());
  NodeId deepest = !e.origin.is_none() ? e.origin : e.window_parent;
  if (!deepest.is_none()) {
    for (NodeId c : b.children(deepest)) calls.push_back(c);
  }
  InlinedBetween(in_.bad, "BAD", calls);
}

// A static inline helper that calls nothing and is never configured out
// (PTR_ERR, bpfptr_is_kernel): it cannot hide where a run went.
bool Explainer::TrivialHelper(const std::string& fn) const {
  std::vector<const kernel::Definition*> defs = in_.source->Lookup(fn);
  return !defs.empty() &&
         std::all_of(defs.begin(), defs.end(), [&](const auto* d) {
           return (d->flags & kernel::kStatic) &&
                  (d->flags & (kernel::kInline | kernel::kAlwaysInline)) &&
                  d->call_count == 0 &&
                  in_.source->String(d->condition).empty();
         });
}

// The source calls |parent| makes after BAD's last traced call in it,
// up to |good_next| (GOOD's next call) when the source shows it, else
// the first few: the code that ran unseen before BAD returned.
void Explainer::Window(NodeId parent, const std::string& good_next) {
  const ExplainRun& run = in_.bad;
  const CallForest& b = *run.forest;
  std::string pname = CallName(b, parent);
  if (b.node(parent).flags & (kLostInside | kExitMissing)) {
    Explanation x;
    x.kind = ExplanationKind::kFilteredByCapture;
    x.certainty = Certainty::kHigh;
    x.function = pname;
    x.kernel = "BAD";
    x.sentence = "the trace lost events inside " + pname +
                 ": the calls missing from BAD may be among the lost "
                 "ones rather than absent";
    x.evidence.push_back(
        TraceEvidence(run, parent, pname + " has events lost inside"));
    Add(std::move(x), kFromWindow + 15);
  }
  if (in_.source == nullptr) return;
  std::set<std::string> children;
  for (NodeId c : b.children(parent)) {
    children.insert(kernel::SourceNameOf(CallName(b, c)));
  }
  const std::set<std::string>& traced = Traced(run);
  const Kallsyms* ks = run.kernel != nullptr && run.kernel->kallsyms
                           ? &run.kernel->kallsyms->data
                           : nullptr;
  auto inlined = [&](const std::string& fn) {
    if (traced.contains(fn)) return false;
    if (ks != nullptr && ks->complete()) return !ks->HasFunction(fn);
    std::vector<const kernel::Definition*> defs = in_.source->Lookup(fn);
    return !defs.empty() &&
           std::all_of(defs.begin(), defs.end(),
                       [](const kernel::Definition* d) {
                         return (d->flags & kernel::kStatic) != 0;
                       });
  };
  auto keep = [&](const std::string& fn) { return children.contains(fn); };
  std::vector<SourceStep> steps = InlinedCallSequence(
      *in_.source, pname, inlined, keep, run.arch, kSpliceDepth, kMaxSteps);
  // BAD's traced calls, matched in order: the window starts after the
  // last one the source shows.
  size_t begin = 0;
  for (NodeId c : b.children(parent)) {
    std::string name = kernel::SourceNameOf(CallName(b, c));
    for (size_t i = begin; i < steps.size(); ++i) {
      if (steps[i].callee == name) {
        begin = i + 1;
        break;
      }
    }
  }
  std::string next = kernel::SourceNameOf(good_next);
  const KernelConfig* config = run.kernel != nullptr && run.kernel->config
                                   ? &run.kernel->config->data
                                   : nullptr;
  // The calls up to GOOD's next one (at most kWindowSteps), shallowest
  // first: a call the parent (or a function inlined into it) makes itself
  // decides more often than one deep in a helper.
  std::vector<const SourceStep*> window;
  std::set<std::string> in_window;
  for (size_t i = begin; i < steps.size() && i < begin + kWindowSteps; ++i) {
    const SourceStep& s = steps[i];
    if (!next.empty() && s.callee == next) break;
    if (TrivialHelper(s.callee)) continue;
    if (traced.contains(s.callee) || s.callee == kernel::SourceNameOf(pname) ||
        !in_window.insert(s.callee).second) {
      continue;
    }
    window.push_back(&s);
  }
  std::stable_sort(window.begin(), window.end(),
                   [](const SourceStep* x, const SourceStep* y) {
                     return x->via.size() < y->via.size();
                   });
  if (window.size() > kWindowCandidates) window.resize(kWindowCandidates);
  size_t taken = 0;
  for (const SourceStep* step : window) {
    const SourceStep& s = *step;
    ++taken;
    std::string site = (s.via.empty() ? pname : s.via.back()) + " calls " +
                       s.callee + " at " + s.path + ":" +
                       std::to_string(s.line);
    Evidence call{"source", s.path, s.line,
                  site + (s.condition.empty() ? std::string()
                                              : ", under " + s.condition)};
    if (!s.condition.empty()) {
      std::vector<std::string> opts = kernel::ConditionOptions(s.condition);
      if (!opts.empty()) {
        call_site_options_.emplace(
            opts.back(), "of " + s.callee + " in " +
                             (s.via.empty() ? pname : s.via.back()) + " (" +
                             s.path + ":" + std::to_string(s.line) + ")");
      }
    }
    if (ConditionHolds(s.condition, config) == Truth::kFalse) {
      std::vector<std::string> opts = kernel::ConditionOptions(s.condition);
      Explanation x;
      x.kind = ExplanationKind::kCompiledOut;
      x.certainty = Certainty::kHigh;
      x.function = s.callee;
      x.kernel = "BAD";
      x.option = opts.empty() ? "" : opts.back();
      x.sentence = "in BAD's kernel the call of " + s.callee + " in " +
                   (s.via.empty() ? pname : s.via.back()) + " (" + s.path +
                   ":" + std::to_string(s.line) +
                   ") is compiled out: its condition " + s.condition +
                   " does not hold";
      x.evidence.push_back(call);
      if (!x.option.empty()) {
        x.evidence.push_back(
            ConfigEvidence(*config, run.kernel->config->path, x.option));
      }
      Add(std::move(x), kFromWindow + static_cast<int>(kWindowCandidates) -
                            static_cast<int>(taken));
      continue;
    }
    Absent(s.callee, run, "BAD",
           kFromWindow + static_cast<int>(kWindowCandidates) -
               static_cast<int>(taken),
           {call});
  }
}

// The calls from |root| down to |parent| and |parent|'s children: the
// traced edges whose inlined functions matter to the divergence.
std::vector<NodeId> Explainer::PathAndChildren(const CallForest& f, NodeId root,
                                               NodeId parent) {
  std::vector<NodeId> out;
  for (NodeId id = parent; !id.is_none() && id != root;
       id = f.node(id).parent) {
    out.push_back(id);
  }
  if (!parent.is_none()) {
    for (NodeId c : f.children(parent)) out.push_back(c);
  }
  return out;
}

}  // namespace ftriage::analysis::explainer
