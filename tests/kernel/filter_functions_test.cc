#include "kernel/filter_functions.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "kernel/kallsyms.h"
#include "kernel/kernel_read_lines.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage {
namespace {

template <typename Reader>
auto LoadReal(const std::string& kernel, const std::string& file) {
  Reader reader(Coverage::kComplete);
  const Status s =
      ReadLines(testing::TestdataPath("real/kernels/" + kernel + "/" + file),
                [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  EXPECT_TRUE(s.ok()) << s.message();
  return std::move(reader).Finish();
}

TEST(FilterFunctionsTest, SyntheticNamesAndModules) {
  const FilterFunctions f = FilterFunctions::FromText(
      "vfs_read\n"
      "dummy_xmit [dummy]\n"
      "__do_softirq\n");
  EXPECT_EQ(f.size(), 3u);
  EXPECT_TRUE(f.Contains("vfs_read"));
  ASSERT_EQ(f.Find("dummy_xmit").size(), 1u);
  EXPECT_EQ(f.Find("dummy_xmit")[0].module, "dummy");
  EXPECT_EQ(f.Find("dummy_xmit")[0].line, 2u);
  EXPECT_EQ(f.Find("vfs_read")[0].module, "");
  EXPECT_FALSE(f.Contains("vfs_write"));
}

TEST(FilterFunctionsTest, SyntheticAddrsFormIsAccepted) {
  // available_filter_functions_addrs (6.5+).
  const FilterFunctions f = FilterFunctions::FromText(
      "ffffffff81001000 vfs_read\n"
      "ffffffffc0a01000 dummy_xmit [dummy]\n");
  EXPECT_EQ(f.skipped().count, 0u);
  EXPECT_TRUE(f.Contains("vfs_read"));
  EXPECT_EQ(f.Find("dummy_xmit").at(0).module, "dummy");
}

TEST(FilterFunctionsTest, SyntheticHexLookingNamesAreNames) {
  const FilterFunctions f = FilterFunctions::FromText(
      "add\n"
      "dead [beef]\n");
  EXPECT_TRUE(f.Contains("add"));
  EXPECT_EQ(f.Find("dead").at(0).module, "beef");
}

TEST(FilterFunctionsTest, SyntheticContainsMatchesBaseNames) {
  const FilterFunctions f = FilterFunctions::FromText(
      "foo.isra.0\n"
      "bar\n");
  EXPECT_TRUE(f.Contains("foo"));
  EXPECT_TRUE(f.Contains("foo.isra.0"));
  EXPECT_TRUE(f.Contains("foo.constprop.3"));  // another build's clone
  EXPECT_TRUE(f.Contains("bar.part.1"));
  EXPECT_TRUE(f.Find("foo").empty());
  ASSERT_EQ(f.FindVariants("foo").size(), 1u);
  EXPECT_EQ(f.FindVariants("foo")[0].name, "foo.isra.0");
  EXPECT_FALSE(f.Contains("fo"));
}

TEST(FilterFunctionsTest, SyntheticOtherLinesAreCounted) {
  const FilterFunctions f = FilterFunctions::FromText(
      "good\n"
      "\n"
      "two words here\n"
      "9starts_with_digit\n"
      "name [unclosed\n"
      "also_good\n");
  EXPECT_EQ(f.size(), 2u);
  EXPECT_EQ(f.skipped().count, 3u);
  EXPECT_EQ(f.skipped().first, 3u);
}

TEST(FilterFunctionsTest, SyntheticExcerptIsNotComplete) {
  EXPECT_TRUE(FilterFunctions::FromText("a\n").complete());
  EXPECT_FALSE(FilterFunctions::FromText("a\n", Coverage::kExcerpt).complete());
}

TEST(FilterFunctionsTest, RealDebianKernelsTraceableFunctions) {
  const FilterFunctions amd64 = LoadReal<FilterFunctionsReader>(
      "6.1.0-56-amd64", "available_filter_functions.gz");
  const FilterFunctions cloud = LoadReal<FilterFunctionsReader>(
      "6.1.0-56-cloud-amd64", "available_filter_functions.gz");
  EXPECT_EQ(amd64.size(), 38252u);
  EXPECT_EQ(amd64.skipped().count, 0u);
  EXPECT_EQ(cloud.skipped().count, 0u);
  EXPECT_EQ(amd64.Find("security_bpf").at(0).line, 16103u);
  EXPECT_TRUE(amd64.Contains("memory_failure"));
  EXPECT_FALSE(cloud.Contains("memory_failure"));
  EXPECT_TRUE(cloud.Contains("do_madvise"));

  // native_sched_clock is code (T in kallsyms) but notrace.
  const Kallsyms symbols =
      LoadReal<KallsymsReader>("6.1.0-56-amd64", "kallsyms.gz");
  EXPECT_TRUE(symbols.HasFunction("native_sched_clock"));
  EXPECT_FALSE(amd64.Contains("native_sched_clock"));
}

}  // namespace
}  // namespace ftriage
