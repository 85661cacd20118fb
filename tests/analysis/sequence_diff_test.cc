#include "analysis/sequence_diff.h"

#include <gtest/gtest.h>

#include <string>

namespace ftriage::analysis {
namespace {

// Renders ops as "=x" (match), "-x" (only A), "+x" (only B), keys as chars.
std::string Render(const std::string& a, const std::string& b,
                   size_t max_edits = 4096) {
  std::vector<uint32_t> ka(a.begin(), a.end());
  std::vector<uint32_t> kb(b.begin(), b.end());
  std::string out;
  for (const DiffOp& op : DiffSequences(ka, kb, max_edits)) {
    switch (op.kind) {
      case DiffOp::kMatch:
        out += "=" + std::string(1, a[op.a]);
        break;
      case DiffOp::kOnlyA:
        out += "-" + std::string(1, a[op.a]);
        break;
      case DiffOp::kOnlyB:
        out += "+" + std::string(1, b[op.b]);
        break;
    }
  }
  return out;
}

TEST(SequenceDiffTest, SyntheticIdenticalAndEmpty) {
  EXPECT_EQ(Render("abc", "abc"), "=a=b=c");
  EXPECT_EQ(Render("", ""), "");
  EXPECT_EQ(Render("ab", ""), "-a-b");
  EXPECT_EQ(Render("", "ab"), "+a+b");
}

TEST(SequenceDiffTest, SyntheticEarlyReturnLeavesTheRestOnlyInA) {
  // The seed's shape: GOOD goes on after the last common call, BAD returns.
  EXPECT_EQ(Render("abcdef", "abc"), "=a=b=c-d-e-f");
}

TEST(SequenceDiffTest, SyntheticGapsPutOnlyABeforeOnlyB) {
  EXPECT_EQ(Render("axyb", "azb"), "=a-x-y+z=b");
  EXPECT_EQ(Render("abcabba", "cbabac"), "-a-b=c+b=a=b-b=a+c");
}

TEST(SequenceDiffTest, SyntheticTooManyEditsGiveUpCleanly) {
  EXPECT_EQ(Render("abcd", "wxyz", 2), "-a-b-c-d+w+x+y+z");
}

TEST(SequenceDiffTest, SyntheticLongSequencesStayFast) {
  std::vector<uint32_t> a(200000);
  std::vector<uint32_t> b(200000);
  for (uint32_t i = 0; i < a.size(); ++i) a[i] = b[i] = i % 97;
  b[100000] = 1000;  // one substitution in the middle
  std::vector<DiffOp> ops = DiffSequences(a, b);
  size_t matches = 0;
  for (const DiffOp& op : ops) matches += op.kind == DiffOp::kMatch;
  EXPECT_EQ(matches, a.size() - 1);
}

}  // namespace
}  // namespace ftriage::analysis
