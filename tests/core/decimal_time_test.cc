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

// The common shapes take a one-pass fast path; the rest the general one.
// Both must agree on where they meet.
TEST(ParseDecimalNsTest, FastPathEdges) {
  // 6 and 9 fractional digits, and more than the unit keeps (dropped).
  EXPECT_EQ(ParseDecimalNs("5.000029", kNsPerSec), 5000029000);
  EXPECT_EQ(ParseDecimalNs("5.000000029", kNsPerSec), 5000000029);
  EXPECT_EQ(ParseDecimalNs("5.0000000291", kNsPerSec), 5000000029);
  EXPECT_EQ(ParseDecimalNs("11.5049", kNsPerUs), 11504);
  // No fractional part; leading zeros.
  EXPECT_EQ(ParseDecimalNs("42", kNsPerSec), 42000000000);
  EXPECT_EQ(ParseDecimalNs("007.5", kNsPerUs), 7500);
  // Huge seconds: 9 whole digits fit the fast path, 10 take the general
  // one, and past int64 is rejected.
  EXPECT_EQ(ParseDecimalNs("999999999.999999", kNsPerSec), 999999999999999000);
  EXPECT_EQ(ParseDecimalNs("9223372036.854775807", kNsPerSec),
            INT64_C(9223372036854775807));
  EXPECT_EQ(ParseDecimalNs("9223372036.854775808", kNsPerSec), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("999999999999999.999", kNsPerUs),
            999999999999999999);
  EXPECT_EQ(ParseDecimalNs("9223372036854775.807", kNsPerUs),
            INT64_C(9223372036854775807));
  // Leading or trailing spaces, signs and two dots are not numbers.
  EXPECT_EQ(ParseDecimalNs(" 5.1", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("5.1 ", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("-5.1", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("5..1", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs("", kNsPerUs), std::nullopt);
  EXPECT_EQ(ParseDecimalNs(".", kNsPerUs), std::nullopt);
  // A unit that is not a power of ten.
  EXPECT_EQ(ParseDecimalNs("1.5", 60 * kNsPerSec), 90000000000);
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
  EXPECT_EQ(FormatDurationUs(0), "0.000 us");
  EXPECT_EQ(FormatDurationUs(7), "0.007 us");
  EXPECT_EQ(FormatDurationUs(90), "0.090 us");
  EXPECT_EQ(FormatDurationUs(4294967296000), "4294967296.000 us");
  EXPECT_EQ(FormatDurationUs(INT64_MAX), "9223372036854775.807 us");
  EXPECT_EQ(FormatTimestamp(8312407170000), "8312.407170");
}

}  // namespace
}  // namespace ftriage
