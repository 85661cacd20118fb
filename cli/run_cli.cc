#include "cli/run_cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <functional>
#include <memory>
#include <ostream>

#include "cli/cli_model.h"
#include "cli/completion.h"
#include "cli/explain_inputs.h"
#include "cli/man_page.h"
#include "cli/options.h"
#include "cli/pager.h"

namespace ftriage::cli {
namespace {

constexpr const char* kVersion = "ftriage 0.1.0";

constexpr const char* kFooter = R"(Examples:
  ftriage tree trace.txt                       call trees per task
  ftriage tree --errors-only trace.txt.gz      only paths to failing calls
  ftriage parse --json trace.txt | jq .skipped what was read, what was not
  ftriage errors trace.txt                     failing calls, errno origins

Exit status: 0 ok, 1 found (diff/errors), 2 error.)";

std::string FormatChoices() {
  std::string out;
  for (const std::string& name : parser::FormatNames()) {
    out += (out.empty() ? "" : "|") + name;
  }
  return out;
}

// |format_flag| names the input-format option (report's --format is its
// output format).
void AddGlobalOptions(CLI::App* app, GlobalOptions* g,
                      const char* format_flag = "--format") {
  app->add_option("--color", g->color, "When to color output")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{{"auto", ColorMode::kAuto},
                                           {"always", ColorMode::kAlways},
                                           {"never", ColorMode::kNever}},
          CLI::ignore_case))
      ->option_text("auto|always|never (default: auto)");
  app->add_option(format_flag, g->input_format,
                  "Input format instead of detection")
      ->check(CLI::IsMember(parser::FormatNames()))
      ->option_text(FormatChoices());
  app->add_flag("--json", g->json, "JSON output (schema in README)");
  app->add_flag("-v,--verbose", g->verbose,
                "Show every diagnostic kind, info included");
  app->add_option("--max-diagnostics", g->max_diagnostics,
                  "Diagnostics shown per kind on stderr (default 5)");
  app->add_flag("--no-pager", g->no_pager,
                "Never page output to a terminal (see PAGER)");
}

// --root, --good-at, --bad-at and --keep-noise: which calls diff, report
// and explain compare. |verb| starts the help of --root and --bad-at.
void AddPairingOptions(CLI::App* cmd, const std::string& verb,
                       std::string* root_glob, LineNo* good_at, LineNo* bad_at,
                       bool* keep_noise) {
  cmd->add_option("--root", *root_glob,
                  verb + " calls matching GLOB (default: BAD's failing call)");
  cmd->add_option("--good-at", *good_at,
                  "Compare GOOD's call starting at this line");
  cmd->add_option("--bad-at", *bad_at,
                  verb + " BAD's call starting at this line");
  cmd->add_flag("--keep-noise", *keep_noise,
                "Set nothing aside: compare interrupts, scheduling, RCU");
}

// Every value the command line sets.
struct CliValues {
  GlobalOptions g;
  ParseOptions parse;
  TreeOptions tree;
  ErrorsOptions errors;
  DiffCliOptions diff;
  ExportOptions exp;
  ReportOptions report;
  ExplainCliOptions explain;
  IndexOptions index;
  std::string shell;  // completion
};

