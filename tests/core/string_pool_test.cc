#include "core/string_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage {
namespace {

TEST(StringPoolTest, EqualStringsGetEqualIdsInOrderOfFirstSight) {
  StringPool pool;
  StringId a = pool.Intern("vfs_read");
  StringId b = pool.Intern("vfs_write");
  EXPECT_NE(a, b);
  EXPECT_EQ(b.value, a.value + 1);
  EXPECT_EQ(pool.Intern(std::string("vfs_read")), a);
  EXPECT_EQ(pool.Get(a), "vfs_read");
  EXPECT_EQ(pool.Intern(""), StringId{0});  // interned by the constructor
}

TEST(StringPoolTest, FindDoesNotIntern) {
  StringPool pool;
  EXPECT_TRUE(pool.Find("ksys_read").is_none());
  size_t size = pool.size();
  StringId id = pool.Intern("ksys_read");
  EXPECT_EQ(pool.Find("ksys_read"), id);
  EXPECT_EQ(pool.size(), size + 1);
}

TEST(StringPoolTest, ManyNamesOfEveryLengthSurviveGrowth) {
  StringPool pool;
  std::vector<std::string> names;
  std::vector<StringId> ids;
  for (int i = 0; i < 100000; ++i) {
    // Lengths 1..40, so every tail of the word-at-a-time hash is used.
    std::string s = std::to_string(i) + std::string(i % 37, 'x');
    names.push_back(s);
    ids.push_back(pool.Intern(s, StringPool::Hash(s)));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    ASSERT_EQ(pool.Intern(names[i]), ids[i]) << names[i];
    ASSERT_EQ(pool.Get(ids[i]), names[i]);
  }
  EXPECT_EQ(pool.size(), names.size() + 1);
}

}  // namespace
}  // namespace ftriage
