#include "kernel/kernel_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>

#include "kernel/kernel_read_lines.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage {
namespace {

KernelConfig LoadReal(const std::string& kernel) {
  KernelConfigReader reader(Coverage::kComplete);
  const Status s =
      ReadLines(testing::TestdataPath("real/kernels/" + kernel + "/config"),
                [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  EXPECT_TRUE(s.ok()) << s.message();
  return std::move(reader).Finish();
}

constexpr std::string_view kSynthetic =
    "#\n"
    "# Automatically generated file; DO NOT EDIT.\n"
    "# Linux/x86 6.1.192 Kernel Configuration\n"
    "#\n"
    "CONFIG_CC_VERSION_TEXT=\"gcc-12 (Debian 12.2.0-14) 12.2.0\"\n"
    "CONFIG_MEMORY_FAILURE=y\n"
    "CONFIG_XFS_FS=m\n"
    "CONFIG_HZ=250\n"
    "CONFIG_PHYSICAL_START=0x1000000\n"
    "# CONFIG_BPF_JIT is not set\n"
    "CONFIG_EXPLICIT_NO=n\n"
    "\n"
    "# General setup\n"
    "CONFIG_HZ_250=y   \n";

TEST(KernelConfigTest, SyntheticEveryForm) {
  const KernelConfig c = KernelConfig::FromText(kSynthetic);
  EXPECT_EQ(c.skipped().count, 0u);
  EXPECT_EQ(c.State("CONFIG_MEMORY_FAILURE"), ConfigState::kBuiltin);
  EXPECT_EQ(c.State("CONFIG_XFS_FS"), ConfigState::kModule);
  EXPECT_EQ(c.State("CONFIG_HZ"), ConfigState::kValue);
  EXPECT_EQ(c.State("CONFIG_PHYSICAL_START"), ConfigState::kValue);
  EXPECT_EQ(c.State("CONFIG_CC_VERSION_TEXT"), ConfigState::kValue);
  EXPECT_EQ(c.State("CONFIG_BPF_JIT"), ConfigState::kUnset);
  EXPECT_EQ(c.State("CONFIG_EXPLICIT_NO"), ConfigState::kUnset);
  EXPECT_EQ(c.State("CONFIG_HZ_250"), ConfigState::kBuiltin);

  const auto hz = c.Find("CONFIG_HZ");
  ASSERT_TRUE(hz);
  EXPECT_EQ(hz->option, "CONFIG_HZ");
  EXPECT_EQ(hz->value, "250");
  EXPECT_EQ(hz->text, "CONFIG_HZ=250");
  EXPECT_EQ(hz->line, 8u);
  EXPECT_EQ(c.Find("CONFIG_CC_VERSION_TEXT")->value,
            "\"gcc-12 (Debian 12.2.0-14) 12.2.0\"");
  const auto jit = c.Find("CONFIG_BPF_JIT");
  ASSERT_TRUE(jit);
  EXPECT_EQ(jit->option, "CONFIG_BPF_JIT");
  EXPECT_EQ(jit->value, "");
  EXPECT_EQ(jit->text, "# CONFIG_BPF_JIT is not set");
  EXPECT_EQ(jit->line, 10u);
  EXPECT_EQ(c.Find("CONFIG_HZ_250")->value, "y");  // trailing blanks dropped
  EXPECT_EQ(c.release(), "6.1.192");
  EXPECT_EQ(c.release_line(), 3u);
  EXPECT_EQ(c.Entries().size(), 8u);
}

TEST(KernelConfigTest, SyntheticAbsentOptionIsUnsetOnlyInACompleteConfig) {
  const KernelConfig full = KernelConfig::FromText(kSynthetic);
  const KernelConfig excerpt =
      KernelConfig::FromText(kSynthetic, Coverage::kExcerpt);
  EXPECT_EQ(full.State("CONFIG_NOT_MENTIONED"), ConfigState::kUnset);
  EXPECT_FALSE(full.Find("CONFIG_NOT_MENTIONED"));
  EXPECT_EQ(excerpt.State("CONFIG_NOT_MENTIONED"), ConfigState::kUnknown);
  EXPECT_EQ(excerpt.State("CONFIG_BPF_JIT"), ConfigState::kUnset);
  EXPECT_FALSE(excerpt.complete());
}

TEST(KernelConfigTest, SyntheticNameWithoutPrefixIsNotAKconfigSymbol) {
  const KernelConfig c = KernelConfig::FromText(kSynthetic);
  EXPECT_EQ(c.State("MEMORY_FAILURE"), ConfigState::kUnknown);
  EXPECT_EQ(c.State(""), ConfigState::kUnknown);
}

TEST(KernelConfigTest, SyntheticLastLineWins) {
  const KernelConfig c = KernelConfig::FromText(
      "CONFIG_A=y\n"
      "CONFIG_B=y\n"
      "# CONFIG_A is not set\n");
  EXPECT_EQ(c.State("CONFIG_A"), ConfigState::kUnset);
  EXPECT_EQ(c.Find("CONFIG_A")->line, 3u);
  const auto entries = c.Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].option, "CONFIG_B");
  EXPECT_EQ(entries[1].option, "CONFIG_A");
}

TEST(KernelConfigTest, SyntheticOtherLinesAreSkippedCommentsAreNot) {
  const KernelConfig c = KernelConfig::FromText(
      "# any comment\n"
      "# CONFIG_ lookalike is not set\n"
      "CONFIG_NO_EQUALS\n"
      "CONFIG_BAD-NAME=y\n"
      "not a config line\n"
      "CONFIG_OK=y\n");
  EXPECT_EQ(c.Entries().size(), 1u);
  EXPECT_EQ(c.skipped().count, 3u);
  EXPECT_EQ(c.skipped().first, 3u);
  EXPECT_EQ(c.release(), "");
  EXPECT_EQ(c.release_line(), 0u);
}

TEST(KernelConfigTest, SyntheticLookupAnswersLikeState) {
  const KernelConfig c = KernelConfig::FromText(kSynthetic);
  const ConfigLookup lookup = c.Lookup();
  EXPECT_EQ(lookup("CONFIG_XFS_FS"), ConfigState::kModule);
  EXPECT_EQ(lookup("CONFIG_NOT_MENTIONED"), ConfigState::kUnset);
}

TEST(KernelConfigTest, SyntheticMoveKeepsEntriesValid) {
  KernelConfig a = KernelConfig::FromText("CONFIG_A=y\nCONFIG_B=m\n");
  KernelConfig b = std::move(a);
  EXPECT_EQ(b.State("CONFIG_B"), ConfigState::kModule);
  EXPECT_EQ(b.Find("CONFIG_A")->text, "CONFIG_A=y");
}

TEST(KernelConfigTest, SyntheticDiffListsChangedOptionsWithBothLines) {
  const KernelConfig a = KernelConfig::FromText(
      "CONFIG_SAME=y\n"
      "CONFIG_Y_TO_M=y\n"
      "CONFIG_ONLY_A=y\n"
      "CONFIG_HZ=250\n"
      "# CONFIG_NOT_SET_VS_ABSENT is not set\n");
  const KernelConfig b = KernelConfig::FromText(
      "CONFIG_HZ=1000\n"
      "CONFIG_SAME=y\n"
      "CONFIG_Y_TO_M=m\n"
      "CONFIG_ONLY_B=m\n");
  const auto diff = DiffConfigs(a, b);
  ASSERT_EQ(diff.size(), 4u);
  EXPECT_EQ(diff[0].option, "CONFIG_Y_TO_M");
  EXPECT_EQ(diff[0].a_state, ConfigState::kBuiltin);
  EXPECT_EQ(diff[0].b_state, ConfigState::kModule);
  EXPECT_EQ(diff[0].a->line, 2u);
  EXPECT_EQ(diff[0].b->line, 3u);
  EXPECT_EQ(diff[1].option, "CONFIG_ONLY_A");
  EXPECT_EQ(diff[1].b_state, ConfigState::kUnset);
  EXPECT_FALSE(diff[1].b);
  EXPECT_EQ(diff[2].option, "CONFIG_HZ");
  EXPECT_EQ(diff[2].a->value, "250");
  EXPECT_EQ(diff[2].b->value, "1000");
  EXPECT_EQ(diff[3].option, "CONFIG_ONLY_B");
  EXPECT_FALSE(diff[3].a);
  EXPECT_EQ(diff[3].b->text, "CONFIG_ONLY_B=m");
}

TEST(KernelConfigTest, SyntheticDiffIgnoresWhatAnExcerptCannotTell) {
  const KernelConfig full = KernelConfig::FromText(
      "CONFIG_A=y\n"
      "CONFIG_B=y\n");
  const KernelConfig excerpt =
      KernelConfig::FromText("CONFIG_B=m\n", Coverage::kExcerpt);
  const auto diff = DiffConfigs(full, excerpt);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].option, "CONFIG_B");
}

