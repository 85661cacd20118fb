#include "analysis/tree_filter.h"

#include <gtest/gtest.h>

#include "tests/analysis/export_test_util.h"
#include "tests/support/forest_checks.h"

namespace ftriage::testing {
namespace {

// SelectTrees shows whole threads from the thread column; that is what a
// walk from their roots would mark only if every call lies below a root of
// its own thread. Checked on every sample as the CLI loads it.
TEST(TreeFilterTest, EveryCallOfEverySampleLiesBelowARootOfItsThread) {
  for (const std::string& path : ExportSamples()) {
    auto t = LoadSample(path);
    if (t == nullptr) continue;
    EXPECT_EQ(CallOutsideItsThreadsRoots(t->forest), "") << path;
  }
}

// With a thread filter, exactly the calls of the threads kept are shown
// (a function trace of eight tasks).
TEST(TreeFilterTest, PidFilterShowsExactlyTheCallsOfItsThreads) {
  auto t = LoadSample("corpus/function/perf-tools-functrace-ext4_create.txt");
  ASSERT_NE(t, nullptr);
  const analysis::CallForest& f = t->forest;
  ASSERT_GT(f.threads().size(), 1u);
  int32_t pid = f.threads()[f.thread(NodeId{0})].pid;
  analysis::TreeFilter filter;
  filter.pid = pid;
  analysis::TreeSelection sel = analysis::SelectTrees(f, filter);
  size_t shown = 0;
  for (uint32_t id = 0; id < f.size(); ++id) {
    EXPECT_EQ(sel.shown[id], f.threads()[f.thread(NodeId{id})].pid == pid)
        << "call " << id;
    shown += sel.shown[id];
  }
  EXPECT_GT(shown, 0u);
  EXPECT_LT(shown, f.size());
}

}  // namespace
}  // namespace ftriage::testing
