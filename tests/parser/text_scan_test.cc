#include "parser/text_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace ftriage::parser {
namespace {

struct CommPid {
  bool ok = false;
  std::string_view comm;
  int32_t pid = -1;
};

CommPid Split(std::string_view s) {
  CommPid r;
  r.ok = SplitCommPid(s, &r.comm, &r.pid);
  return r;
}

TEST(TextScanTest, SplitCommPidAtLastDash) {
  CommPid r = Split("trace-cmd-13585");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.comm, "trace-cmd");
  EXPECT_EQ(r.pid, 13585);
  r = Split("kworker/u36:1-51219");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.comm, "kworker/u36:1");
  EXPECT_EQ(r.pid, 51219);
  r = Split("-0");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.comm, "");
  EXPECT_EQ(r.pid, 0);
}

TEST(TextScanTest, SplitCommPidNeedsDigitsAfterTheLastDash) {
  EXPECT_FALSE(Split("bash").ok);
  EXPECT_FALSE(Split("1234").ok);
  EXPECT_FALSE(Split("bash-").ok);
  EXPECT_FALSE(Split("bash-12x").ok);
  EXPECT_FALSE(Split("a-12-b").ok);
  EXPECT_FALSE(Split("bash-12 ").ok);
  EXPECT_FALSE(Split("").ok);
}

TEST(TextScanTest, SplitCommPidLongPids) {
  EXPECT_EQ(Split("a-2147483647").pid, 2147483647);
  EXPECT_FALSE(Split("a-2147483648").ok);
  EXPECT_FALSE(Split("a-99999999999999999999999").ok);
  CommPid r = Split("a-000000000000000000000042");  // leading zeros fit
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.pid, 42);
  EXPECT_EQ(Split("a-999999999").pid, 999999999);
}

TEST(TextScanTest, SameText) {
  for (std::string_view a :
       {"", "a", "abc", "abcd", "abcdefg", "abcdefgh", "systemd-journal",
        "0123456789abcdef", "0123456789abcdefg"}) {
    std::string copy(a);
    EXPECT_TRUE(SameText(a, copy)) << a;
    for (size_t i = 0; i < copy.size(); ++i) {
      std::string other = copy;
      other[i] ^= 1;
      EXPECT_FALSE(SameText(a, other)) << a << " byte " << i;
    }
    EXPECT_FALSE(SameText(a, copy + "x")) << a;
  }
}

}  // namespace
}  // namespace ftriage::parser
