#include "analysis/early_filter.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/call_tree_builder.h"
#include "analysis/tree_walk.h"

namespace ftriage::analysis {
namespace {

// Feeds hand-made function_graph events through an eager EarlyFilterSink,
// so every removal happens as soon as it is allowed.
class EarlyFilterTest : public ::testing::Test {
 protected:
  void Start(EarlyFilter filter) {
    filter.eager = true;
    sink_ = std::make_unique<EarlyFilterSink>(filter, &forest_, &builder_);
  }

  void Send(EventKind kind, int32_t pid, int32_t depth,
            const std::string& func = "",
            std::optional<int64_t> retval = std::nullopt) {
    TraceEvent e;
    e.kind = kind;
    e.pid = pid;
    e.comm = strings_.Intern("task_" + std::to_string(pid));
    e.cpu = 0;
    e.depth = depth;
    if (!func.empty()) e.func = strings_.Intern(func);
    if (retval) {
      e.ret_kind = RetKind::kInteger;
      e.value = *retval;
    }
    e.file = FileId{0};
    e.line = ++line_;
    sink_->OnEvent(e);
  }
  void Enter(int32_t pid, int32_t depth, const std::string& func) {
    Send(EventKind::kEntry, pid, depth, func);
  }
  void Exit(int32_t pid, int32_t depth) { Send(EventKind::kExit, pid, depth); }
  // An exit printing a return value (funcgraph-retval).
  void ExitWith(int32_t pid, int32_t depth, int64_t retval) {
    Send(EventKind::kExit, pid, depth, "", retval);
  }
  void Leaf(int32_t pid, int32_t depth, const std::string& func) {
    Send(EventKind::kLeaf, pid, depth, func);
  }
  // A top-level message: grows the forest, so the sink judges again.
  void Message(int32_t pid) { Send(EventKind::kMessage, pid, -1); }

  std::vector<std::string> RootNames(uint32_t thread) const {
    std::vector<std::string> out;
    for (NodeId root : forest_.threads()[thread].roots) {
      StringId f = forest_.node(root).func;
      out.push_back(f.is_none() ? "?" : std::string(forest_.name(f)));
    }
    return out;
  }

