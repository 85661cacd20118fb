#include "analysis/explain.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "analysis/explain_absence.h"
#include "analysis/explain_config.h"
#include "analysis/source_facts.h"
#include "analysis/source_sequence.h"
#include "analysis/tree_walk.h"
#include "core/errno_table.h"
#include "kernel/config_condition.h"

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

// How far to look: source levels spliced, steps per function, candidates
// taken after the last traced call, calls between two traced ones.
constexpr size_t kSpliceDepth = 5;
constexpr size_t kMaxSteps = 600;
constexpr size_t kWindowCandidates = 10;
constexpr size_t kWindowSteps = 80;
constexpr size_t kBetweenDepth = 4;
constexpr size_t kChainDepth = 10;
constexpr size_t kMaxTraceCandidates = 12;

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
enum Source { kFromExpect = 50, kFromWindow = 40, kFromDiff = 30, kOther = 0 };

class Explainer {
 public:
  Explainer(const ExplainInput& in, ExplainResult* r) : in_(in), r_(*r) {}

  void Run() {
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

 private:
  static std::string Name(const CallForest& f, NodeId id) {
    if (id.is_none()) return "-";
    StringId n = f.func(id);
    return n.is_none() ? "?" : std::string(f.name(n));
  }

  static Evidence TraceLine(const ExplainRun& run, NodeId id,
                            const std::string& what) {
    const CallNode& n = run.forest->node(id);
    std::string path = n.file.is_none() || n.file.value >= run.paths.size()
                           ? "?"
                           : run.paths[n.file.value];
    return {"trace", path, n.line, what};
  }

  // Every function name of a run's trace, as the source names them.
  static std::set<std::string> TracedNames(const ExplainRun& run) {
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

  const std::set<std::string>& Traced(const ExplainRun& run) {
    std::set<std::string>& cache = &run == &in_.bad ? bad_names_ : good_names_;
    if (cache.empty()) cache = TracedNames(run);
    return cache;
  }

  // Adds |x| unless the same function is already explained for that kernel
  // (the first, from the strongest source, stays).
  void Add(Explanation x, int bonus) {
    x.rank = CertaintyWeight(x.certainty) + KindWeight(x.kind) + bonus;
    std::string key = x.function + "|" + x.kernel + "|" +
                      (x.function.empty() ? x.option : "");
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

  void Absent(const std::string& fn, const ExplainRun& run,
              const std::string& side, int bonus, std::vector<Evidence> why) {
    Explanation x = ExplainAbsence(fn, run, side, in_.source);
    x.evidence.insert(x.evidence.begin(), why.begin(), why.end());
    Add(std::move(x), bonus);
  }

  // ---------------------------------------------------------- with GOOD
  void FromComparison(const Comparison& c) {
    const CallForest& g = *in_.good->forest;
    const CallForest& b = *in_.bad.forest;
    const TreeDiff& d = c.diff;
    if (d.divergence) {
      const Divergence& v = *d.divergence;
      r_.focus = "divergence in " + Name(b, v.bad_parent) + " (BAD line " +
                 std::to_string(b.line(v.bad_parent)) + ")";
      if (!v.last_common_bad.is_none()) {
        r_.focus += " after " + Name(b, v.last_common_bad) + " (BAD line " +
                    std::to_string(b.line(v.last_common_bad)) + ")";
      }
      if (!v.first_good_only.is_none()) {
        r_.focus += "; GOOD then calls " + Name(g, v.first_good_only) +
                    " (GOOD line " + std::to_string(g.line(v.first_good_only)) +
                    ")";
      }
      r_.focus += "; BAD " + v.bad_outcome;
      NodeId next = v.first_good_only;
      Window(v.bad_parent, next.is_none() ? std::string() : Name(g, next));
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
        std::string fn = Name(g, x.good);
        bool collapsed = x.kind == DifferenceKind::kCollapsedInBad;
        Evidence why =
            TraceLine(*in_.good, x.good,
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
                       std::to_string(g.line(x.good)) +
                       "); if BAD runs the same kernel, BAD's run did not "
                       "call it" +
                       other;
        }
        e.evidence.insert(e.evidence.begin(), why);
        Add(std::move(e), kFromDiff + (x.on_failing_path ? 5 : 0));
        region_.insert(fn);
      } else if (x.kind == DifferenceKind::kOnlyBad && in_.good->kernel) {
        ++taken;
        std::string fn = Name(b, x.bad);
        Absent(fn, *in_.good, "GOOD", kOther,
               {TraceLine(in_.bad, x.bad, fn + ": called only by BAD")});
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

  // ---------------------------------------------------------- BAD only
  void FromFailure() {
    const CallForest& b = *in_.bad.forest;
    if (!r_.failure) return;
    const ErrorFinding& e = *r_.failure;
    std::string what =
        (e.root.is_none() ? std::string("a call") : Name(b, e.root)) +
        " returns " + ErrnoLabel(e.errno_number);
    if (!e.origin.is_none()) {
      r_.focus = what + "; origin " + Name(b, e.origin) + " (line " +
                 std::to_string(b.line(e.origin)) + ")";
      Window(e.origin, "");
    } else if (!e.window_parent.is_none()) {
      r_.focus = what + "; error window in " + Name(b, e.window_parent) +
                 (e.window_after.is_none()
                      ? std::string()
                      : " after " + Name(b, e.window_after) + " (line " +
                            std::to_string(b.line(e.window_after)) + ")");
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
  bool TrivialHelper(const std::string& fn) const {
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
  void Window(NodeId parent, const std::string& good_next) {
    const ExplainRun& run = in_.bad;
    const CallForest& b = *run.forest;
    std::string pname = Name(b, parent);
    if (b.flags(parent) & (kLostInside | kExitMissing)) {
      Explanation x;
      x.kind = ExplanationKind::kFilteredByCapture;
      x.certainty = Certainty::kHigh;
      x.function = pname;
      x.kernel = "BAD";
      x.sentence = "the trace lost events inside " + pname +
                   ": the calls missing from BAD may be among the lost "
                   "ones rather than absent";
      x.evidence.push_back(
          TraceLine(run, parent, pname + " has events lost inside"));
      Add(std::move(x), kFromWindow + 15);
    }
    if (in_.source == nullptr) return;
    std::set<std::string> children;
    for (NodeId c : b.children(parent)) {
      children.insert(kernel::SourceNameOf(Name(b, c)));
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
      std::string name = kernel::SourceNameOf(Name(b, c));
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
      if (traced.contains(s.callee) ||
          s.callee == kernel::SourceNameOf(pname) ||
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
  static std::vector<NodeId> PathAndChildren(const CallForest& f, NodeId root,
                                             NodeId parent) {
    std::vector<NodeId> out;
    for (NodeId id = parent; !id.is_none() && id != root; id = f.parent(id)) {
      out.push_back(id);
    }
    if (!parent.is_none()) {
      for (NodeId c : f.children(parent)) out.push_back(c);
    }
    return out;
  }

  // Traced edges parent -> C (for each C of |calls|) with no direct call
  // in the source: the functions the source goes through between them are
  // inlined.
  void InlinedBetween(const ExplainRun& run, const std::string& side,
                      const std::vector<NodeId>& calls) {
    if (in_.graph == nullptr || in_.source == nullptr) return;
    const CallForest& f = *run.forest;
    const Kallsyms* ks = run.kernel != nullptr && run.kernel->kallsyms
                             ? &run.kernel->kallsyms->data
                             : nullptr;
    for (NodeId id : calls) {
      NodeId parent = f.parent(id);
      if (parent.is_none()) continue;
      std::string a = Name(f, parent);
      std::string c = Name(f, id);
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
            TraceLine(run, id, c + " called directly by " + a));
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
  bool Forced(const std::vector<std::string>& path) const {
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

  static std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : " -> ") + s;
    return out;
  }

  // Return probes without order (bcc): the source call graph orders them.
  void Order(const ErrorFinding& e) {
    if (in_.graph == nullptr) return;
    const CallForest& b = *in_.bad.forest;
    std::vector<std::string> names;
    std::map<std::string, NodeId> node_of;
    for (NodeId id : e.unordered) {
      names.push_back(Name(b, id));
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
          TraceLine(in_.bad, node_of[l.function],
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

  // Functions the trace does call that are weak stubs in BAD's kernel
  // (COND_SYSCALL: the real syscall is compiled out).
  void TracedStubs(const ExplainRun& run, const std::string& side) {
    const Kallsyms* ks = run.kernel != nullptr && run.kernel->kallsyms
                             ? &run.kernel->kallsyms->data
                             : nullptr;
    if (ks == nullptr) return;
    const CallForest& f = *run.forest;
    std::set<StringId> done;
    for (size_t i = 0; i < f.size(); ++i) {
      NodeId id{static_cast<uint32_t>(i)};
      StringId n = f.func(id);
      if (n.is_none() || !done.insert(n).second) continue;
      std::string fn(f.name(n));
      std::vector<KernelSymbol> syms = ks->Find(fn);
      if (syms.empty() || !IsWeak(syms.front().type) ||
          !IsText(syms.front().type)) {
        continue;
      }
      Explanation x = ExplainAbsence(fn, run, side, in_.source);
      x.sentence = "the traced call " + fn + " (line " +
                   std::to_string(f.line(id)) + ") runs a stub: " + x.sentence;
      x.evidence.insert(x.evidence.begin(), TraceLine(run, id, fn + " called"));
      Add(std::move(x), kFromWindow + 20);
    }
  }

  // --expect NAME: a function or identifier the user expected on the path.
  void Expected(const std::string& name) {
    const CallForest& b = *in_.bad.forest;
    for (size_t i = 0; i < b.size(); ++i) {
      NodeId id{static_cast<uint32_t>(i)};
      if (!b.func(id).is_none() &&
          kernel::SourceNameOf(Name(b, id)) == kernel::SourceNameOf(name)) {
        Explanation x;
        x.kind = ExplanationKind::kNotCalled;
        x.certainty = Certainty::kHigh;
        x.function = name;
        x.kernel = "BAD";
        x.sentence = name + " is in BAD's trace (line " +
                     std::to_string(b.line(id)) + "): it is not absent";
        x.evidence.push_back(TraceLine(in_.bad, id, name + " called"));
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
  void References(const std::string& name, Explanation* x) {
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
          chain += (chain.empty() ? "" : "; ") + n + " is used in " + ctx +
                   " (" + path + ":" + std::to_string(r.line) + ")";
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

  // ---------------------------------------------------------- configs
  void ConfigDifferences() {
    if (!in_.good || in_.good->kernel == nullptr || in_.bad.kernel == nullptr ||
        !in_.good->kernel->config || !in_.bad.kernel->config) {
      return;
    }
    if (r_.comparison && r_.comparison->diff.divergence) {
      const Divergence& v = *r_.comparison->diff.divergence;
      const CallForest& g = *in_.good->forest;
      if (!v.first_good_only.is_none()) {
        WalkPreOrder(g, v.first_good_only, [&](NodeId id, int) {
          region_.insert(Name(g, id));
          return true;
        });
      }
    }
    size_t unlinked = 0;
    for (Explanation& x : RankConfigDifferences(
             *in_.good->kernel->config, *in_.bad.kernel->config, in_.source,
             in_.bad.arch, region_, named_options_, call_site_options_,
             &unlinked)) {
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

  void Settle() {
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

  const ExplainInput& in_;
  ExplainResult& r_;
  std::set<std::string> seen_;
  std::set<std::string> region_;
  std::map<std::string, std::string> named_options_;
  std::map<std::string, std::string> call_site_options_;
  std::set<std::string> bad_names_;
  std::set<std::string> good_names_;
};

}  // namespace

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
    r.focus = "no failing call in BAD; explaining " +
              std::string(in.bad.forest->name(in.bad.forest->func(bi->call))) +
              " (line " + std::to_string(in.bad.forest->line(bi->call)) + ")";
  }
  Explainer(in, &r).Run();
  return r;
}

}  // namespace ftriage::analysis
