#include "kernel/source_call_graph.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kernel/source_index_builder.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::kernel {
namespace {

using Strings = std::vector<std::string>;

// The call graph of testdata/kernel/synthetic: fs/namespace.c has the
// mount chain and a longer detour through detour_a and detour_b.
class SourceCallGraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new SourceIndex;
    Status s = BuildSourceIndex(
        ftriage::testing::TestdataPath("kernel/synthetic"), 2, nullptr, index_);
    ASSERT_TRUE(s.ok()) << s.message();
    graph_ = new SourceCallGraph(*index_);
  }
  static void TearDownTestSuite() {
    delete graph_;
    delete index_;
  }

  static const SourceCallGraph& graph() { return *graph_; }

  static SourceIndex* index_;
  static SourceCallGraph* graph_;
};

SourceIndex* SourceCallGraphTest::index_ = nullptr;
SourceCallGraph* SourceCallGraphTest::graph_ = nullptr;

TEST_F(SourceCallGraphTest, SyntheticShortestPathSkipsTheDetour) {
  const Strings chain = {
      "sys_mount",    "do_mount",   "path_mount",           "do_new_mount",
      "do_add_mount", "graft_tree", "attach_recursive_mnt", "count_mounts"};
  EXPECT_EQ(graph().ShortestPath("__x64_sys_mount", "count_mounts", 10), chain);
  EXPECT_EQ(graph().ShortestPath("sys_mount", "count_mounts", 7), chain);
  EXPECT_TRUE(graph().ShortestPath("sys_mount", "count_mounts", 6).empty());
  EXPECT_EQ(graph().ShortestPath("do_new_mount", "graft_tree", 5),
            (Strings{"do_new_mount", "do_add_mount", "graft_tree"}));
}

TEST_F(SourceCallGraphTest, SyntheticNoPathAgainstTheCalls) {
  EXPECT_TRUE(graph().ShortestPath("count_mounts", "sys_mount", 10).empty());
  EXPECT_TRUE(
      graph().ShortestPath("sys_mount", "no_such_function", 10).empty());
  EXPECT_TRUE(
      graph().ShortestPath("no_such_function", "sys_mount", 10).empty());
  EXPECT_EQ(graph().ShortestPath("graft_tree", "graft_tree.isra.0", 10),
            Strings{"graft_tree"});
}

TEST_F(SourceCallGraphTest, SyntheticCallersAndCallees) {
  EXPECT_EQ(graph().Callers("graft_tree"),
            (Strings{"detour_b", "do_add_mount"}));
  EXPECT_EQ(graph().Callees("do_new_mount"),
            (Strings{"detour_a", "do_add_mount"}));
  EXPECT_EQ(graph().Callees("__x64_sys_mount"), Strings{"do_mount"});
  // do_mount calls path_mount twice: one edge.
  EXPECT_EQ(graph().Callees("do_mount"), Strings{"path_mount"});
  EXPECT_EQ(graph().Callers("path_mount"), Strings{"do_mount"});
  // kc->clock_get_timespec() is a call through a member: no edge.
  EXPECT_TRUE(graph().Callees("do_clock_gettime").empty());
  EXPECT_TRUE(graph().Callers("no_such_function").empty());
  EXPECT_GT(graph().vertex_count(), 0u);
  EXPECT_GT(graph().edge_count(), 0u);
}

}  // namespace
}  // namespace ftriage::kernel
