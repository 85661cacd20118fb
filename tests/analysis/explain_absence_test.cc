// The rules of ExplainAbsence, one by one, on the synthetic source tree of
// testdata/kernel/synthetic and hand-made kallsyms / .config /
// available_filter_functions text (all synthetic).
#include "analysis/explain_absence.h"

#include <gtest/gtest.h>

#include "kernel/source_index_builder.h"

namespace ftriage::analysis {
namespace {

class ExplainAbsenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new kernel::SourceIndex();
    Status s = kernel::BuildSourceIndex(
        FTRIAGE_TESTDATA_DIR "/kernel/synthetic", 1, {}, index_);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }

  // One kernel from listings given as text ("" = not given).
  Explanation Explain(const std::string& fn, const std::string& kallsyms,
                      const std::string& config, const std::string& filter = "",
                      bool with_source = true) {
    context_ = KernelContext();
    if (!kallsyms.empty()) {
      context_.kallsyms.emplace(
          Loaded<Kallsyms>{Kallsyms::FromText(kallsyms), "kallsyms"});
    }
    if (!config.empty()) {
      context_.config.emplace(
          Loaded<KernelConfig>{KernelConfig::FromText(config), "config"});
    }
    if (!filter.empty()) {
      context_.filter_functions.emplace(Loaded<FilterFunctions>{
          FilterFunctions::FromText(filter), "available_filter_functions"});
    }
    ExplainRun run;
    run.kernel = &context_;
    run.arch = "x86";
    return ExplainAbsence(fn, run, "BAD", with_source ? index_ : nullptr);
  }

  static kernel::SourceIndex* index_;
  KernelContext context_;
};

kernel::SourceIndex* ExplainAbsenceTest::index_ = nullptr;

constexpr const char* kSomeSymbols =
    "ffffffff81000000 T do_mount\n"
    "ffffffff81000100 t path_mount\n";

TEST_F(ExplainAbsenceTest, SyntheticWeakSymbolIsTheCondSyscallStub) {
  Explanation x =
      Explain("__ia32_sys_clock_gettime32",
              "ffffffff81182410 W __ia32_sys_clock_gettime32\n", "");
  EXPECT_EQ(x.kind, ExplanationKind::kWeakStub);
  EXPECT_EQ(x.certainty, Certainty::kHigh);
  EXPECT_EQ(x.option, "CONFIG_COMPAT_32BIT_TIME");
  EXPECT_NE(x.sentence.find("kernel/sys_ni.c"), std::string::npos);
}

TEST_F(ExplainAbsenceTest, SyntheticUnsetOptionCompilesTheDefinitionOut) {
  Explanation x = Explain("madvise_inject_error", kSomeSymbols,
                          "CONFIG_MMU=y\nCONFIG_ADVISE_SYSCALLS=y\n");
  EXPECT_EQ(x.kind, ExplanationKind::kCompiledOut);
  EXPECT_EQ(x.certainty, Certainty::kHigh);
  EXPECT_EQ(x.option, "CONFIG_MEMORY_FAILURE");
  bool cites_config = false;
  for (const Evidence& e : x.evidence) cites_config |= e.input == "config";
  EXPECT_TRUE(cites_config);
}

TEST_F(ExplainAbsenceTest, SyntheticNoSymbolButBuiltMeansInlined) {
  Explanation x = Explain(
      "madvise_inject_error", kSomeSymbols,
      "CONFIG_MMU=y\nCONFIG_ADVISE_SYSCALLS=y\nCONFIG_MEMORY_FAILURE=y\n");
  EXPECT_EQ(x.kind, ExplanationKind::kInlined);
  EXPECT_EQ(x.certainty, Certainty::kHigh);
}

TEST_F(ExplainAbsenceTest, SyntheticKbuildGateCompilesTheFileOut) {
  // xskmap.c is built only with CONFIG_XDP_SOCKETS (net/xdp/Makefile).
  Explanation x = Explain("xsk_map_alloc", kSomeSymbols, "CONFIG_NET=y\n");
  EXPECT_EQ(x.kind, ExplanationKind::kCompiledOut);
  EXPECT_EQ(x.option, "CONFIG_XDP_SOCKETS");
}

TEST_F(ExplainAbsenceTest, SyntheticStaticInlineStubWithoutItsOption) {
  Explanation x = Explain("security_bpf", "", "");
  EXPECT_EQ(x.kind, ExplanationKind::kInlined);
  EXPECT_EQ(x.certainty, Certainty::kMedium);
  EXPECT_EQ(x.option, "CONFIG_SECURITY");
}

TEST_F(ExplainAbsenceTest, SyntheticSymbolNotInFilterFunctionsIsNotTraceable) {
  Explanation x = Explain("path_mount", kSomeSymbols, "", "do_mount\n");
  EXPECT_EQ(x.kind, ExplanationKind::kNotTraceable);
  EXPECT_EQ(x.certainty, Certainty::kHigh);
}

TEST_F(ExplainAbsenceTest, SyntheticTraceableSymbolWasNotCalled) {
  Explanation x =
      Explain("do_mount", kSomeSymbols, "", "do_mount\npath_mount\n");
  EXPECT_EQ(x.kind, ExplanationKind::kNotCalled);
  EXPECT_EQ(x.certainty, Certainty::kHigh);
}

TEST_F(ExplainAbsenceTest, SyntheticNothingGivenSaysWhatWouldTell) {
  Explanation x = Explain("madvise_inject_error", "", "", "", false);
  EXPECT_EQ(x.kind, ExplanationKind::kUnknown);
  EXPECT_EQ(x.certainty, Certainty::kLow);
  EXPECT_NE(x.sentence.find("kallsyms"), std::string::npos);
}

TEST_F(ExplainAbsenceTest, SyntheticExcerptProvesNoAbsence) {
  context_ = KernelContext();
  context_.kallsyms.emplace(Loaded<Kallsyms>{
      Kallsyms::FromText(kSomeSymbols, Coverage::kExcerpt), "excerpt"});
  ExplainRun run;
  run.kernel = &context_;
  Explanation x = ExplainAbsence("madvise_inject_error", run, "BAD", index_);
  EXPECT_NE(x.certainty, Certainty::kHigh);
  for (const Evidence& e : x.evidence) EXPECT_NE(e.input, "kallsyms");
}

}  // namespace
}  // namespace ftriage::analysis
