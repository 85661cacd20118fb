#include "analysis/call_tree_builder.h"

#include <gtest/gtest.h>

#include "analysis/tree_walk.h"
#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::analysis {
namespace {

// Builds the forest of a testdata file and renders it as "name@level"
// lines, so expected trees can be drawn in the test.
struct Built {
  cli::LoadedTrace trace;
  std::vector<std::string> Render(uint32_t thread) const {
    std::vector<std::string> out;
    const CallForest& f = trace.forest;
    for (NodeId root : f.threads()[thread].roots) {
      WalkPreOrder(f, root, [&](NodeId id, int level) {
        const CallNode& n = f.node(id);
        std::string name = n.func.is_none() ? "?" : std::string(f.name(n.func));
        out.push_back(std::string(static_cast<size_t>(level) * 2, ' ') + name);
        return true;
      });
    }
    return out;
  }
};

std::unique_ptr<Built> Build(const std::string& rel) {
  auto b = std::make_unique<Built>();
  Status s =
      cli::LoadTraces({testing::TestdataPath(rel)}, std::nullopt, &b->trace);
  EXPECT_TRUE(s.ok()) << s.message();
  return b;
}

TEST(CallTreeBuilderTest, SyscallExitSetsRootRetval) {
  auto b = Build("seeds/bpf-xskmap-einval/bad.trace");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 1u);
  ASSERT_EQ(f.threads()[0].roots.size(), 1u);
  const CallNode& root = f.node(f.threads()[0].roots[0]);
  EXPECT_EQ(f.name(root.func), "__x64_sys_bpf");
  EXPECT_TRUE(root.flags & kRetvalFromSyscall);
  EXPECT_EQ(root.retval, -22);
  ASSERT_EQ(f.syscalls().size(), 1u);
  EXPECT_EQ(f.name(f.syscalls()[0].args),
            "cmd: 0, uattr: c000097058, size: 40");
  EXPECT_EQ(f.syscalls()[0].root, f.threads()[0].roots[0]);
  // (root) __x64_sys_bpf
  //          +-- bpf_check_uarg_tail_zero
  //          +-- __check_object_size -- check_stack_object
  //          +-- __might_fault
  EXPECT_EQ(b->Render(0), (std::vector<std::string>{
                              "__x64_sys_bpf", "  bpf_check_uarg_tail_zero",
                              "  __check_object_size", "    check_stack_object",
                              "  __might_fault"}));
}

// A sys_exit without its sys_enter reaches back to the task's last mount
// handler, which returned 0: another call of the syscall. The exit (-19)
// stays unlinked, so its failure is not hidden behind that handler.
TEST(CallTreeBuilderTest,
     SyntheticExitIsNotLinkedToAHandlerThatReturnedOtherwise) {
  auto b = Build("synthetic/synthetic_sys_exit_without_enter.txt");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.syscalls().size(), 2u);
  for (const SyscallRecord& r : f.syscalls()) {
    EXPECT_EQ(f.name(r.name), "mount");
    EXPECT_EQ(r.retval, -19);
    EXPECT_TRUE(r.root.is_none()) << f.name(f.func(r.root));
  }
  NodeId handler = f.threads()[0].roots[0];
  EXPECT_EQ(f.name(f.func(handler)), "__x64_sys_mount");
  EXPECT_EQ(f.retval(handler), 0);
  EXPECT_FALSE(f.flags(handler) & kRetvalFromSyscall);
}

TEST(CallTreeBuilderTest, FirstBannerNamesTheTaskBeforeIt) {
  auto b = Build("seeds/ia32-clock-gettime-enosys/function-graph.trace");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 2u);
  EXPECT_EQ(f.threads()[0].pid, 207);
  EXPECT_EQ(f.name(f.threads()[0].comm), "busybox");
  EXPECT_EQ(f.threads()[0].roots.size(), 2u);
  EXPECT_EQ(f.threads()[1].pid, 210);
  EXPECT_EQ(b->Render(1),
            (std::vector<std::string>{
                "__x64_sys_clock_gettime", "  posix_get_realtime_timespec",
                "    ktime_get_real_ts64", "  put_timespec64"}));
}

TEST(CallTreeBuilderTest, TraceStartingMidStackFormsOneTree) {
  // The abstime sample opens with returns at depths 3, 2, 1 whose entries
  // precede the trace: each synthesized call adopts the deeper ones.
  auto b = Build("corpus/function_graph/ftrace-rst-funcgraph-abstime.txt");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 1u);
  const CallNode& first = f.node(f.threads()[0].roots[0]);
  EXPECT_TRUE(first.flags & kEntryMissing);
  EXPECT_GT(b->trace.diagnostics.count(DiagCode::kUnmatchedExit), 0u);
  for (NodeId r : f.threads()[0].roots) {
    EXPECT_LE(f.node(r).depth, first.depth) << "line " << f.node(r).line;
  }
}

