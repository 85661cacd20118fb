// Filtering while reading never changes what a command prints: for every
// trace in testdata and filters that select something in it, the CLI's
// output with calls removed at every chance (FTRIAGE_EARLY_FILTER=eager)
// equals its output when the whole forest is built first (=off).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "analysis/early_filter.h"
#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using analysis::CallForest;

// Values present in a trace, to filter by.
struct Present {
  std::string pid;
  std::string comm_glob;
  std::string cpu;
  std::string root_glob;  // a call below a root: roots above it are cut
  std::string syscall;
};

std::optional<Present> Survey(const std::string& file) {
  cli::LoadedTrace t;
  if (!cli::LoadTraces({TestdataPath(file)}, std::nullopt, &t).ok()) {
    return std::nullopt;
  }
  const CallForest& f = t.forest;
  Present p;
  for (const analysis::Thread& th : f.threads()) {
    if (th.pid < 0) continue;
    p.pid = std::to_string(th.pid);  // the last task: rarely the only one
    if (!th.comm.is_none() && !f.name(th.comm).empty()) {
      p.comm_glob = std::string(f.name(th.comm).substr(0, 2)) + "*";
    }
  }
  for (uint32_t i = 0; i < f.size(); ++i) {
    const analysis::CallNode& n = f.node(NodeId{i});
    if (p.cpu.empty() && n.cpu >= 0) p.cpu = std::to_string(n.cpu);
    if (n.func.is_none()) continue;
    if (StringId s = f.SyscallOf(n.func); !s.is_none()) {
      p.syscall = std::string(f.name(s));
    }
    if (!n.parent.is_none() && i >= f.size() / 2 && p.root_glob.empty()) {
      p.root_glob = std::string(f.name(f.Normalized(n.func)));
    }
  }
  return p;
}

std::vector<std::vector<std::string>> CommandLines(const std::string& file,
                                                   const Present& p) {
  std::vector<std::vector<std::string>> lines;
  auto add = [&](std::vector<std::string> args, const std::string& value) {
    if (value.empty()) return;
    args.push_back(file);
    lines.push_back(std::move(args));
  };
  add({"tree", "--pid", p.pid}, p.pid);
  add({"tree", "--comm", p.comm_glob}, p.comm_glob);
  add({"tree", "--cpu", p.cpu}, p.cpu);
  add({"tree", "--root", p.root_glob}, p.root_glob);
  add({"tree", "--json", "--root", p.root_glob + "*", "--cpu", p.cpu},
      p.cpu.empty() ? "" : p.root_glob);
  add({"parse"}, "always");
  add({"parse", "--json"}, "always");
  add({"errors"}, "always");
  add({"errors", "--json", "--all"}, "always");
  add({"errors", "--syscall", p.syscall}, p.syscall);
  add({"errors", "--json", "--pid", p.pid}, p.pid);
  add({"errors", "--all", "--root", p.root_glob}, p.root_glob);
  add({"errors", "--comm", p.comm_glob, "--syscall", p.syscall},
      p.syscall.empty() ? "" : p.comm_glob);
  add({"export", "--to", "folded", "--root", p.root_glob}, p.root_glob);
  add({"export", "--to", "chrome", "--pid", p.pid}, p.pid);
  return lines;
}

CliResult RunWithEarlyFilter(const char* mode,
                             const std::vector<std::string>& args) {
  return RunCliInTestdataWithEnv("FTRIAGE_EARLY_FILTER", mode, args);
}

TEST(EarlyFilterCliTest, OutputIsTheSameWithAndWithoutIt) {
  size_t compared = 0;
  for (const std::string& file : TraceInputs()) {
    std::optional<Present> present = Survey(file);
    if (!present) continue;
    for (const auto& args : CommandLines(file, *present)) {
      CliResult late = RunWithEarlyFilter("off", args);
      CliResult early = RunWithEarlyFilter("eager", args);
      EXPECT_EQ(early.exit_code, late.exit_code) << CommandLine(args);
      EXPECT_EQ(early.out, late.out) << CommandLine(args);
      EXPECT_EQ(early.err, late.err) << CommandLine(args);
      ++compared;
    }
  }
  EXPECT_GT(compared, 300u);
}

// The comparison above is only worth something if calls were removed.
TEST(EarlyFilterCliTest, RemovesCalls) {
  size_t smaller = 0;
  for (const std::string& file : TraceInputs()) {
    std::optional<Present> present = Survey(file);
    if (!present) continue;
    cli::LoadedTrace all;
    ASSERT_TRUE(cli::LoadTraces({TestdataPath(file)}, std::nullopt, &all).ok());
    analysis::EarlyFilter by_pid;
    by_pid.pid = present->pid.empty() ? -1 : std::stoi(present->pid);
    analysis::EarlyFilter by_root;
    by_root.root_glob = present->root_glob;
    for (analysis::EarlyFilter early : {by_pid, by_root}) {
      early.eager = true;
      cli::LoadedTrace some;
      ASSERT_TRUE(cli::LoadTraces({TestdataPath(file)}, std::nullopt, &some,
                                  nullptr, nullptr, &early)
                      .ok());
      EXPECT_LE(some.forest.size(), all.forest.size()) << file;
      smaller += some.forest.size() < all.forest.size();
    }
  }
  EXPECT_GT(smaller, 10u);
}

}  // namespace
}  // namespace ftriage::testing
