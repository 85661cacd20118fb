#include "core/decimal_time.h"

#include <gtest/gtest.h>

namespace ftriage {
namespace {

TEST(ParseDecimalNsTest, ExactIntegerNanoseconds) {
  EXPECT_EQ(ParseDecimalNs("0.211", kNsPerUs), 211);
  EXPECT_EQ(ParseDecimalNs("33998.59", kNsPerUs), 33998590);
  EXPECT_EQ(ParseDecimalNs("3594274", kNsPerUs), 3594274000);
  EXPECT_EQ(ParseDecimalNs("8312.407170", kNsPerSec), 8312407170000);
  EXPECT_EQ(ParseDecimalNs("1.2.3", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs(".5", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("5.", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("99999999999999999999", kNsPerSec), std::nullopt);
}

TEST(ParseDurationArgTest, UnitsAndBareMicroseconds) {
  EXPECT_EQ(ParseDurationArg("10us"), 10000);
  EXPECT_EQ(ParseDurationArg("1.5ms"), 1500000);
  EXPECT_EQ(ParseDurationArg("200ns"), 200);
  EXPECT_EQ(ParseDurationArg("2s"), 2000000000);
  EXPECT_EQ(ParseDurationArg("7"), 7000);
  EXPECT_EQ(ParseDurationArg("fast"), std::nullopt);
}

TEST(FormatTest, KernelStyle) {
  EXPECT_EQ(FormatDurationUs(11504), "11.504 us");
  EXPECT_EQ(FormatTimestamp(8312407170000), "8312.407170");
}

}  // namespace
}  // namespace ftriage
