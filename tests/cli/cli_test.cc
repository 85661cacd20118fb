// Runs the real CLI in-process: exit codes, messages, filters, colour.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(CliTest, HelpAndVersionExitZero) {
  CliResult help = RunCliInTestdata({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(Contains(help.out, "Examples:"));
  EXPECT_TRUE(Contains(help.out, "tree"));
  CliResult version = RunCliInTestdata({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(Contains(version.out, "ftriage 0.1.0"));
}

TEST(CliTest, BadUsageExitsTwo) {
  EXPECT_EQ(RunCliInTestdata({}).exit_code, 2);
  EXPECT_EQ(RunCliInTestdata({"tree", "--depth", "x", "a"}).exit_code, 2);
  CliResult r = RunCliInTestdata(
      {"tree", "--min-duration", "fast", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--min-duration"));
}

TEST(CliTest, MissingFileExitsTwoNamingIt) {
  CliResult r = RunCliInTestdata({"parse", "no/such/file.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "ftriage: no/such/file.txt: cannot open"));
}

TEST(CliTest, UnrecognizedInputExitsTwo) {
  CliResult r = RunCliInTestdata({"parse", "corpus/MANIFEST.md"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "corpus/MANIFEST.md: no known trace format"));
  CliResult forced = RunCliInTestdata(
      {"parse", "--format", "funcgraph", "corpus/MANIFEST.md"});
  EXPECT_EQ(forced.exit_code, 2);
  EXPECT_TRUE(Contains(forced.err, "nothing in it was recognized"));
}

TEST(CliTest, ParseReportsSkippedLinesWithNumbers) {
  CliResult r = RunCliInTestdata(
      {"parse",
       "corpus/function_graph/perf-tools-funcslower-thresh-tail-only.txt"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.out, "skipped:  4 line(s)"));
  EXPECT_TRUE(Contains(
      r.out,
      "perf-tools-funcslower-thresh-tail-only.txt:9: tool_chatter: tool output "
      "or shell prompt: ^C"));
}

TEST(CliTest, MixedFileIsReadInSections) {
  CliResult r = RunCliInTestdata(
      {"parse", "mixed/synthetic_funcgraph_then_retsnoop.txt"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(
      r.out, "sections: funcgraph from line 1; retsnoop from line 13;"));
  EXPECT_TRUE(Contains(r.out, "skipped:  1 line(s)"));  // the prose line
  CliResult tree =
      RunCliInTestdata({"tree", "mixed/synthetic_funcgraph_then_retsnoop.txt"});
  EXPECT_TRUE(Contains(tree.out, "__x64_sys_bpf() = -22 EINVAL"));
  EXPECT_TRUE(Contains(tree.out, "dev_xdp_install() = -28 ENOSPC"));
}

TEST(CliTest, CompressedInputReadsLikePlain) {
  CliResult plain =
      RunCliInTestdata({"tree", "seeds/bpf-xskmap-einval/bad.trace"});
  CliResult gz = RunCliInTestdata({"tree", "compressed/bad.trace.gz"});
  CliResult zst = RunCliInTestdata({"tree", "compressed/bad.trace.zst"});
  EXPECT_EQ(plain.out, gz.out);
  EXPECT_EQ(plain.out, zst.out);
  CliResult cut =
      RunCliInTestdata({"tree", "compressed/bad.trace.truncated.gz"});
  EXPECT_EQ(cut.exit_code, 2);
  EXPECT_TRUE(Contains(cut.err, "compressed/bad.trace.truncated.gz"));
}

TEST(CliTest, TreeDecodesErrnoOfFailingSyscall) {
  CliResult r = RunCliInTestdata({"tree", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(
      r.out,
      "__x64_sys_bpf() = -22 EINVAL  [syscall bpf, retval from sys_exit]"));
}

TEST(CliTest, ErrorsOnlyKeepsOnlyFailingPaths) {
  // The retval sample: only cgroup_attach_task's path returns -22.
  CliResult r = RunCliInTestdata(
      {"tree", "--errors-only",
       "corpus/function_graph/ftrace-rst-funcgraph-retval.txt"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.out, "cpu_cgroup_can_attach() = -22 EINVAL"));
  EXPECT_FALSE(Contains(r.out, "cgroup_migrate_add_task"));
}

TEST(CliTest, FiltersByRootDepthAndDuration) {
  const std::string f = "seeds/bpf-xskmap-einval/good-same-kernel.trace";
  CliResult root = RunCliInTestdata({"tree", "--root", "array_map_alloc", f});
  EXPECT_TRUE(Contains(root.out, "array_map_alloc()"));
  EXPECT_FALSE(Contains(root.out, "__x64_sys_bpf"));
  CliResult depth = RunCliInTestdata({"tree", "--depth", "1", f});
  EXPECT_TRUE(Contains(depth.out, "    array_map_alloc()"));
  EXPECT_FALSE(Contains(depth.out, "capable"));
  CliResult slow = RunCliInTestdata({"tree", "--min-duration", "5us", f});
  EXPECT_TRUE(Contains(slow.out, "bpf_map_charge_init"));  // 7.492 us
  EXPECT_FALSE(Contains(slow.out, "check_stack_object"));  // 0.425 us
}

TEST(CliTest, FiltersByTask) {
  const std::string f = "seeds/ia32-clock-gettime-enosys/function-graph.trace";
  CliResult r = RunCliInTestdata({"tree", "--pid", "210", f});
  EXPECT_TRUE(Contains(r.out, "__x64_sys_clock_gettime"));
  EXPECT_FALSE(Contains(r.out, "__ia32_sys_clock_gettime32"));
  CliResult none = RunCliInTestdata({"tree", "--comm", "nobody", f});
  EXPECT_EQ(none.out, "");
}

TEST(CliTest, ErrorsExitStatusFollowsFindings) {
  CliResult found =
      RunCliInTestdata({"errors", "seeds/veth-xdp-enospc/retsnoop-T.log"});
  EXPECT_EQ(found.exit_code, 1);
  EXPECT_TRUE(
      Contains(found.out, "origin: dev_xdp_install (line 10)  [traced]"));
  EXPECT_TRUE(
      Contains(found.out, "after the error: bpf_link_cleanup (line 12)"));
  CliResult none = RunCliInTestdata(
      {"errors", "seeds/bpf-xskmap-einval/good-same-kernel.trace"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "no failing call found\n");
  CliResult filtered = RunCliInTestdata(
      {"errors", "--errno", "ENOSPC", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(filtered.exit_code, 0);
  CliResult bad = RunCliInTestdata(
      {"errors", "--errno", "EWHAT", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "unknown errno 'EWHAT'"));
}

TEST(CliTest, ErrorsDecodesBpfCommandAndWindow) {
  CliResult r =
      RunCliInTestdata({"errors", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_TRUE(Contains(r.out, "bpf: -22 EINVAL (Invalid argument)"));
  EXPECT_TRUE(Contains(r.out, "args: cmd: 0 (BPF_MAP_CREATE)"));
  EXPECT_TRUE(Contains(
      r.out, "error window: in __x64_sys_bpf after __might_fault (line 7)"));
  EXPECT_TRUE(Contains(r.out, "[inferred]"));
}

TEST(CliTest, ErrorsFoldsIdenticalFailuresUnlessAll) {
  // The same failing run given twice: one failure, seen twice.
  const std::string f = "seeds/bpf-xskmap-einval/bad.trace";
  CliResult folded = RunCliInTestdata({"errors", f, f});
  EXPECT_EQ(folded.exit_code, 1);
  EXPECT_TRUE(Contains(folded.out, "[2 times, last at line 2]"));
  CliResult all = RunCliInTestdata({"errors", "--all", f, f});
  EXPECT_FALSE(Contains(all.out, "times"));
  size_t listed = 0;
  for (size_t at = 0;
       (at = all.out.find("bpf: -22 EINVAL", at)) != std::string::npos; ++at) {
    ++listed;
  }
  EXPECT_EQ(listed, 2u);
}

TEST(CliTest, DiffExitStatusAndMessages) {
  const std::string bad = "seeds/bpf-xskmap-einval/bad.trace";
  CliResult found = RunCliInTestdata(
      {"diff", "seeds/bpf-xskmap-einval/good-same-kernel.trace", bad});
  EXPECT_EQ(found.exit_code, 1);
  EXPECT_TRUE(Contains(found.out, "last common call:     __might_fault"));
  EXPECT_TRUE(Contains(found.out,
                       "BAD then:             returns early with -22 EINVAL"));
  CliResult same = RunCliInTestdata({"diff", bad, bad});
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_TRUE(Contains(same.out, "no difference in the compared calls"));
  CliResult no_call = RunCliInTestdata({"diff", "--bad-at", "999", bad, bad});
  EXPECT_EQ(no_call.exit_code, 2);
  EXPECT_TRUE(Contains(no_call.err, "no call starts at line 999 of BAD"));
  CliResult rename = RunCliInTestdata({"diff", "--rename", "x", bad, bad});
  EXPECT_EQ(rename.exit_code, 2);
  CliResult no_file =
      RunCliInTestdata({"diff", "--rename-file", "no/such/renames", bad, bad});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_TRUE(
      Contains(no_file.err, "--rename-file: no/such/renames: cannot open"));
}

TEST(CliTest, DiffLoadsRunsSideBySideAndReportsTheFirstThatFails) {
  // The runs load on separate threads; whichever finishes first, the
  // message is that of the first failing run in command-line order, and
  // only once.
  const std::string good = "seeds/bpf-xskmap-einval/good-same-kernel.trace";
  CliResult bad_missing = RunCliInTestdata(
      {"diff", good, "no/such/bad.trace", "--good", good, "--bad", good});
  EXPECT_EQ(bad_missing.exit_code, 2);
  EXPECT_TRUE(Contains(bad_missing.err, "no/such/bad.trace"));
  CliResult both_missing =
      RunCliInTestdata({"diff", "no/such/good.trace", "no/such/bad.trace"});
  EXPECT_EQ(both_missing.exit_code, 2);
  EXPECT_TRUE(Contains(both_missing.err, "no/such/good.trace"));
  EXPECT_FALSE(Contains(both_missing.err, "no/such/bad.trace"));
  // Four runs, loaded concurrently: the first pair is compared, and each
  // difference is tagged against the others.
  CliResult four = RunCliInTestdata(
      {"diff", good, "seeds/bpf-xskmap-einval/bad.trace", "--good", good,
       "--bad", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(four.exit_code, 1);
  EXPECT_TRUE(Contains(four.out, "last common call:     __might_fault"));
  EXPECT_TRUE(Contains(four.out, "[deterministic]"));
}

TEST(CliTest, DiffSeveralRunsTellsDeterministicFromVariation) {
  // Real 6.1 captures: openat of an existing and of a missing file, on the
  // amd64 and the cloud kernel. What every failing run does differently
  // from every good run is deterministic.
  CliResult r = RunCliInTestdata(
      {"diff", "real/6.1.0-56-amd64_x86_64_fgraph_openat-good.txt",
       "real/6.1.0-56-amd64_x86_64_fgraph_openat-bad.txt", "--bad",
       "real/6.1.0-56-cloud-amd64_x86_64_fgraph_openat-bad.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "[deterministic]  only_good: fd_install"));
  // A second good run that differs from the first: its differences from
  // the first good run are variation, not the failure.
  CliResult v = RunCliInTestdata(
      {"diff", "seeds/bpf-xskmap-einval/good-same-kernel.trace",
       "seeds/bpf-xskmap-einval/bad.trace", "--good",
       "seeds/bpf-xskmap-einval/good-other-kernel.trace"});
  EXPECT_TRUE(Contains(v.out, "[varies]"));
}

TEST(CliTest, DiffRunsMaySpanFilesOfAnyFormat) {
  // BAD is a function_graph capture plus a pasted retsnoop log: its first
  // failing call is still the function_graph one.
  CliResult r = RunCliInTestdata(
      {"diff", "seeds/bpf-xskmap-einval/good-same-kernel.trace",
       "seeds/bpf-xskmap-einval/bad.trace", "--bad-part",
       "seeds/veth-xdp-enospc/retsnoop-T.log"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "last common call:     __might_fault"));
}

TEST(CliTest, DiffRenameFileMatchesRenamedFunctions) {
  // The same failing openat on 6.1 and 6.12: 6.1 calls __alloc_file where
  // 6.12 calls init_file. With the rename file they are one function.
  const std::string good = "real/6.1.0-56-amd64_x86_64_fgraph_openat-bad.txt";
  const std::string bad =
      "real/6.12.117+deb12-amd64_x86_64_fgraph_openat-bad.txt";
  CliResult plain = RunCliInTestdata({"diff", good, bad});
  CliResult renamed = RunCliInTestdata(
      {"diff", "--rename-file", "diff/synthetic_renames.txt", good, bad});
  EXPECT_TRUE(Contains(plain.out, "only_good: __alloc_file"));
  EXPECT_FALSE(Contains(renamed.out, "only_good: __alloc_file"));
}

TEST(CliTest, DiffSideBySideShowsBothRuns) {
  CliResult r =
      RunCliInTestdata({"diff", "--side-by-side",
                        "seeds/bpf-xskmap-einval/good-same-kernel.trace",
                        "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "GOOD  (line)"));
  // __might_fault in both columns, array_map_alloc_check on GOOD's side.
  EXPECT_TRUE(Contains(
      r.out,
      "    __might_fault  7                             |   __might_fault  7"));
  EXPECT_TRUE(Contains(r.out, "array_map_alloc_check  8"));
}

TEST(CliTest, ColorOnlyWhenAskedOrTty) {
  const std::string f = "seeds/bpf-xskmap-einval/bad.trace";
  EXPECT_FALSE(Contains(RunCliInTestdata({"tree", f}).out, "\033["));
  EXPECT_TRUE(Contains(RunCliInTestdata({"tree", "--color=always", f}).out,
                       "\033[31m"));
}

}  // namespace
}  // namespace ftriage::testing