TEST(CallTreeBuilderTest, InterleavedCpusNestSeparately) {
  auto b = Build(
      "corpus/function_graph/ftrace-rst-overhead-markers-tail-multicpu.txt");
  const CallForest& f = b->trace.forest;
  for (size_t i = 0; i < f.size(); ++i) {
    const CallNode& n = f.node(NodeId{static_cast<uint32_t>(i)});
    if (!n.parent.is_none()) {
      EXPECT_EQ(f.node(n.parent).cpu, n.cpu) << "line " << n.line;
    }
  }
  EXPECT_GE(f.threads().size(), 3u);  // CPUs 1, 2 and 3
}

TEST(CallTreeBuilderTest, UnterminatedCallsAreFlagged) {
  auto b = Build("corpus/function_graph/ftrace-rst-basic-sys_open.txt");
  const CallForest& f = b->trace.forest;
  const CallNode& root = f.node(f.threads()[0].roots.back());
  EXPECT_TRUE(root.flags & kExitMissing);
  EXPECT_EQ(root.duration_ns, -1);
  EXPECT_EQ(b->trace.diagnostics.count(DiagCode::kUnterminatedCall), 1u);
}

TEST(CallTreeBuilderTest, ContextSwitchedTasksKeepTheirStacks) {
  auto b = Build(
      "corpus/function_graph/"
      "perf-tools-funcgraph-do_nanosleep-context-switch.txt");
  const CallForest& f = b->trace.forest;
  bool any_named = false;
  for (const Thread& t : f.threads()) any_named |= t.pid >= 0;
  EXPECT_TRUE(any_named);
  for (size_t i = 0; i < f.size(); ++i) {
    const CallNode& n = f.node(NodeId{static_cast<uint32_t>(i)});
    if (!n.parent.is_none()) {
      EXPECT_EQ(f.node(n.parent).thread, n.thread);
    }
  }
}

TEST(CallTreeBuilderTest, StacksMergeIntoPerTaskTreesOutermostFirst) {
  auto b = Build("seeds/ia32-clock-gettime-enosys/function-stack.trace");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 2u);
  // The hit "__ia32_sys_clock_gettime32 <-__do_fast_syscall_32" is the
  // innermost frame of the stack after it: counted once, not twice.
  EXPECT_EQ(b->Render(0),
            (std::vector<std::string>{
                "entry_SYSENTER_compat_after_hwframe", "  do_SYSENTER_32",
                "    do_fast_syscall_32", "      __do_fast_syscall_32",
                "        __ia32_sys_clock_gettime32"}));
  EXPECT_EQ(b->Render(1), (std::vector<std::string>{
                              "do_syscall_64", "  __x64_sys_clock_gettime"}));
}

TEST(CallTreeBuilderTest, RealFunctionCaptureNestsStacksUnderSyscall) {
  // Captured on Debian 6.1.0-56-amd64 (tools/capture): openat of a missing
  // file with the function tracer, func_stack_trace and syscall events. The
  // innermost frame of each stack is the tracer's trampoline address.
  auto b = Build("real/6.1.0-56-amd64_x86_64_func-stack_openat.txt");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 1u);
  const CallNode& failed = f.node(f.threads()[0].roots[0]);
  EXPECT_EQ(f.name(failed.func), "sys_openat");
  EXPECT_EQ(failed.retval, -2);
  std::vector<std::string> tree = b->Render(0);
  ASSERT_GE(tree.size(), 6u);
  EXPECT_EQ(tree[1], "  entry_SYSCALL_64_after_hwframe");
  EXPECT_EQ(tree[4], "        do_sys_openat2");
  EXPECT_EQ(f.node(failed.first_child).count, 5u);  // five stacks
  for (const std::string& line : tree) {
    EXPECT_EQ(line.find("0xffffffff"), std::string::npos) << line;
  }
}

TEST(CallTreeBuilderTest, RepeatedStacksAreCounted) {
  auto b = Build(
      "corpus/function/ftrace-rst-preemptirqsoff-latency-truncated-comm.txt");
  const CallForest& f = b->trace.forest;
  bool any_stack = false;
  for (size_t i = 0; i < f.size(); ++i) {
    const CallNode& n = f.node(NodeId{static_cast<uint32_t>(i)});
    any_stack |= (n.flags & kFromStack) != 0;
    EXPECT_GE(n.count, 1u);
  }
  EXPECT_TRUE(any_stack);
}

