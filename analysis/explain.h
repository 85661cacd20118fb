#ifndef FTRIAGE_ANALYSIS_EXPLAIN_H_
#define FTRIAGE_ANALYSIS_EXPLAIN_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/error_origin.h"
#include "analysis/explanation.h"
#include "analysis/run_pairing.h"
#include "kernel/kernel_context.h"
#include "kernel/source_call_graph.h"
#include "kernel/source_index.h"

namespace ftriage::analysis {

// One run as `explain` sees it: its call trees, the input path of each
// FileId (for evidence), and what is known of the kernel it ran on.
struct ExplainRun {
  const CallForest* forest = nullptr;
  std::vector<std::string> paths;
  const KernelContext* kernel = nullptr;  // null: nothing known
  // retsnoop / bcc: only the functions the user selected were traced, so a
  // function missing from the trace may simply not have been selected.
  bool probes_only = false;
  // "x86", "arm64", ... from the syscall entry names; "" unknown. Source
  // definitions under other arch/ directories are not this kernel's.
  std::string arch;
};

// The input line of call |id| of |run| as evidence, with |what| it shows.
Evidence TraceEvidence(const ExplainRun& run, NodeId id,
                       const std::string& what);

// The architecture a trace's syscall entry points name (__x64_sys_*,
// __arm64_sys_*), "" when none does.
std::string TraceArch(const CallForest& forest);

struct ExplainInput {
  ExplainRun bad;
  std::optional<ExplainRun> good;
  const kernel::SourceIndex* source = nullptr;  // null: no source given
  const kernel::SourceCallGraph* graph = nullptr;
  std::vector<std::string> expect;  // --expect: functions or identifiers
  PairingChoice choice;
  DiffOptions diff_options;
};

// Where the explanations apply: the divergence (with GOOD) or BAD's error
// window, and the ranked explanations with their evidence.
struct ExplainResult {
  std::optional<Comparison> comparison;
  std::optional<ErrorFinding> failure;    // BAD's first failing call
  std::string focus;                      // one sentence: where, which lines
  std::vector<Explanation> explanations;  // best first
  std::vector<std::string> would_settle;  // inputs that would tell more
};

// Explains why functions the GOOD run, the source or --expect lead one to
// expect are absent from BAD's trace (inlined, notrace, compiled out, weak
// stubs, modules, capture filters), which functions are inlined between
// traced calls, the call order of unordered return probes, and which
// CONFIG_ differences touch the divergent region. nullopt with |error| set
// when BAD has neither a failing call nor a call to compare.
std::optional<ExplainResult> Explain(const ExplainInput& in,
                                     std::string* error);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPLAIN_H_