// The one definition of the command line: parsing, --help, the completion
// scripts and the man page all come from it.
std::unique_ptr<CLI::App> BuildApp(CliValues* v) {
  auto owned = std::make_unique<CLI::App>(
      "Analyze Linux kernel trace logs offline (ftrace function_graph and "
      "function tracer, trace-cmd, perf ftrace, retsnoop, bcc trace and "
      "syscount): repaired call trees per task, decoded return values.",
      "ftriage");
  CLI::App& app = *owned;
  app.set_version_flag("--version", kVersion);
  app.footer(kFooter);
  app.require_subcommand(1);
  GlobalOptions& g = v->g;

  ParseOptions& parse = v->parse;
  CLI::App* parse_cmd = app.add_subcommand(
      "parse", "Report what was read: format, columns, counts, skipped lines");
  AddGlobalOptions(parse_cmd, &g);
  parse_cmd->add_option("files", parse.files, "Trace files ('-' = stdin)")
      ->required();
  parse_cmd->add_flag("--events", parse.events,
                      "One JSON line per event read (the raw map)");
  parse_cmd->footer(
      "Examples:\n  ftriage parse trace.txt\n"
      "  ftriage parse --json trace.txt.zst\n  cat trace.txt | ftriage parse "
      "-");

  TreeOptions& tree = v->tree;
  CLI::App* tree_cmd = app.add_subcommand(
      "tree", "Print the repaired call trees per task, with return values");
  AddGlobalOptions(tree_cmd, &g);
  tree_cmd->add_option("files", tree.files, "Trace files ('-' = stdin)")
      ->required();
  tree_cmd->add_option("--root", tree.filter.root_glob,
                       "Show only calls matching GLOB (outermost) as roots");
  tree_cmd->add_option("--pid", tree.filter.pid, "Only this task id");
  tree_cmd->add_option("--comm", tree.filter.comm_glob,
                       "Only tasks whose name matches GLOB");
  tree_cmd->add_option("--cpu", tree.filter.cpu, "Only roots that ran on CPU");
  tree_cmd->add_option("--depth", tree.filter.max_depth,
                       "Levels shown below each root");
  tree_cmd->add_option("--min-duration", tree.min_duration,
                       "Hide calls shorter than this (10us, 1.5ms, 200ns)");
  tree_cmd->add_flag("--errors-only", tree.filter.errors_only,
                     "Keep only paths to calls that returned an errno");
  tree_cmd->footer(
      "Examples:\n  ftriage tree trace.txt\n"
      "  ftriage tree --root '*sys_bpf' --errors-only trace.txt\n"
      "  ftriage tree --comm busybox --depth 2 --min-duration 10us trace.txt\n"
      "  ftriage tree --json trace.txt.gz");

  ErrorsOptions& errors = v->errors;
  CLI::App* errors_cmd = app.add_subcommand(
      "errors", "Find failing calls: errno, origin, propagation chain");
  AddGlobalOptions(errors_cmd, &g);
  errors_cmd->add_option("files", errors.files, "Trace files ('-' = stdin)")
      ->required();
  errors_cmd->add_option("--errno", errors.errno_text,
                         "Only this errno (ENOSPC, -28 or 28)");
  errors_cmd->add_option("--syscall", errors.filter.syscall,
                         "Only this syscall (bpf, mount, openat)");
  errors_cmd->add_option("--root", errors.filter.root_glob,
                         "Failing calls are outermost calls matching GLOB");
  errors_cmd->add_option("--pid", errors.filter.pid, "Only this task id");
  errors_cmd->add_option("--comm", errors.filter.comm_glob,
                         "Only tasks whose name matches GLOB");
  errors_cmd->add_flag("--all", errors.all,
                       "List every failure (default: identical ones folded)");
  errors_cmd->footer(
      "Examples:\n  ftriage errors trace.txt\n"
      "  ftriage errors --syscall bpf --errno EINVAL trace.txt\n"
      "  ftriage errors --json retsnoop.log | jq '.failures[].origin'\n\n"
      "Exit status: 0 no failing call, 1 failing calls found, 2 error.");

  DiffCliOptions& diff = v->diff;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff", "Compare a good and a failing run: the divergence point");
  AddGlobalOptions(diff_cmd, &g);
  diff_cmd->add_option("good", diff.good, "The run that works")->required();
  diff_cmd->add_option("bad", diff.bad, "The run that fails")->required();
  AddPairingOptions(diff_cmd, "Compare", &diff.root_glob, &diff.good_at,
                    &diff.bad_at, &diff.keep_noise);
  diff_cmd->add_option("--rename", diff.renames,
                       "OLD=NEW: a function renamed between the kernels");
  diff_cmd->add_option("--rename-file", diff.rename_file,
                       "File of OLD=NEW lines (# comments), as --rename");
  diff_cmd->add_option("--noise", diff.noise_file,
                       "File of name globs to set aside (replaces the "
                       "default list)");
  diff_cmd->add_option("-C,--context", diff.context,
                       "Common calls shown before the parting (default 3)");
  diff_cmd->add_option("--good-part", diff.good_parts,
                       "Another file of the GOOD run (repeatable; formats "
                       "may differ)");
  diff_cmd->add_option("--bad-part", diff.bad_parts,
                       "Another file of the BAD run (repeatable)");
  diff_cmd->add_option("--good", diff.more_good,
                       "Another good run (repeatable): tells deterministic "
                       "differences from run-to-run variation");
  diff_cmd->add_option("--bad", diff.more_bad,
                       "Another failing run (repeatable)");
  diff_cmd->add_flag("--side-by-side", diff.side_by_side,
                     "Print the tree diff as two columns, GOOD | BAD");
  diff_cmd->add_flag("--stats", diff.stats,
                     "Also compare calls and time per function, whole runs");
  diff_cmd->add_flag("--folded", diff.folded,
                     "Print the compared calls' stacks as 'STACK GOOD BAD' "
                     "call counts (as difffolded.pl writes)");
  diff_cmd->footer(
      "Examples:\n  ftriage diff good.trace bad.trace\n"
      "  ftriage diff --root '*sys_bpf' --json good.txt bad.txt\n"
      "  ftriage diff --good-at 11 --bad-at 5 both.trace both.trace\n\n"
      "Exit status: 0 no difference, 1 differences found, 2 error.");

  ExportOptions& exp = v->exp;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "Write the call trees for Perfetto, flame graphs, Graphviz");
  AddGlobalOptions(export_cmd, &g);
  export_cmd->add_option("files", exp.files, "Trace files ('-' = stdin)")
      ->required();
  export_cmd->add_option("--to", exp.to, "Output format")
      ->required()
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ExportFormat>{{"chrome", ExportFormat::kChrome},
                                              {"folded", ExportFormat::kFolded},
                                              {"dot", ExportFormat::kDot},
                                              {"json", ExportFormat::kJson}}))
      ->option_text("chrome|folded|dot|json");
  export_cmd->add_option("-o,--output", exp.output,
                         "Write to this file instead of stdout");
  export_cmd->add_option("--weight", exp.weight, "folded: what a stack counts")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, analysis::FoldWeight>{
              {"count", analysis::FoldWeight::kCount},
              {"duration", analysis::FoldWeight::kSelfDuration}}))
      ->option_text("count|duration (default: count; duration: self ns)");
  export_cmd->add_option("--max-nodes", exp.max_nodes,
                         "dot: functions kept, most called first; failing "
                         "paths always (default 200)");
  export_cmd->add_option("--root", exp.filter.root_glob,
                         "Only calls matching GLOB (outermost) as roots");
  export_cmd->add_option("--pid", exp.filter.pid, "Only this task id");
  export_cmd->add_option("--comm", exp.filter.comm_glob,
                         "Only tasks whose name matches GLOB");
  export_cmd->add_option("--cpu", exp.filter.cpu, "Only roots that ran on CPU");
  export_cmd->add_flag("--errors-only", exp.filter.errors_only,
                       "Keep only paths to calls that returned an errno");
  export_cmd->footer(
      "Examples:\n  ftriage export --to chrome -o trace.json trace.txt   "
      "(open in ui.perfetto.dev)\n"
      "  ftriage export --to folded trace.txt | flamegraph.pl > fg.svg\n"
      "  ftriage export --to dot --errors-only trace.txt | dot -Tsvg > g.svg");

  ReportOptions& report = v->report;
  report.version = kVersion;
  CLI::App* report_cmd = app.add_subcommand(
      "report", "Write the failure and the divergence as HTML or Markdown");
  AddGlobalOptions(report_cmd, &g, "--input-format");
  report_cmd->add_option("bad", report.bad, "The run that fails")->required();
  report_cmd->add_option("good", report.good, "A run that works (optional)");
  report_cmd->add_option("-o,--output", report.output,
                         "Write to this file instead of stdout");
  report_cmd->add_option("--format", report.format, "Output format")
      ->check(CLI::IsMember({"html", "md"}))
      ->option_text("html|md (default: md if -o ends in .md, else html)");
  AddPairingOptions(report_cmd, "Report on", &report.root_glob, &report.good_at,
                    &report.bad_at, &report.keep_noise);
  report_cmd->add_option("-C,--context", report.context,
                         "md: common calls shown before the parting "
                         "(default 3)");
  AddKernelInputOptions(report_cmd, &report.kernel);
  report_cmd->footer(
      "Examples:\n  ftriage report bad.trace good.trace -o report.html\n"
      "  ftriage report --format md bad.trace good.trace > report.md\n"
      "  ftriage report bad.trace -o report.html     (BAD alone)\n\n"
      "Exit status: 0 report written, 2 error.");

  ExplainCliOptions& explain = v->explain;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain",
      "Why expected functions are missing: inlined, notrace, weak stubs, "
      "CONFIG_ options");
  AddGlobalOptions(explain_cmd, &g);
  explain_cmd->add_option("bad", explain.bad, "The run that fails")->required();
  explain_cmd->add_option("good", explain.good, "A run that works (optional)");
  AddKernelInputOptions(explain_cmd, &explain.kernel);
  AddPairingOptions(explain_cmd, "Explain", &explain.root_glob,
                    &explain.good_at, &explain.bad_at, &explain.keep_noise);
  explain_cmd->footer(
      "Examples:\n"
      "  ftriage explain bad.trace good.trace --bad-kernel bad-kernel/ "
      "--good-kernel good-kernel/ --source-index linux-6.1.ftidx\n"
      "  ftriage explain bad.trace --bad-kernel /proc/kallsyms --expect "
      "xsk_map_alloc --source ~/linux\n\n"
      "Exit status: 0 nothing to explain, 1 explanations found, 2 error.");

  IndexOptions& index = v->index;
  CLI::App* index_cmd =
      app.add_subcommand("index", "Index a Linux source tree for `explain`");
  index_cmd->add_option("src", index.source_dir, "Kernel source directory")
      ->required();
  index_cmd->add_option("-o,--output", index.output, "Index file to write")
      ->required();
  index_cmd->add_option("-j,--jobs", index.jobs,
                        "Threads (default: one per core)");
  index_cmd->footer(
      "Example:\n  ftriage index ~/linux-6.12 -o linux-6.12.idx -j 2");

  CLI::App* completion_cmd = app.add_subcommand(
      "completion", "Print the shell completion script for bash or zsh");
  completion_cmd->add_option("shell", v->shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  completion_cmd->footer(
      "Examples:\n  source <(ftriage completion bash)\n"
      "  ftriage completion zsh > \"${fpath[1]}/_ftriage\"");
  CLI::App* man_cmd =
      app.add_subcommand("man", "Print the manual page ftriage(1) in roff");
  man_cmd->footer("Example:\n  ftriage man | man -l -");
  return owned;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const Io& io) {
  CliValues v;
  std::unique_ptr<CLI::App> app = BuildApp(&v);
  v.report.command_line = args;
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app->parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app->exit(e, *io.out, *io.err) == 0 ? kExitOk : kExitError;
  }
  const GlobalOptions& g = v.g;
  auto paged = [&](const std::function<int(const Io&)>& run) {
    return RunPaged(!g.no_pager, io, run);
  };
  if (app->got_subcommand("parse")) return RunParse(g, v.parse, io);
  if (app->got_subcommand("errors")) {
    return paged([&](const Io& p) { return RunErrors(g, v.errors, p); });
  }
  if (app->got_subcommand("diff")) {
    return paged([&](const Io& p) { return RunDiff(g, v.diff, p); });
  }
  if (app->got_subcommand("export")) return RunExport(g, v.exp, io);
  if (app->got_subcommand("report")) return RunReport(g, v.report, io);
  if (app->got_subcommand("index")) return RunIndex(v.index, io);
  if (app->got_subcommand("explain")) {
    return paged([&](const Io& p) { return RunExplain(g, v.explain, p); });
  }
  if (app->got_subcommand("completion")) {
    const CliModel model = DescribeCli(*app);
    *io.out << (v.shell == "bash" ? BashCompletion(model)
                                  : ZshCompletion(model));
    return kExitOk;
  }
  if (app->got_subcommand("man")) {
    *io.out << ManPage(DescribeCli(*app), kVersion);
    return kExitOk;
  }
  return paged([&](const Io& p) { return RunTree(g, v.tree, p); });
}

}  // namespace ftriage::cli
