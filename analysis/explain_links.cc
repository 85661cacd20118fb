// Explainer, part: functions inlined between traced calls, and the call
// order of return probes, from the source call graph (explainer.h).
#include <iterator>
#include <map>

#include "analysis/explain_absence.h"
#include "analysis/explainer.h"
#include "analysis/source_facts.h"
#include "analysis/source_sequence.h"
#include "core/errno_table.h"

namespace ftriage::analysis::explainer {

// Traced edges parent -> C (for each C of |calls|) with no direct call
// in the source: the functions the source goes through between them are
// inlined.
void Explainer::InlinedBetween(const ExplainRun& run, const std::string& side,
                               const std::vector<NodeId>& calls) {
  if (in_.graph == nullptr || in_.source == nullptr) return;
  const CallForest& f = *run.forest;
  const Kallsyms* ks = run.kernel != nullptr && run.kernel->kallsyms
                           ? &run.kernel->kallsyms->data
                           : nullptr;
  for (NodeId id : calls) {
    NodeId parent = f.node(id).parent;
    if (parent.is_none()) continue;
    std::string a = CallName(f, parent);
    std::string c = CallName(f, id);
    if (in_.source->Lookup(a).empty()) continue;
    std::vector<std::string> callees = in_.graph->Callees(a);
    if (std::binary_search(callees.begin(), callees.end(),
                           kernel::SourceNameOf(c))) {
      continue;
    }
    std::vector<std::string> path =
        in_.graph->ShortestPath(a, c, kBetweenDepth);
    if (!Forced(path)) continue;
    for (size_t i = 1; i + 1 < path.size(); ++i) {
      const std::string& between = path[i];
      if (ks != nullptr && ks->HasFunction(between)) continue;
      Explanation x;
      x.kind = ExplanationKind::kInlined;
      x.function = between;
      x.kernel = side;
      bool proven = ks != nullptr && ks->complete();
      x.certainty = proven            ? Certainty::kHigh
                    : run.probes_only ? Certainty::kLow
                                      : Certainty::kMedium;
      x.sentence =
          between + " lies between " + a + " and " + c + " in the source (" +
          Join(path) + "); " + side + "'s trace shows " + a + " -> " + c +
          " directly: " + between + " is inlined" +
          (proven            ? " (no symbol in kallsyms)"
           : run.probes_only ? ", or was not probed (kallsyms would tell)"
                             : "");
      x.evidence.push_back(
          TraceEvidence(run, id, c + " called directly by " + a));
      for (const kernel::Definition* d : in_.source->Lookup(between)) {
        x.evidence.push_back({"source",
                              std::string(in_.source->FilePath(d->file)),
                              d->line, between + " defined"});
        break;
      }
      if (proven) {
        x.evidence.push_back({"kallsyms", run.kernel->kallsyms->path, 0,
                              between + " not listed"});
      }
      Add(std::move(x), kOther + 10);
    }
  }
}

// Whether the source leaves no other way from the path's first function
// to its last in as many calls: one function in between that is the only
// callee of the first calling the last, or longer chains whose every
// function in between has a single caller. Otherwise naming one of
// several ways would be a guess.
bool Explainer::Forced(const std::vector<std::string>& path) const {
  if (path.size() < 3) return false;
  if (path.size() == 3) {
    std::vector<std::string> from = in_.graph->Callees(path.front());
    std::vector<std::string> to = in_.graph->Callers(path.back());
    std::vector<std::string> both;
    std::set_intersection(from.begin(), from.end(), to.begin(), to.end(),
                          std::back_inserter(both));
    return both.size() == 1;
  }
  for (size_t i = 1; i + 1 < path.size(); ++i) {
    if (in_.graph->Callers(path[i]).size() != 1) return false;
  }
  return true;
}

std::string Explainer::Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : " -> ") + s;
  return out;
}

// Return probes without order (bcc): the source call graph orders them.
void Explainer::Order(const ErrorFinding& e) {
  if (in_.graph == nullptr) return;
  const CallForest& b = *in_.bad.forest;
  std::vector<std::string> names;
  std::map<std::string, NodeId> node_of;
  for (NodeId id : e.unordered) {
    names.push_back(CallName(b, id));
    node_of.emplace(names.back(), id);
  }
  std::vector<ChainLink> chain = OrderByCalls(*in_.graph, names, kChainDepth);
  if (chain.size() < 2) return;
  Explanation x;
  x.kind = ExplanationKind::kCallOrder;
  x.certainty =
      chain.size() == names.size() ? Certainty::kMedium : Certainty::kLow;
  x.function = chain.back().function;
  x.kernel = "BAD";
  std::string text;
  for (const ChainLink& l : chain) {
    for (const std::string& m : l.between) text += " -> (" + m + ")";
    text += (text.empty() ? "" : " -> ") + l.function;
    x.evidence.push_back(
        TraceEvidence(in_.bad, node_of[l.function],
                      l.function + " returned " + ErrnoLabel(e.errno_number)));
  }
  x.sentence = "the source orders the " + std::to_string(chain.size()) +
               " failing return probes into one call chain: " + text +
               " (parenthesized: not probed); the deepest, " + x.function +
               ", is where " + ErrnoLabel(e.errno_number) +
               " starts, if the source matches the traced kernel";
  if (chain.size() < names.size()) {
    x.sentence += "; " + std::to_string(names.size() - chain.size()) +
                  " probes do not fit the chain";
  }
  Add(std::move(x), kFromWindow);
  for (size_t i = 1; i < chain.size(); ++i) {
    for (const std::string& m : chain[i].between) {
      const std::string& a = chain[i - 1].function;
      const std::string& c = chain[i].function;
      Explanation y = ExplainAbsence(m, in_.bad, "BAD", in_.source);
      if (y.kind == ExplanationKind::kUnknown ||
          y.certainty == Certainty::kLow ||
          y.kind == ExplanationKind::kCompiledOut) {
        y.kind = ExplanationKind::kInlined;
        y.certainty = Certainty::kLow;
        y.option.clear();
        y.sentence = m + " lies between " + a + " and " + c +
                     " in the source; the capture shows no return of it: "
                     "inlined, or not probed (kallsyms of BAD's kernel "
                     "would tell)";
      }
      Add(std::move(y), kOther + 10);
    }
  }
}

}  // namespace ftriage::analysis::explainer
