#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>

#include "analysis/packed_columns.h"

namespace ftriage::analysis {
namespace {

// Checks |escapes| holds exactly the entries of |want|.
void ExpectHolds(const std::map<uint32_t, int64_t>& want,
                 const Escapes& escapes) {
  ASSERT_EQ(want.size(), escapes.size());
  for (const auto& [key, value] : want) EXPECT_EQ(value, escapes.Get(key));
}

// Random sets, erases, moves and truncations, over keys dense enough that
// probe sequences collide and wrap, checked against a std::map every 997
// steps and at the end.
TEST(EscapesTest, SyntheticOperationsMatchAnOrderedMap) {
  std::mt19937 rng(7);
  Escapes escapes;
  std::map<uint32_t, int64_t> want;
  for (int step = 0; step < 20000; ++step) {
    uint32_t key = rng() % 3000;
    switch (rng() % 8) {
      case 0:
      case 1:
      case 2: {
        int64_t v = static_cast<int64_t>(rng()) << 20 | step;
        escapes.Set(key, v);
        want[key] = v;
        break;
      }
      case 3:
      case 4:
        escapes.Erase(key);
        want.erase(key);
        break;
      case 5:
      case 6: {
        uint32_t to = key == 0 ? 0 : rng() % key;
        bool escaped = want.contains(key);
        bool replaced = want.contains(to);
        escapes.Move(key, to, escaped, replaced);
        if (escaped) {
          want[to] = want[key];
        } else if (replaced) {
          want.erase(to);
        }
        break;
      }
      default:
        if (step % 50 == 0) {
          escapes.Truncate(key);
          want.erase(want.lower_bound(key), want.end());
        }
    }
    if (step % 997 == 0) ExpectHolds(want, escapes);
  }
  ExpectHolds(want, escapes);
}

TEST(EscapesTest, SyntheticEdgeKeysAndEmptyTable) {
  Escapes escapes;
  escapes.Erase(5);
  escapes.Truncate(0);
  EXPECT_EQ(0u, escapes.size());
  escapes.Set(0, -1);
  escapes.Set(0xfffffffe, INT64_MIN);
  escapes.Set(0xfffffffe, INT64_MAX);
  EXPECT_EQ(2u, escapes.size());
  EXPECT_EQ(-1, escapes.Get(0));
  EXPECT_EQ(INT64_MAX, escapes.Get(0xfffffffe));
  escapes.Truncate(1);
  EXPECT_EQ(1u, escapes.size());
  EXPECT_EQ(-1, escapes.Get(0));
  escapes.Truncate(0);
  EXPECT_EQ(0u, escapes.size());
}

}  // namespace
}  // namespace ftriage::analysis
