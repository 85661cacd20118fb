#include "core/unaligned_load.h"

#include <gtest/gtest.h>

#include <string>

namespace ftriage {
namespace {

// Every length the word compares handle differently (below 8, 8-16,
// 17-32, longer), with one byte changed at every position.
TEST(UnalignedLoadTest, SameBytesFindsADifferenceAtEveryPosition) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (size_t i = 0; i < n; ++i) a += static_cast<char>('a' + (i * 7) % 26);
    std::string b = a;
    EXPECT_TRUE(SameBytes(a.data(), b.data(), n)) << n;
    for (size_t pos = 0; pos < n; ++pos) {
      b[pos] = '_';
      EXPECT_FALSE(SameBytes(a.data(), b.data(), n)) << n << " " << pos;
      b[pos] = a[pos];
    }
  }
}

}  // namespace
}  // namespace ftriage
