#include "kernel/config_condition.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace ftriage::kernel {
namespace {

// A synthetic .config: Y=y, M=m, N unset, V=64; anything else unknown.
ConfigState SyntheticConfig(std::string_view option) {
  static const std::map<std::string, ConfigState, std::less<>> kConfig = {
      {"CONFIG_Y", ConfigState::kBuiltin},
      {"CONFIG_M", ConfigState::kModule},
      {"CONFIG_N", ConfigState::kUnset},
      {"CONFIG_V", ConfigState::kValue}};
  auto it = kConfig.find(option);
  return it == kConfig.end() ? ConfigState::kUnknown : it->second;
}

Truth Eval(std::string_view expr) {
  return EvalCondition(expr, SyntheticConfig);
}

constexpr Truth T = Truth::kTrue;
constexpr Truth F = Truth::kFalse;
constexpr Truth U = Truth::kUnknown;

TEST(ConfigConditionTest, SyntheticDefinedFollowsAutoconf) {
  EXPECT_EQ(Eval("defined(CONFIG_Y)"), T);
  EXPECT_EQ(Eval("defined CONFIG_Y"), T);
  EXPECT_EQ(Eval("defined(CONFIG_M)"), F);  // m defines CONFIG_M_MODULE
  EXPECT_EQ(Eval("defined(CONFIG_M_MODULE)"), T);
  EXPECT_EQ(Eval("defined(CONFIG_Y_MODULE)"), F);
  EXPECT_EQ(Eval("defined(CONFIG_N)"), F);
  EXPECT_EQ(Eval("defined(CONFIG_V)"), T);
  EXPECT_EQ(Eval("defined(CONFIG_UNKNOWN)"), U);
  EXPECT_EQ(Eval("defined(CONFIG_UNKNOWN_MODULE)"), U);
  EXPECT_EQ(Eval("!defined(CONFIG_N)"), T);
}

TEST(ConfigConditionTest, SyntheticKconfigMacros) {
  struct Row {
    const char* option;
    Truth enabled, builtin, module;
  };
  for (const Row& r : {Row{"CONFIG_Y", T, T, F}, Row{"CONFIG_M", T, F, T},
                       Row{"CONFIG_N", F, F, F}, Row{"CONFIG_X", U, U, U}}) {
    const std::string o = std::string("(") + r.option + ")";
    EXPECT_EQ(Eval("IS_ENABLED" + o), r.enabled) << r.option;
    EXPECT_EQ(Eval("IS_REACHABLE" + o), r.enabled) << r.option;
    EXPECT_EQ(Eval("IS_BUILTIN" + o), r.builtin) << r.option;
    EXPECT_EQ(Eval("IS_MODULE" + o), r.module) << r.option;
  }
  EXPECT_EQ(Eval("IS_ENABLED(FOO)"), U);
  EXPECT_EQ(Eval("IS_ENABLED(CONFIG_Y, 2)"), U);
}

TEST(ConfigConditionTest, SyntheticBareOptionIsItsMacroValue) {
  EXPECT_EQ(Eval("CONFIG_Y"), T);
  EXPECT_EQ(Eval("CONFIG_M"), F);
  EXPECT_EQ(Eval("CONFIG_N"), F);
  EXPECT_EQ(Eval("CONFIG_V"), U);  // its value is not known
  EXPECT_EQ(Eval("CONFIG_M_MODULE"), T);
}

TEST(ConfigConditionTest, SyntheticThreeValuedLogic) {
  // Rows: a, b; columns: a && b, a || b, !a.
  struct Row {
    const char* a;
    const char* b;
    Truth and_, or_, not_a;
  };
  const char* t = "defined(CONFIG_Y)";
  const char* f = "defined(CONFIG_N)";
  const char* u = "defined(CONFIG_X)";
  for (const Row& r :
       {Row{t, t, T, T, F}, Row{t, f, F, T, F}, Row{t, u, U, T, F},
        Row{f, t, F, T, T}, Row{f, f, F, F, T}, Row{f, u, F, U, T},
        Row{u, t, U, T, U}, Row{u, f, F, U, U}, Row{u, u, U, U, U}}) {
    const std::string a = r.a;
    const std::string b = r.b;
    EXPECT_EQ(Eval(a + " && " + b), r.and_) << a << " && " << b;
    EXPECT_EQ(Eval(a + " || " + b), r.or_) << a << " || " << b;
    EXPECT_EQ(Eval("!" + a), r.not_a) << a;
  }
}

TEST(ConfigConditionTest, SyntheticIndexConditionStrings) {
  const std::string c = "(defined(CONFIG_Y)) && !(defined(CONFIG_N))";
  EXPECT_EQ(Eval(c), T);
  EXPECT_EQ(Eval("(defined(CONFIG_N)) && !(defined(CONFIG_Y))"), F);
  EXPECT_EQ(Eval("!(defined(CONFIG_Y) && IS_ENABLED(CONFIG_M)) && "
                 "(IS_ENABLED(CONFIG_N))"),
            F);
  EXPECT_EQ(Eval("(!defined(CONFIG_N))"), T);
  EXPECT_EQ(Eval(""), U);
}

TEST(ConfigConditionTest, SyntheticNumbersAndComparisons) {
  EXPECT_EQ(Eval("0"), F);
  EXPECT_EQ(Eval("1"), T);
  EXPECT_EQ(Eval("0x10 == 16"), T);
  EXPECT_EQ(Eval("010 == 8"), T);
  EXPECT_EQ(Eval("4096UL > 100"), T);
  EXPECT_EQ(Eval("1 + 2 * 3 == 7"), T);
  EXPECT_EQ(Eval("(1 << 4) >= 16 && 5 % 3 == 2"), T);
  EXPECT_EQ(Eval("-1 < 0"), T);
  EXPECT_EQ(Eval("1 ? 0 : 1"), F);
  EXPECT_EQ(Eval("CONFIG_V > 32"), U);
  EXPECT_EQ(Eval("1 / 0"), U);
  EXPECT_EQ(Eval("CONFIG_Y + 1 == 2"), T);
}

TEST(ConfigConditionTest, SyntheticUnknownsStayInTheirSubexpression) {
  EXPECT_EQ(Eval("__GNUC__ >= 4"), U);
  EXPECT_EQ(Eval("defined(__KERNEL__)"), U);
  EXPECT_EQ(Eval("defined(CONFIG_N) && __has_attribute(foo)"), F);
  EXPECT_EQ(Eval("defined(CONFIG_Y) || FOO(a, b)"), T);
  EXPECT_EQ(Eval("defined(CONFIG_N) && (@ garbage"), F);
  EXPECT_EQ(Eval("defined(CONFIG_Y) && __has_include(\"x.h\")"), U);
  EXPECT_EQ(Eval("defined(CONFIG_Y) &&"), U);
  EXPECT_EQ(Eval("((("), U);
  EXPECT_EQ(Eval("1 2"), U);
}

// Found with fuzz/config_condition_fuzz: 100k nested "(" (or "!", "-",
// "1?") overflowed the stack of the recursive descent. Nesting deeper than
// 250 parentheses (500 "!") is now unknown; what is around it still counts.
TEST(ConfigConditionTest, SyntheticDeepNestingIsUnknownNotAStackOverflow) {
  constexpr size_t kDeep = 100000;
  const std::string parens =
      std::string(kDeep, '(') + "1" + std::string(kDeep, ')');
  EXPECT_EQ(Eval(parens), U);
  EXPECT_EQ(Eval("defined(CONFIG_N) && " + parens), F);
  EXPECT_EQ(Eval("defined(CONFIG_Y) || " + parens), T);
  EXPECT_EQ(Eval(std::string(kDeep, '!') + "1"), U);
  EXPECT_EQ(Eval(std::string(kDeep, '-') + "1"), U);
  std::string ternary;
  for (size_t i = 0; i < kDeep; ++i) ternary += "1?";
  ternary += "1";
  for (size_t i = 0; i < kDeep; ++i) ternary += ":0";
  EXPECT_EQ(Eval(ternary), U);
  // 100 levels still read.
  EXPECT_EQ(Eval(std::string(100, '(') + "CONFIG_Y" + std::string(100, ')')),
            T);
  EXPECT_EQ(Eval(std::string(100, '!') + "CONFIG_Y"), T);
}

TEST(ConfigConditionTest, SyntheticOptionsNamed) {
  EXPECT_EQ(
      ConditionOptions("(defined(CONFIG_A)) && !(IS_ENABLED(CONFIG_B)) "
                       "&& CONFIG_A && CONFIG_C_MODULE && FOO"),
      (std::vector<std::string>{"CONFIG_A", "CONFIG_B", "CONFIG_C_MODULE"}));
  EXPECT_TRUE(ConditionOptions("").empty());
  EXPECT_TRUE(ConditionOptions("defined(__KERNEL__)").empty());
}

}  // namespace
}  // namespace ftriage::kernel