TEST(KernelConfigTest, RealDebianConfigs) {
  const KernelConfig amd64 = LoadReal("6.1.0-56-amd64");
  const KernelConfig cloud = LoadReal("6.1.0-56-cloud-amd64");
  EXPECT_EQ(amd64.skipped().count, 0u);
  EXPECT_EQ(cloud.skipped().count, 0u);
  EXPECT_EQ(amd64.release(), "6.1.192");
  EXPECT_EQ(amd64.release_line(), 3u);

  EXPECT_EQ(amd64.State("CONFIG_MEMORY_FAILURE"), ConfigState::kBuiltin);
  EXPECT_EQ(amd64.Find("CONFIG_MEMORY_FAILURE")->line, 1090u);
  // Not even "is not set": its dependencies are off in the cloud flavour.
  EXPECT_EQ(cloud.State("CONFIG_MEMORY_FAILURE"), ConfigState::kUnset);
  EXPECT_FALSE(cloud.Find("CONFIG_MEMORY_FAILURE"));
  EXPECT_EQ(amd64.State("CONFIG_HZ"), ConfigState::kValue);
  EXPECT_EQ(amd64.Find("CONFIG_HZ")->value, "250");

  const auto diff = DiffConfigs(amd64, cloud);
  const auto it =
      std::ranges::find(diff, std::string_view("CONFIG_MEMORY_FAILURE"),
                        &ConfigDifference::option);
  ASSERT_NE(it, diff.end());
  EXPECT_EQ(it->a->text, "CONFIG_MEMORY_FAILURE=y");
  EXPECT_EQ(it->b_state, ConfigState::kUnset);
  EXPECT_TRUE(std::ranges::none_of(
      diff, [](const ConfigDifference& d) { return d.option == "CONFIG_HZ"; }));
  EXPECT_TRUE(DiffConfigs(amd64, amd64).empty());
}

}  // namespace
}  // namespace ftriage