  StringPool strings_;
  DiagnosticSink diagnostics_;
  CallForest forest_{&strings_};
  CallTreeBuilder builder_{&forest_, &diagnostics_};
  std::unique_ptr<EarlyFilterSink> sink_;
  LineNo line_ = 0;
};

TEST_F(EarlyFilterTest, OtherTasksCallsAreRemovedWhileReading) {
  EarlyFilter filter;
  filter.pid = 1;
  Start(filter);
  for (int i = 0; i < 100; ++i) {
    for (int32_t pid : {1, 2}) {
      Enter(pid, 0, "outer_of_" + std::to_string(pid));
      Leaf(pid, 1, "inner_of_" + std::to_string(pid));
      Exit(pid, 0);
    }
  }
  Message(1);
  EXPECT_EQ(forest_.threads()[0].roots.size(), 100u);
  EXPECT_TRUE(forest_.threads()[1].roots.empty());
  EXPECT_EQ(forest_.size(), 2u * 100);
  EXPECT_EQ(forest_.threads().size(), 2u);  // exports number tasks by index
}

// errors: a root that returned a value that is not an errno can never be a
// failure; one that returned nothing may hold one if a call below returned
// a value, or while a later sys_exit event may still give the root one. A
// tree with neither goes, as does do_syscall_64 with a handler below it:
// no sys_exit reaches below a closed root.
TEST_F(EarlyFilterTest, ErrorsKeepOnlyRootsThatMayFail) {
  Start(EarlyFilter::ForErrors({}));
  for (int i = 0; i < 10; ++i) {
    Enter(1, 0, "__x64_sys_read");
    Leaf(1, 1, "fdget");
    ExitWith(1, 0, 4096);
  }
  Enter(1, 0, "__x64_sys_bpf");
  ExitWith(1, 0, -22);
  Enter(1, 0, "do_syscall_64");
  Enter(1, 1, "__x64_sys_mount");
  Exit(1, 1);
  Exit(1, 0);
  Enter(1, 0, "irq_exit_rcu");
  Leaf(1, 1, "rcu_irq_exit");
  Exit(1, 0);
  Enter(1, 0, "__x64_sys_close");
  ExitWith(1, 0, 0);
  Message(1);
  // The last root at depth 0 stays too: a later unmatched "}" stops there.
  // So does the last __x64_sys_read: a later sys_exit of read without a
  // sys_enter would be linked to it (synthetic_sys_exit_without_enter.txt).
  EXPECT_EQ(RootNames(0),
            (std::vector<std::string>{"__x64_sys_read", "__x64_sys_bpf",
                                      "__x64_sys_close"}));
}

// errors on a trace without return values: a handler that returned nothing
// waits for its sys_exit only until a later handler of its syscall in its
// thread supersedes it (the exit would link the later one); then it goes,
// unless the exit gave it an errno.
TEST_F(EarlyFilterTest, SupersededHandlersWaitNoLongerForTheirExit) {
  Start(EarlyFilter::ForErrors({}));
  auto sys_exit = [&](int64_t value) {
    TraceEvent e;
    e.kind = EventKind::kSyscallExit;
    e.pid = 1;
    e.cpu = 0;
    e.func = strings_.Intern("openat");
    e.ret_kind = RetKind::kInteger;
    e.value = value;
    e.file = FileId{0};
    e.line = ++line_;
    sink_->OnEvent(e);
  };
  Enter(1, 0, "__x64_sys_openat");  // no exit event: goes once superseded
  Leaf(1, 1, "getname");
  Exit(1, 0);
  Message(1);
  EXPECT_EQ(RootNames(0), std::vector<std::string>{"__x64_sys_openat"});
  Enter(1, 0, "__x64_sys_openat");  // its exit gives it -2: stays
  Exit(1, 0);
  sys_exit(-2);
  Enter(1, 0, "__x64_sys_openat");  // its exit gives it 3: goes
  Exit(1, 0);
  sys_exit(3);
  Enter(1, 0, "__x64_sys_openat");  // the last: waits
  Exit(1, 0);
  Message(1);
  ASSERT_EQ(RootNames(0),
            (std::vector<std::string>{"__x64_sys_openat", "__x64_sys_openat"}));
  EXPECT_EQ(forest_.retval(forest_.threads()[0].roots[0]), -2);
  EXPECT_FALSE(forest_.flags(forest_.threads()[0].roots[1]) & kHasRetval);
  EXPECT_EQ(forest_.size(), 2u);
}

// parse shows no call: the last handler of a syscall, which errors keeps
// for a later sys_exit, goes like every other finished root.
TEST_F(EarlyFilterTest, CountsKeepNoHandler) {
  Start(EarlyFilter::ForCounts());
  Enter(1, 0, "__x64_sys_read");
  Leaf(1, 1, "fdget");
  ExitWith(1, 0, -9);
  Enter(1, 0, "__x64_sys_close");
  ExitWith(1, 0, 0);
  Message(1);
  EXPECT_TRUE(RootNames(0).empty());
  EXPECT_EQ(forest_.size(), 0u);
}

TEST_F(EarlyFilterTest, OpenCallsStayUntilTheyClose) {
  EarlyFilter filter;
  filter.root_glob = "wanted";
  Start(filter);
  Enter(1, 0, "unwanted_outer");
  for (int i = 0; i < 10; ++i) Leaf(1, 1, "unwanted_inner");
  Enter(1, 1, "wanted");
  Exit(1, 1);
  Exit(1, 0);
  Message(1);
  EXPECT_EQ(RootNames(0), std::vector<std::string>{"unwanted_outer"});
  EXPECT_EQ(forest_.size(), 12u);
}

// (root, depth 2) match_me        <- the trace starts inside a call
// (root, depth 0) noise           <- ruled out, but the last at depth 0
// "}" at depth 1                  <- adopts deeper roots up to "noise" only
TEST_F(EarlyFilterTest, LastRootAtDepthZeroStaysForAdoption) {
  EarlyFilter filter;
  filter.root_glob = "match_me";
  Start(filter);
  Leaf(1, 2, "match_me");
  Leaf(1, 0, "noise");
  Message(1);
  Exit(1, 1);
  Message(1);
  EXPECT_EQ(RootNames(0), (std::vector<std::string>{"match_me", "noise", "?"}));
  NodeId unmatched = forest_.threads()[0].roots[2];
  EXPECT_TRUE(forest_.node(unmatched).first_child.is_none());
}

// A sys_exit with no sys_enter links the last root that is the syscall's
// handler: the ruled-out __ia32_sys_openat, never the kept one before it.
TEST_F(EarlyFilterTest, LastHandlerOfASyscallStaysForItsExitEvent) {
  EarlyFilter filter;
  filter.root_glob = "__x64_*";
  Start(filter);
  Leaf(1, 0, "__x64_sys_openat");
  Leaf(1, 0, "__ia32_sys_openat");
  Leaf(1, 0, "noise");
  Leaf(1, 0, "more_noise");
  Message(1);
  EXPECT_EQ(RootNames(0),
            (std::vector<std::string>{"__x64_sys_openat", "__ia32_sys_openat",
                                      "more_noise"}));
  TraceEvent exit;
  exit.kind = EventKind::kSyscallExit;
  exit.pid = 1;
  exit.func = strings_.Intern("openat");
  exit.ret_kind = RetKind::kInteger;
  exit.value = -2;
  exit.file = FileId{0};
  exit.line = ++line_;
  sink_->OnEvent(exit);
  const CallNode& kept = forest_.node(forest_.threads()[0].roots[0]);
  EXPECT_FALSE(kept.flags & kHasRetval);
  ASSERT_EQ(forest_.syscalls().size(), 1u);
  EXPECT_EQ(forest_.name(forest_.node(forest_.syscalls()[0].root).func),
            "__ia32_sys_openat");
}

TEST_F(EarlyFilterTest, CpuKeyedThreadsAreNeverRuledOutByPid) {
  EarlyFilter filter;
  filter.pid = 1;
  Start(filter);
  for (int i = 0; i < 5; ++i) Leaf(-1, 0, "unknown_task_call");
  Message(-1);
  EXPECT_EQ(forest_.threads()[0].roots.size(), 5u);
}

TEST(EarlyFilterConversionTest, OnlyNameAndTaskFiltersAreEarly) {
  TreeFilter tree;
  tree.max_depth = 2;
  tree.min_duration_ns = 10;
  tree.errors_only = true;
  EXPECT_FALSE(EarlyFilter::ForTree(tree).active());
  tree.cpu = 3;
  EarlyFilter e = EarlyFilter::ForTree(tree);
  EXPECT_TRUE(e.active());
  EXPECT_FALSE(e.top_level_markers);
  ErrorOptions errors;
  errors.errno_number = 22;
  EXPECT_TRUE(EarlyFilter::ForErrors(errors).failing_only);
  EXPECT_TRUE(EarlyFilter::ForErrors(errors).active());
}

}  // namespace
}  // namespace ftriage::analysis
