#include "kernel/source_conditions.h"

#include <gtest/gtest.h>

namespace ftriage::kernel {
namespace {

TEST(SourceConditionsTest, SyntheticNestingElifElse) {
  ConditionStack c;
  EXPECT_EQ(c.current(), "");
  c.NoteOther();
  c.Ifdef("CONFIG_A");
  EXPECT_EQ(c.current(), "(defined(CONFIG_A))");
  c.If("X > 1");
  EXPECT_EQ(c.current(), "(defined(CONFIG_A)) && (X > 1)");
  c.Elif("Y");
  EXPECT_EQ(c.current(), "(defined(CONFIG_A)) && !(X > 1) && (Y)");
  c.Else();
  EXPECT_EQ(c.current(), "(defined(CONFIG_A)) && !(X > 1) && !(Y)");
  c.Endif();
  c.Else();
  EXPECT_EQ(c.current(), "!(defined(CONFIG_A))");
  c.Endif();
  EXPECT_EQ(c.current(), "");
  const uint64_t v = c.version();
  c.Endif();  // unbalanced: ignored
  c.Else();
  EXPECT_EQ(c.current(), "");
  EXPECT_EQ(c.version(), v);
}

// Found with fuzz/source_scanner_fuzz: every #if, #elif, #else and #endif
// rebuilt the whole condition, so N nested #ifdefs cost O(N^2) (10k took
// 35 s under ASan). Only the innermost frame's part is rewritten now.
TEST(SourceConditionsTest, SyntheticDeepNestingIsLinear) {
  constexpr int kDepth = 100000;
  ConditionStack c;
  c.NoteOther();
  for (int i = 0; i < kDepth; ++i) c.Ifdef("CONFIG_A");
  const std::string one = "(defined(CONFIG_A))";
  EXPECT_EQ(c.current().size(), kDepth * (one.size() + 4) - 4);
  c.Else();
  EXPECT_TRUE(c.current().ends_with(" && " + one + " && !" + one));
  c.Elif("X");
  EXPECT_TRUE(c.current().ends_with(one + " && !" + one + " && (X)"));
  for (int i = 0; i < kDepth - 1; ++i) c.Endif();
  EXPECT_EQ(c.current(), one);
  c.Else();
  EXPECT_EQ(c.current(), "!" + one);
  c.Endif();
  EXPECT_EQ(c.current(), "");
}

TEST(SourceConditionsTest, SyntheticIncludeGuard) {
  ConditionStack c;
  c.Ifndef("_FOO_H");
  EXPECT_EQ(c.current(), "(!defined(_FOO_H))");  // until the #define
  c.Define("_FOO_H");
  EXPECT_EQ(c.current(), "");
  c.Ifndef("CONFIG_B");
  EXPECT_EQ(c.current(), "(!defined(CONFIG_B))");
  c.Endif();
  c.Endif();
  EXPECT_EQ(c.current(), "");

  ConditionStack if_form;
  if_form.If("!defined(_SPU_PRIV1_H)");
  if_form.Define("_SPU_PRIV1_H");
  EXPECT_EQ(if_form.current(), "");

  ConditionStack not_guard;
  not_guard.Ifndef("_BAR_H");
  not_guard.Define("OTHER");
  EXPECT_EQ(not_guard.current(), "(!defined(_BAR_H))");
}

}  // namespace
}  // namespace ftriage::kernel
