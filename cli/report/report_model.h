#ifndef FTRIAGE_CLI_REPORT_REPORT_MODEL_H_
#define FTRIAGE_CLI_REPORT_REPORT_MODEL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/error_origin.h"
#include "analysis/explanation.h"
#include "analysis/run_pairing.h"
#include "analysis/tree_diff.h"
#include "cli/load_trace.h"
#include "cli/report/report_rows.h"

namespace ftriage::cli {

// What `ftriage report` shows, gathered once for the HTML and the Markdown
// writers: BAD's failing call and where its errno comes from, and with a
// GOOD run the comparison `ftriage diff` makes, as rows side by side.

struct ReportMeta {
  std::string version;       // "ftriage 0.1.0"
  std::string command_line;  // as typed, for reproducing the report
  size_t context = 3;        // common calls shown before the parting (md)
};

struct Report {
  const LoadedTrace* bad = nullptr;
  const LoadedTrace* good = nullptr;  // null: BAD alone
  analysis::Invocation bad_call;
  analysis::Invocation good_call;  // with GOOD
  analysis::TreeDiff diff;         // with GOOD
  // The failure of BAD's call (errors analysis); nullopt when it did not
  // fail (a call picked with --root or --bad-at).
  std::optional<analysis::ErrorFinding> failure;
  // What the captures may have hidden in the reported calls.
  std::vector<analysis::CaptureNote> capture_notes;
  RowTree rows;
  ReportMeta meta;
};

// Picks BAD's call (and GOOD's, when |good| is given) as `diff` does, finds
// the failure and builds the rows. nullopt with |error| set when a run has
// no call to report on.
std::optional<Report> BuildReport(const LoadedTrace& bad,
                                  const LoadedTrace* good,
                                  const analysis::PairingChoice& choice,
                                  const analysis::DiffOptions& options,
                                  ReportMeta meta, std::string* error);

// The failure as `errors --json` writes it (syscall, args_decoded, errno
// {number, name, meaning}, origin or error window, chain, notes); null
// without one.
nlohmann::ordered_json FailureJson(const Report& r);

// "bpf fails with -22 EINVAL"; the call's name when it did not fail.
std::string ReportTitle(const Report& r);

// Explanations highest rank first, in input order among equals.
std::vector<const analysis::Explanation*> RankedExplanations(
    const std::vector<analysis::Explanation>& explanations);

// How often a diagnostic code occurred while reading one run.
struct DiagnosticCount {
  const char* run;  // "BAD" or "GOOD"
  DiagCode code;
  uint64_t count;
};
// Every code that occurred, BAD's first.
std::vector<DiagnosticCount> DiagnosticCounts(const Report& r);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_REPORT_REPORT_MODEL_H_
