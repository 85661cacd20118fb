#include "kernel/kallsyms.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "kernel/kernel_read_lines.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage {
namespace {

std::string RealKallsyms(const std::string& kernel) {
  return testing::TestdataPath("real/kernels/" + kernel + "/kallsyms.gz");
}

Kallsyms LoadReal(const std::string& kernel) {
  KallsymsReader reader(Coverage::kComplete);
  const Status s =
      ReadLines(RealKallsyms(kernel),
                [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  EXPECT_TRUE(s.ok()) << s.message();
  return std::move(reader).Finish();
}

TEST(KallsymsTest, SyntheticEveryTypeLetterIsRead) {
  const Kallsyms k = Kallsyms::FromText(
      "ffffffff81000000 T global_text\n"
      "ffffffff81000010 t local_text\n"
      "ffffffff81000020 W weak_text\n"
      "ffffffff81000030 w local_weak_text\n"
      "ffffffff82000000 D global_data\n"
      "ffffffff82000010 d local_data\n"
      "ffffffff83000000 B global_bss\n"
      "ffffffff83000010 b local_bss\n"
      "ffffffff84000000 R global_rodata\n"
      "ffffffff84000010 r local_rodata\n"
      "0000000000000000 A absolute\n"
      "0000000000000000 U undefined\n"
      "ffffffff82000020 V weak_object\n");
  EXPECT_EQ(k.size(), 13u);
  EXPECT_EQ(k.skipped().count, 0u);
  const std::pair<const char*, char> expected[] = {
      {"global_text", 'T'},     {"local_text", 't'},  {"weak_text", 'W'},
      {"local_weak_text", 'w'}, {"global_data", 'D'}, {"local_data", 'd'},
      {"global_bss", 'B'},      {"local_bss", 'b'},   {"global_rodata", 'R'},
      {"local_rodata", 'r'},    {"absolute", 'A'},    {"undefined", 'U'},
      {"weak_object", 'V'}};
  LineNo line = 0;
  for (const auto& [name, type] : expected) {
    const auto found = k.Find(name);
    ASSERT_EQ(found.size(), 1u) << name;
    EXPECT_EQ(found[0].type, type) << name;
    EXPECT_EQ(found[0].line, ++line) << name;
    EXPECT_EQ(found[0].module, "") << name;
  }
}

TEST(KallsymsTest, SyntheticTypeHelpers) {
  for (char c : std::string("TtWw")) EXPECT_TRUE(IsText(c)) << c;
  for (char c : std::string("DdBbRrAUVv")) EXPECT_FALSE(IsText(c)) << c;
  for (char c : std::string("WwVv")) EXPECT_TRUE(IsWeak(c)) << c;
  for (char c : std::string("TtDdBbRrAU")) EXPECT_FALSE(IsWeak(c)) << c;
}

TEST(KallsymsTest, SyntheticModuleAfterTabOrSpace) {
  const Kallsyms k = Kallsyms::FromText(
      "ffffffffc0a01000 t dummy_xmit\t[dummy]\n"
      "ffffffffc0b02000 T xfs_read [xfs]\n"
      "ffffffff81000000 T vfs_read\n");
  EXPECT_EQ(k.Find("dummy_xmit").at(0).module, "dummy");
  EXPECT_EQ(k.Find("xfs_read").at(0).module, "xfs");
  EXPECT_EQ(k.Find("vfs_read").at(0).module, "");
}

TEST(KallsymsTest, SyntheticSystemMapAndUnprivilegedZeroAddresses) {
  // System.map has no modules; /proc/kallsyms read without CAP_SYSLOG shows
  // every address as zeros. Both read like kallsyms.
  const Kallsyms k = Kallsyms::FromText(
      "0000000000000000 T _stext\n"
      "0000000000000000 t do_one_initcall\n"
      "00000000 T i386_entry\n");
  EXPECT_EQ(k.size(), 3u);
  EXPECT_EQ(k.Find("i386_entry").at(0).type, 'T');
}

TEST(KallsymsTest, SyntheticSameNameTwiceKeepsEveryLineInFileOrder) {
  // Two static functions of one name in different files.
  const Kallsyms k = Kallsyms::FromText(
      "ffffffff81000000 t match_id\n"
      "ffffffff81000100 T other\n"
      "ffffffff81000200 t match_id\n");
  const auto found = k.Find("match_id");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].line, 1u);
  EXPECT_EQ(found[1].line, 3u);
}

TEST(KallsymsTest, SyntheticSuffixVariantsShareTheBaseName) {
  const Kallsyms k = Kallsyms::FromText(
      "ffffffff81000000 t foo.isra.0\n"
      "ffffffff81000100 t foo.constprop.0\n"
      "ffffffff81000200 t foo.part.0\n"
      "ffffffff81000300 t foo.cold\n"
      "ffffffff81000400 t foo.llvm.123\n"
      "ffffffff81000500 t foobar\n");
  EXPECT_TRUE(k.Find("foo").empty());
  ASSERT_EQ(k.Find("foo.part.0").size(), 1u);
  EXPECT_EQ(k.Find("foo.part.0")[0].line, 3u);
  for (const char* query : {"foo", "foo.isra.0", "foo.isra.7", "foo.cold"}) {
    const auto variants = k.FindVariants(query);
    ASSERT_EQ(variants.size(), 5u) << query;
    EXPECT_EQ(variants[0].name, "foo.isra.0");
    EXPECT_EQ(variants[4].name, "foo.llvm.123");
  }
  EXPECT_EQ(k.FindVariants("foobar").size(), 1u);
  EXPECT_TRUE(k.FindVariants("fo").empty());
}

TEST(KallsymsTest, SyntheticHasFunctionCountsClonesButNotColdFragments) {
  const Kallsyms k = Kallsyms::FromText(
      "ffffffff81000000 t only_isra.isra.0\n"
      "ffffffff81000100 t only_constprop.constprop.0\n"
      "ffffffff81000200 t only_cold.cold\n"
      "ffffffff81000300 t only_cold_numbered.cold.3\n"
      "ffffffff81000400 W weak_fn\n"
      "ffffffff82000000 d a_variable\n"
      "ffffffff81000500 T plain\n");
  EXPECT_TRUE(k.HasFunction("only_isra"));
  EXPECT_TRUE(k.HasFunction("only_constprop"));
  EXPECT_TRUE(k.HasFunction("weak_fn"));
  EXPECT_TRUE(k.HasFunction("plain"));
  EXPECT_TRUE(k.HasFunction("plain.isra.0"));
  EXPECT_FALSE(k.HasFunction("only_cold"));
  EXPECT_FALSE(k.HasFunction("only_cold_numbered"));
  EXPECT_FALSE(k.HasFunction("a_variable"));
  EXPECT_FALSE(k.HasFunction("missing"));
}

TEST(KallsymsTest, SyntheticOtherLinesAreCountedNotFatal) {
  const Kallsyms k = Kallsyms::FromText(
      "ffffffff81000000 T good\n"
      "\n"
      "   \n"
      "this is not kallsyms\n"
      "ffffffff81000000 TT two_letter_type\n"
      "xyz T not_an_address\n"
      "ffffffff81000000 T unclosed [module\n"
      "ffffffff81000000 T\n"
      "ffffffff81000100 T also_good\n");
  EXPECT_EQ(k.size(), 2u);
  EXPECT_EQ(k.skipped().count, 5u);
  EXPECT_EQ(k.skipped().first, 4u);
  EXPECT_EQ(k.Find("also_good").at(0).line, 9u);
}

TEST(KallsymsTest, SyntheticExcerptIsNotComplete) {
  EXPECT_TRUE(Kallsyms::FromText("ffffffff81000000 T a\n").complete());
  EXPECT_FALSE(Kallsyms::FromText("ffffffff81000000 T a\n", Coverage::kExcerpt)
                   .complete());
}

TEST(KallsymsTest, RealDebianKernelsSymbols) {
  const Kallsyms amd64 = LoadReal("6.1.0-56-amd64");
  const Kallsyms cloud = LoadReal("6.1.0-56-cloud-amd64");
  EXPECT_EQ(amd64.size(), 94267u);
  EXPECT_EQ(amd64.skipped().count, 0u);
  EXPECT_EQ(cloud.skipped().count, 0u);

  const auto security_bpf = amd64.Find("security_bpf");
  ASSERT_EQ(security_bpf.size(), 1u);
  EXPECT_EQ(security_bpf[0].type, 'T');

  // CONFIG_MEMORY_FAILURE=y only in amd64; its .cold fragment is a variant.
  EXPECT_TRUE(amd64.HasFunction("memory_failure"));
  const auto variants = amd64.FindVariants("memory_failure");
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].line, 15124u);
  EXPECT_EQ(variants[1].name, "memory_failure.cold");
  EXPECT_TRUE(cloud.FindVariants("memory_failure").empty());
  // madvise_inject_error (mm/madvise.c, built with CONFIG_MEMORY_FAILURE) is
  // static and inlined into do_madvise: neither kernel lists it.
  EXPECT_FALSE(amd64.HasFunction("madvise_inject_error"));
  EXPECT_FALSE(cloud.HasFunction("madvise_inject_error"));

  // Clones exist only under their suffixed name.
  EXPECT_TRUE(amd64.Find("match_id").empty());
  EXPECT_TRUE(amd64.HasFunction("match_id"));

  const auto trampoline = amd64.Find("ftrace_trampoline");
  ASSERT_EQ(trampoline.size(), 1u);
  EXPECT_EQ(trampoline[0].module, "__builtin__ftrace");
  EXPECT_EQ(trampoline[0].line, 94267u);
}

}  // namespace
}  // namespace ftriage
