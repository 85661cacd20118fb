// Explainer, part: stubs that ran, functions the user expected (--expect)
// and the CONFIG_ differences that touch the region (explainer.h).
#include <set>

#include "analysis/explain_absence.h"
#include "analysis/explain_config.h"
#include "analysis/explainer.h"
#include "analysis/source_facts.h"
#include "analysis/tree_walk.h"
#include "kernel/config_condition.h"

namespace ftriage::analysis::explainer {

// Functions the trace does call that are weak stubs in BAD's kernel
// (COND_SYSCALL: the real syscall is compiled out).
void Explainer::TracedStubs(const ExplainRun& run, const std::string& side) {
  const Kallsyms* ks = run.kernel != nullptr && run.kernel->kallsyms
                           ? &run.kernel->kallsyms->data
                           : nullptr;
  if (ks == nullptr) return;
  const CallForest& f = *run.forest;
  std::set<StringId> done;
  for (size_t i = 0; i < f.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    StringId n = f.node(id).func;
    if (n.is_none() || !done.insert(n).second) continue;
    std::string fn(f.name(n));
    std::vector<KernelSymbol> syms = ks->Find(fn);
    if (syms.empty() || !IsWeak(syms.front().type) ||
        !IsText(syms.front().type)) {
      continue;
    }
    Explanation x = ExplainAbsence(fn, run, side, in_.source);
    x.sentence = "the traced call " + fn + " (line " +
                 std::to_string(f.node(id).line) +
                 ") runs a stub: " + x.sentence;
    x.evidence.insert(x.evidence.begin(),
                      TraceEvidence(run, id, fn + " called"));
    Add(std::move(x), kFromWindow + 20);
  }
}

// --expect NAME: a function or identifier the user expected on the path.
void Explainer::Expected(const std::string& name) {
  const CallForest& b = *in_.bad.forest;
  for (size_t i = 0; i < b.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    if (!b.node(id).func.is_none() &&
        kernel::SourceNameOf(CallName(b, id)) == kernel::SourceNameOf(name)) {
      Explanation x;
      x.kind = ExplanationKind::kNotCalled;
      x.certainty = Certainty::kHigh;
      x.function = name;
      x.kernel = "BAD";
      x.sentence = name + " is in BAD's trace (line " +
                   std::to_string(b.node(id).line) + "): it is not absent";
      x.evidence.push_back(TraceEvidence(in_.bad, id, name + " called"));
      Add(std::move(x), kFromExpect);
      return;
    }
  }
  Explanation x = ExplainAbsence(name, in_.bad, "BAD", in_.source);
  References(name, &x);
  Add(std::move(x), kFromExpect);
}

// Where |name| is registered outside function bodies (an ops table, a
// type table entry), two levels deep: a condition there gates it.
void Explainer::References(const std::string& name, Explanation* x) {
  if (in_.source == nullptr) return;
  const KernelConfig* config =
      in_.bad.kernel != nullptr && in_.bad.kernel->config
          ? &in_.bad.kernel->config->data
          : nullptr;
  std::vector<std::string> level = {name};
  std::string chain;
  for (int depth = 0; depth < 2 && !level.empty(); ++depth) {
    std::vector<std::string> next;
    for (const std::string& n : level) {
      for (const kernel::Reference& r : in_.source->ReferencesTo(n)) {
        std::string ctx(in_.source->String(r.context));
        std::string cond(in_.source->String(r.condition));
        std::string path(in_.source->FilePath(r.file));
        x->evidence.push_back(
            {"source", path, r.line,
             n + " used in " + ctx +
                 (cond.empty() ? std::string() : ", under " + cond)});
        chain += (chain.empty() ? "" : "; ") + n + " is used in " + ctx + " (" +
                 path + ":" + std::to_string(r.line) + ")";
        if (!cond.empty()) {
          std::vector<std::string> opts = kernel::ConditionOptions(cond);
          Truth t = ConditionHolds(cond, config);
          if (!opts.empty() && x->kind != ExplanationKind::kWeakStub) {
            x->option = opts.back();
            x->kind = ExplanationKind::kCompiledOut;
            x->certainty =
                t == Truth::kFalse ? Certainty::kHigh : Certainty::kMedium;
            chain += t == Truth::kFalse
                         ? ", compiled out in BAD's kernel: " + cond +
                               " does not hold"
                         : ", only " + cond;
          }
        }
        size_t paren = ctx.find('(');
        std::string object =
            paren == std::string::npos ? ctx : ctx.substr(paren + 1);
        if (!object.empty() && object != n) next.push_back(object);
        if (x->evidence.size() > 12) return;
      }
    }
    level = std::move(next);
  }
  if (!chain.empty()) {
    x->sentence =
        name + " is reachable only this way: " + chain + ". " + x->sentence;
  }
}

void Explainer::ConfigDifferences() {
  if (!in_.good || in_.good->kernel == nullptr || in_.bad.kernel == nullptr ||
      !in_.good->kernel->config || !in_.bad.kernel->config) {
    return;
  }
  if (r_.comparison && r_.comparison->diff.divergence) {
    const Divergence& v = *r_.comparison->diff.divergence;
    const CallForest& g = *in_.good->forest;
    if (!v.first_good_only.is_none()) {
      WalkPreOrder(g, v.first_good_only, [&](NodeId id, int) {
        region_.insert(CallName(g, id));
        return true;
      });
    }
  }
  size_t unlinked = 0;
  for (Explanation& x :
       RankConfigDifferences(*in_.good->kernel->config, *in_.bad.kernel->config,
                             in_.source, in_.bad.arch, region_, named_options_,
                             call_site_options_, &unlinked)) {
    int rank = x.rank;
    Add(std::move(x), rank / 4);
  }
  if (unlinked > 0) {
    r_.would_settle.push_back(
        std::to_string(unlinked) +
        " other options differ between the two .configs; none gates a "
        "function of the divergent region" +
        std::string(in_.source == nullptr ? " that the traces name (a source "
                                            "index would link more)"
                                          : ""));
  }
}

}  // namespace ftriage::analysis::explainer
