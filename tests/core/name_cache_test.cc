#include "core/name_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage {
namespace {

// The cache answers with the pool's ids: the same as Intern() for every
// length its keys handle differently (0, 1-3, 4-7, 8-16 bytes, longer),
// for names that share their first and last 8 bytes, and after evictions.
TEST(NameCacheTest, SameIdsAsTheStringPool) {
  std::vector<std::string> names;
  for (size_t n = 0; n <= 40; ++n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7) % 26);
    names.push_back(s);
    if (n > 16) {
      std::string middle = s;
      middle[n / 2] = '_';  // same first and last 8 bytes, other middle
      names.push_back(middle);
    }
  }
  for (int i = 0; i < 20000; ++i) {  // more names than slots
    names.push_back("func_" + std::to_string(i));
  }
  StringPool pool;
  StringPool reference;
  NameCache cache(&pool);
  for (int round = 0; round < 3; ++round) {
    for (const std::string& s : names) {
      StringId id = cache.Intern(s);
      EXPECT_EQ(pool.Get(id), s);
      EXPECT_EQ(id, reference.Intern(s)) << s;
    }
  }
  EXPECT_EQ(pool.size(), reference.size());
}

}  // namespace
}  // namespace ftriage
