#include "core/line_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage {
namespace {

std::vector<std::string> Split(const std::vector<std::string>& chunks) {
  std::vector<std::string> out;
  LineSplitter s;
  auto add = [&](std::string_view l, LineNo n) {
    out.push_back(std::to_string(n) + ":" + std::string(l));
  };
  for (const auto& c : chunks) s.Push(c, add);
  s.Finish(add);
  return out;
}

TEST(LineSplitterTest, ChunksSplitAnywhere) {
  std::vector<std::string> want = {"1:ab", "2:", "3:cd"};
  EXPECT_EQ(Split({"ab\n\ncd"}), want);
  EXPECT_EQ(Split({"a", "b\n", "\nc", "d"}), want);
}

TEST(LineSplitterTest, CrLfAndMissingFinalNewline) {
  EXPECT_EQ(Split({"x\r\ny\r", "\n", "z"}),
            (std::vector<std::string>{"1:x", "2:y", "3:z"}));
  EXPECT_EQ(Split({""}), std::vector<std::string>{});
}

}  // namespace
}  // namespace ftriage
