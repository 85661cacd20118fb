#ifndef FTRIAGE_ANALYSIS_EXPLAINER_H_
#define FTRIAGE_ANALYSIS_EXPLAINER_H_

// The Explainer behind Explain() (explain.h), declared here for the files
// that implement its parts, and used nowhere else:
// - explain.cc: ranking, capture limits, what would settle the rest;
// - explain_focus.cc: the divergence or the error window, and the source
//   calls that ran unseen there;
// - explain_links.cc: functions inlined between traced calls, and the call
//   order of return probes;
// - explain_expected.cc: stubs that ran, --expect, config differences.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/explain.h"

namespace ftriage::analysis::explainer {

// How far to look: source levels spliced, steps per function, candidates
// taken after the last traced call, calls between two traced ones.
inline constexpr size_t kSpliceDepth = 5;
inline constexpr size_t kMaxSteps = 600;
inline constexpr size_t kWindowCandidates = 10;
inline constexpr size_t kWindowSteps = 80;
inline constexpr size_t kBetweenDepth = 4;
inline constexpr size_t kChainDepth = 10;
inline constexpr size_t kMaxTraceCandidates = 12;

// A capture limit that hides the focus outranks everything: what the trace
// lacks there says nothing about the kernel.
enum Source {
  kFromCapture = 300,
  kFromExpect = 50,
  kFromWindow = 40,
  kFromDiff = 30,
  kOther = 0
};

class Explainer {
 public:
  Explainer(const ExplainInput& in, ExplainResult* r) : in_(in), r_(*r) {}

  void Run();

 private:
  // Every function name of a run's trace, as the source names them.
  static std::set<std::string> TracedNames(const ExplainRun& run);

  const std::set<std::string>& Traced(const ExplainRun& run);

  // What BAD's and GOOD's captures hid (max_graph_depth, tracing_thresh).
  // When BAD's hides the callees of the call the divergence or the error
  // window is in, that comes first, and a traceable function missing there
  // is no longer "not called": the capture could not have shown it.
  void CaptureLimitsFirst();

  // Adds |x| unless the same function is already explained for that kernel
  // (the first, from the strongest source, stays).
  void Add(Explanation x, int bonus);

  void Absent(const std::string& fn, const ExplainRun& run,
              const std::string& side, int bonus, std::vector<Evidence> why);

  // ---------------------------------------------------------- with GOOD
  void FromComparison(const Comparison& c);

  // ---------------------------------------------------------- BAD only
  void FromFailure();

  // A static inline helper that calls nothing and is never configured out
  // (PTR_ERR, bpfptr_is_kernel): it cannot hide where a run went.
  bool TrivialHelper(const std::string& fn) const;

  // The source calls |parent| makes after BAD's last traced call in it,
  // up to |good_next| (GOOD's next call) when the source shows it, else
  // the first few: the code that ran unseen before BAD returned.
  void Window(NodeId parent, const std::string& good_next);

  // The calls from |root| down to |parent| and |parent|'s children: the
  // traced edges whose inlined functions matter to the divergence.
  static std::vector<NodeId> PathAndChildren(const CallForest& f, NodeId root,
                                             NodeId parent);

  // Traced edges parent -> C (for each C of |calls|) with no direct call
  // in the source: the functions the source goes through between them are
  // inlined.
  void InlinedBetween(const ExplainRun& run, const std::string& side,
                      const std::vector<NodeId>& calls);

  // Whether the source leaves no other way from the path's first function
  // to its last in as many calls: one function in between that is the only
  // callee of the first calling the last, or longer chains whose every
  // function in between has a single caller. Otherwise naming one of
  // several ways would be a guess.
  bool Forced(const std::vector<std::string>& path) const;

  static std::string Join(const std::vector<std::string>& v);

  // Return probes without order (bcc): the source call graph orders them.
  void Order(const ErrorFinding& e);

  // Functions the trace does call that are weak stubs in BAD's kernel
  // (COND_SYSCALL: the real syscall is compiled out).
  void TracedStubs(const ExplainRun& run, const std::string& side);

  // --expect NAME: a function or identifier the user expected on the path.
  void Expected(const std::string& name);

  // Where |name| is registered outside function bodies (an ops table, a
  // type table entry), two levels deep: a condition there gates it.
  void References(const std::string& name, Explanation* x);

  // ---------------------------------------------------------- configs
  void ConfigDifferences();

  void Settle();

  const ExplainInput& in_;
  ExplainResult& r_;
  std::set<std::string> seen_;
  std::set<std::string> region_;
  std::map<std::string, std::string> named_options_;
  std::map<std::string, std::string> call_site_options_;
  std::set<std::string> bad_names_;
  std::set<std::string> good_names_;
  // Why BAD's trace cannot show the calls at its focus; "" when it can.
  std::string capture_hides_bad_;
  // With BAD's tracing_thresh hiding its focus: GOOD's shortest call of
  // each function in its compared call that took less than BAD's shortest.
  std::map<std::string, NodeId> good_under_threshold_;
};

}  // namespace ftriage::analysis::explainer

#endif  // FTRIAGE_ANALYSIS_EXPLAINER_H_
