// Folded stacks: counts add up to the calls, self durations to the roots'
// durations, names are sanitized, and a two-run fold pairs the stacks.
#include "analysis/export_folded.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/analysis/export_test_util.h"

namespace ftriage::testing {
namespace {

using analysis::FoldWeight;

// Parses "a;b;c N" lines; fails the test on any other shape.
uint64_t SumOfLines(const std::string& folded, const std::string& name) {
  std::istringstream in(folded);
  uint64_t sum = 0;
  for (std::string line; std::getline(in, line);) {
    size_t space = line.find(' ');
    EXPECT_NE(space, std::string::npos) << name << ": " << line;
    if (space == std::string::npos) continue;
    EXPECT_EQ(line.find(' ', space + 1), std::string::npos) << line;
    EXPECT_EQ(line.find(";;"), std::string::npos) << line;
    sum += std::stoull(line.substr(space + 1));
  }
  return sum;
}

std::string Fold(const cli::LoadedTrace& t, FoldWeight weight) {
  std::ostringstream out;
  analysis::WriteFolded(t.forest, analysis::SelectTrees(t.forest, {}), weight,
                        out);
  return out.str();
}

TEST(ExportFoldedTest, CountsSumToTheTreesCalls) {
  for (const std::string& path : ExportSamples()) {
    auto t = LoadSample(path);
    if (t == nullptr) continue;
    analysis::TreeSelection sel = analysis::SelectTrees(t->forest, {});
    uint64_t calls = 0;
    for (size_t i = 0; i < t->forest.size(); ++i) {
      if (sel.shown[i]) calls += t->forest.node(NodeId{uint32_t(i)}).count;
    }
    EXPECT_EQ(SumOfLines(Fold(*t, FoldWeight::kCount), path), calls) << path;
  }
}

TEST(ExportFoldedTest, SelfDurationsSumToTheRootsDuration) {
  auto t = LoadSample("seeds/bpf-xskmap-einval/bad.trace");
  std::string folded = Fold(*t, FoldWeight::kSelfDuration);
  EXPECT_EQ(SumOfLines(folded, "bad.trace"), 42100u);
  EXPECT_EQ(folded,
            "__x64_sys_bpf 41068\n"
            "__x64_sys_bpf;__check_object_size 416\n"
            "__x64_sys_bpf;__check_object_size;check_stack_object 186\n"
            "__x64_sys_bpf;__might_fault 191\n"
            "__x64_sys_bpf;bpf_check_uarg_tail_zero 239\n");
}

TEST(ExportFoldedTest, FramesAreSanitized) {
  EXPECT_EQ(analysis::SanitizeFrame("a;b c\td"), "a_b_c_d");
  EXPECT_EQ(analysis::SanitizeFrame(""), "[unknown]");
  EXPECT_EQ(analysis::SanitizeFrame("dummy_xmit"), "dummy_xmit");
}

// Two runs in one trie: "stack good bad", a zero where a run lacks it.
TEST(ExportFoldedTest, TwoRunsShareStacks) {
  auto good = LoadSample("seeds/bpf-xskmap-einval/good-same-kernel.trace");
  auto bad = LoadSample("seeds/bpf-xskmap-einval/bad.trace");
  auto name = [](const analysis::CallForest& f, NodeId id) {
    return std::string(f.name(f.Normalized(f.node(id).func)));
  };
  analysis::FoldedStacks stacks(2, FoldWeight::kCount, name);
  stacks.Add(good->forest, good->forest.threads()[0].roots[0], 0);
  stacks.Add(bad->forest, bad->forest.threads()[0].roots[0], 1);
  std::ostringstream out;
  stacks.Write(out);
  EXPECT_NE(out.str().find("\n__x64_sys_bpf;__might_fault 1 1\n"),
            std::string::npos);
  EXPECT_NE(out.str().find("\n__x64_sys_bpf;array_map_alloc_check 1 0\n"),
            std::string::npos);
  EXPECT_EQ(stacks.Total(1), 5u);
}

}  // namespace
}  // namespace ftriage::testing
