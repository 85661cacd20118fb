// `ftriage report BAD [GOOD]`: the failure, and where BAD leaves GOOD, as
// one self-contained HTML page or as Markdown for a bug report.
#include <fstream>
#include <ostream>

#include "analysis/explain.h"
#include "cli/command_common.h"
#include "cli/explain_inputs.h"
#include "cli/report/report_html.h"
#include "cli/report/report_markdown.h"
#include "cli/report/report_model.h"

namespace ftriage::cli {
namespace {

// The command line as a shell would take it back.
std::string CommandLine(const std::vector<std::string>& args) {
  std::string out = "ftriage";
  for (const std::string& a : args) {
    bool plain = !a.empty() &&
                 a.find_first_not_of(
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                     "QRSTUVWXYZ0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      out += " " + a;
      continue;
    }
    out += " '";
    for (char c : a)
      out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += "'";
  }
  return out;
}

bool Markdown(const ReportOptions& o) {
  if (!o.format.empty()) return o.format == "md";
  return o.output.ends_with(".md");
}

}  // namespace

int RunReport(const GlobalOptions& g, const ReportOptions& o, const Io& io) {
  if (g.json) {
    *io.err << "ftriage: report writes HTML or Markdown (--format html|md); "
               "for JSON use diff --json or errors --json\n";
    return kExitError;
  }
  analysis::DiffOptions opts;
  if (!o.keep_noise) opts.noise = analysis::DefaultNoise();
  KernelInputs kernel;
  if (!LoadKernelInputs(o.kernel, io, &kernel)) return kExitError;
  LoadedTrace bad;
  LoadedTrace good;
  std::vector<RunToLoad> runs = {{{o.bad}, &bad}};
  if (!o.good.empty()) runs.push_back({{o.good}, &good});
  if (!LoadRunsOrReport(g, runs, io)) return kExitError;
  std::string error;
  auto report = BuildReport(
      bad, o.good.empty() ? nullptr : &good, {o.root_glob, o.good_at, o.bad_at},
      opts, {o.version, CommandLine(o.command_line), o.context}, &error);
  if (!report) {
    *io.err << "ftriage: " << error << "\n";
    return kExitError;
  }
  analysis::ExplainInput in;
  in.bad = MakeExplainRun(bad, kernel.bad);
  if (!o.good.empty()) in.good = MakeExplainRun(good, kernel.good);
  in.source = kernel.source.get();
  in.graph = kernel.graph.get();
  in.expect = o.kernel.expect;
  in.choice = {o.root_glob, o.good_at, o.bad_at};
  in.diff_options = opts;
  std::vector<analysis::Explanation> explanations;
  if (auto r = analysis::Explain(in, &error)) {
    explanations = std::move(r->explanations);
  }

  std::ofstream file;
  std::ostream* out = io.out;
  if (o.output != "-") {
    file.open(o.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      *io.err << "ftriage: " << o.output << ": cannot write\n";
      return kExitError;
    }
    out = &file;
  }
  if (Markdown(o)) {
    WriteMarkdownReport(*report, explanations, *out);
  } else {
    WriteHtmlReport(*report, explanations, *out);
  }
  out->flush();
  if (!*out) {
    *io.err << "ftriage: " << o.output << ": write failed\n";
    return kExitError;
  }
  PrintDiagnostics(g, bad, io);
  if (!o.good.empty()) PrintDiagnostics(g, good, io);
  return kExitOk;
}

}  // namespace ftriage::cli