TEST(CallTreeBuilderTest, FunctionHitsBecomeCallerEdgesWithCounts) {
  // do_nanosleep <-hrtimer_nanosleep, five times by svscan-1678.
  auto b = Build("corpus/function/perf-tools-functrace-3.16-trace_pipe.txt");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 2u);
  EXPECT_EQ(f.name(f.threads()[0].comm), "svscan");
  ASSERT_EQ(f.threads()[0].roots.size(), 1u);
  const CallNode& caller = f.node(f.threads()[0].roots[0]);
  EXPECT_EQ(f.name(caller.func), "hrtimer_nanosleep");
  EXPECT_TRUE(caller.flags & kCallerOnly);
  EXPECT_EQ(caller.count, 4u);
  EXPECT_EQ(f.node(caller.first_child).count, 4u);
  EXPECT_EQ(f.name(f.node(caller.first_child).func), "do_nanosleep");
}

TEST(CallTreeBuilderTest, SyscallEventsMakeNodesInFunctionTraces) {
  auto b = Build("corpus/function/ftrace-rst-instance-syscalls-events.txt");
  const CallForest& f = b->trace.forest;
  ASSERT_EQ(f.threads().size(), 1u);
  const auto& roots = f.threads()[0].roots;
  ASSERT_GE(roots.size(), 2u);
  // "sys_write -> 0x2" with no enter before it: entry not traced.
  EXPECT_TRUE(f.node(roots[0]).flags & kEntryMissing);
  EXPECT_EQ(f.node(roots[0]).duration_ns, -1);
  const CallNode& dup2 = f.node(roots[1]);
  EXPECT_EQ(f.name(dup2.func), "sys_dup2");
  EXPECT_EQ(f.name(f.SyscallOf(dup2.func)), "dup2");
  EXPECT_EQ(f.name(f.args(roots[1])), "oldfd: a, newfd: 1");
  EXPECT_EQ(dup2.retval, 1);
  EXPECT_EQ(dup2.duration_ns, 2000);
}

// Links are 16-bit distances (node_columns.h): a sibling after a subtree of
// 40k calls, and a synthesized parent after its 40k adopted children, link
// through escapes.
TEST(CallTreeBuilderTest, LinksSpanHugeSubtreesBothWays) {
  StringPool strings;
  CallForest f(&strings);
  DiagnosticSink diagnostics;
  CallTreeBuilder builder(&f, &diagnostics);
  LineNo line = 0;
  auto event = [&](EventKind kind, const char* func, int32_t depth) {
    TraceEvent e;
    e.kind = kind;
    e.func = strings.Intern(func);
    e.depth = depth;
    e.pid = 1;
    e.cpu = 0;
    e.line = ++line;
    builder.OnEvent(e);
  };
  const uint32_t kLeaves = 40'000;
  // The trace starts inside a call: its leaves come before its "}".
  for (uint32_t i = 0; i < kLeaves; ++i) event(EventKind::kLeaf, "early", 1);
  event(EventKind::kExit, "started_before", 0);
  event(EventKind::kEntry, "root", 0);
  event(EventKind::kEntry, "big", 1);
  for (uint32_t i = 0; i < kLeaves; ++i) event(EventKind::kLeaf, "leaf", 2);
  event(EventKind::kExit, "big", 1);
  event(EventKind::kLeaf, "after_big", 1);
  event(EventKind::kExit, "root", 0);
  builder.Finish();

  ASSERT_EQ(f.threads().size(), 1u);
  const auto& roots = f.threads()[0].roots;
  ASSERT_EQ(roots.size(), 2u);
  NodeId started = roots[0];
  EXPECT_EQ(f.name(f.func(started)), "started_before");
  EXPECT_EQ(started.value, kLeaves);
  EXPECT_EQ(f.first_child(started), NodeId{0});
  EXPECT_EQ(f.parent(NodeId{0}), started);
  EXPECT_EQ(f.parent(NodeId{kLeaves - 1}), started);
  EXPECT_EQ(f.next_sibling(NodeId{kLeaves - 2}), NodeId{kLeaves - 1});
  EXPECT_TRUE(f.next_sibling(NodeId{kLeaves - 1}).is_none());

  NodeId root = roots[1];
  NodeId big = f.first_child(root);
  EXPECT_EQ(f.name(f.func(big)), "big");
  NodeId after = f.next_sibling(big);
  ASSERT_FALSE(after.is_none());
  EXPECT_EQ(f.name(f.func(after)), "after_big");
  EXPECT_EQ(after.value, big.value + kLeaves + 1);
  EXPECT_EQ(f.parent(after), root);
  EXPECT_TRUE(f.next_sibling(after).is_none());
  size_t children = 0;
  for (NodeId c : f.children(big)) {
    EXPECT_EQ(f.parent(c), big);
    ++children;
  }
  EXPECT_EQ(children, kLeaves);
}

}  // namespace
}  // namespace ftriage::analysis
