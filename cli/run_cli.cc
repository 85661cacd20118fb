#include "cli/run_cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "cli/options.h"

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

void AddGlobalOptions(CLI::App* app, GlobalOptions* g) {
  app->add_option("--color", g->color, "When to color output")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{{"auto", ColorMode::kAuto},
                                           {"always", ColorMode::kAlways},
                                           {"never", ColorMode::kNever}},
          CLI::ignore_case))
      ->option_text("auto|always|never (default: auto)");
  app->add_option("--format", g->input_format,
                  "Input format instead of detection")
      ->check(CLI::IsMember(parser::FormatNames()))
      ->option_text(FormatChoices());
  app->add_flag("--json", g->json, "JSON output (schema in README)");
  app->add_flag("-v,--verbose", g->verbose,
                "Show every diagnostic kind, info included");
  app->add_option("--max-diagnostics", g->max_diagnostics,
                  "Diagnostics shown per kind on stderr (default 5)");
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const Io& io) {
  CLI::App app{
      "Analyze Linux kernel trace logs offline (ftrace function_graph and "
      "function tracer, trace-cmd, perf ftrace, retsnoop, bcc trace and "
      "syscount): repaired call trees per task, decoded return values.",
      "ftriage"};
  app.set_version_flag("--version", kVersion);
  app.footer(kFooter);
  app.require_subcommand(1);
  GlobalOptions g;

  ParseOptions parse;
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

  TreeOptions tree;
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

  ErrorsOptions errors;
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

  DiffCliOptions diff;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff", "Compare a good and a failing run: the divergence point");
  AddGlobalOptions(diff_cmd, &g);
  diff_cmd->add_option("good", diff.good, "The run that works")->required();
  diff_cmd->add_option("bad", diff.bad, "The run that fails")->required();
  diff_cmd->add_option("--root", diff.root_glob,
                       "Compare calls matching GLOB (default: BAD's failing "
                       "call)");
  diff_cmd->add_option("--good-at", diff.good_at,
                       "Compare GOOD's call starting at this line");
  diff_cmd->add_option("--bad-at", diff.bad_at,
                       "Compare BAD's call starting at this line");
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
  diff_cmd->add_flag("--keep-noise", diff.keep_noise,
                     "Set nothing aside: compare interrupts, scheduling, RCU");
  diff_cmd->footer(
      "Examples:\n  ftriage diff good.trace bad.trace\n"
      "  ftriage diff --root '*sys_bpf' --json good.txt bad.txt\n"
      "  ftriage diff --good-at 11 --bad-at 5 both.trace both.trace\n\n"
      "Exit status: 0 no difference, 1 differences found, 2 error.");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, *io.out, *io.err) == 0 ? kExitOk : kExitError;
  }
  if (parse_cmd->parsed()) return RunParse(g, parse, io);
  if (errors_cmd->parsed()) return RunErrors(g, errors, io);
  if (diff_cmd->parsed()) return RunDiff(g, diff, io);
  return RunTree(g, tree, io);
}

}  // namespace ftriage::cli
