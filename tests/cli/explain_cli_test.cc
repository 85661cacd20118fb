// `ftriage explain` on the seed cases and on the real two-kernel capture.
// The source index of Debian's linux-source-6.1 is built by
// tools/kernel_source.sh (tools/test.sh exports FTRIAGE_SOURCE_INDEX); tests
// that need it are skipped, saying so, when it is not there.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using Json = nlohmann::json;

std::string SourceIndex() {
  const char* p = std::getenv("FTRIAGE_SOURCE_INDEX");
  return p != nullptr && std::filesystem::exists(p) ? p : "";
}

#define REQUIRE_SOURCE_INDEX()                                           \
  if (SourceIndex().empty())                                             \
  GTEST_SKIP() << "FTRIAGE_SOURCE_INDEX not set: run tools/test.sh (or " \
                  "tools/kernel_source.sh) to index Debian's linux-source-6.1"

Json Explain(std::vector<std::string> args) {
  args.insert(args.begin(), {"explain", "--json"});
  CliResult r = RunCliInTestdata(args);
  EXPECT_NE(r.exit_code, 2) << r.err;
  return Json::parse(r.out);
}

// The explanation of |function| (for |kernel| if given), or null.
Json Find(const Json& j, const std::string& function,
          const std::string& kernel = "") {
  for (const Json& x : j["explanations"]) {
    if (x.value("function", "") == function &&
        (kernel.empty() || x.value("kernel", "") == kernel)) {
      return x;
    }
  }
  return nullptr;
}

// Every evidence line cited exists in its file (trace inputs and the
// kernel files under testdata/) and says what the evidence claims.
void ExpectEvidenceExists(const Json& j) {
  for (const Json& x : j["explanations"]) {
    for (const Json& e : x["evidence"]) {
      std::string input = e["input"];
      if (input != "trace" || !e.contains("line")) continue;
      std::string text = ReadFile(TestdataPath(e["path"]));
      size_t line = e["line"];
      size_t pos = 0;
      for (size_t i = 1; i < line && pos != std::string::npos; ++i) {
        pos = text.find('\n', pos);
        if (pos != std::string::npos) ++pos;
      }
      ASSERT_NE(pos, std::string::npos) << e.dump();
      std::string at = text.substr(pos, text.find('\n', pos) - pos);
      std::string text_claim = e["text"];
      std::string fn = text_claim.substr(0, text_claim.find_first_of(": "));
      EXPECT_NE(at.find(fn), std::string::npos) << e.dump() << " vs " << at;
    }
  }
}

TEST(ExplainCliTest, BpfXskmapWithoutContextSaysWhatWouldTell) {
  Json j = Explain({"seeds/bpf-xskmap-einval/bad.trace",
                    "seeds/bpf-xskmap-einval/good-same-kernel.trace"});
  EXPECT_NE(j["focus"].get<std::string>().find("after __might_fault"),
            std::string::npos);
  // Trace-only: array_map_alloc_check ran in GOOD, so it has code there.
  Json x = Find(j, "array_map_alloc_check", "BAD");
  ASSERT_FALSE(x.is_null());
  EXPECT_EQ(x["kind"], "not_called");
  bool names_source = false;
  for (const Json& s : j["would_settle"]) {
    names_source |=
        s.get<std::string>().find("source index") != std::string::npos;
  }
  EXPECT_TRUE(names_source);
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, BpfXskmapCandidatesAfterMightFault) {
  REQUIRE_SOURCE_INDEX();
  Json j =
      Explain({"seeds/bpf-xskmap-einval/bad.trace",
               "seeds/bpf-xskmap-einval/good-same-kernel.trace",
               "--source-index", SourceIndex(), "--expect", "xsk_map_alloc"});
  Json security = Find(j, "security_bpf", "BAD");
  ASSERT_FALSE(security.is_null()) << j.dump(1);
  EXPECT_EQ(security["option"], "CONFIG_SECURITY");
  EXPECT_NE(security["sentence"].get<std::string>().find("static inline stub"),
            std::string::npos);
  for (const char* fn : {"map_create", "find_and_alloc_map"}) {
    Json x = Find(j, fn, "BAD");
    ASSERT_FALSE(x.is_null()) << fn;
    EXPECT_EQ(x["kind"], "inlined") << fn;
  }
  Json xsk = Find(j, "xsk_map_alloc", "BAD");
  ASSERT_FALSE(xsk.is_null());
  EXPECT_EQ(xsk["option"], "CONFIG_XDP_SOCKETS");
  EXPECT_NE(xsk["sentence"].get<std::string>().find("BPF_MAP_TYPE_XSKMAP"),
            std::string::npos);
  // The syscall wrapper's body is inlined in both runs' kernel.
  Json sys = Find(j, "__sys_bpf");
  ASSERT_FALSE(sys.is_null());
  EXPECT_EQ(sys["kind"], "inlined");
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, Ia32ClockGettimeIsAWeakStubWithKallsymsExcerpt) {
  Json j = Explain({"seeds/ia32-clock-gettime-enosys/function-graph.trace",
                    "--root", "__ia32_sys_clock_gettime32", "--bad-kernel",
                    "seeds/ia32-clock-gettime-enosys/kallsyms-excerpt.txt"});
  ASSERT_FALSE(j["explanations"].empty());
  const Json& top = j["explanations"][0];
  EXPECT_EQ(top["function"], "__ia32_sys_clock_gettime32");
  EXPECT_EQ(top["kind"], "weak_stub");
  EXPECT_EQ(top["certainty"], "high");
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, Ia32ClockGettimeGateFromTheSource) {
  REQUIRE_SOURCE_INDEX();
  Json j = Explain({"seeds/ia32-clock-gettime-enosys/function-graph.trace",
                    "--root", "__ia32_sys_clock_gettime32", "--bad-kernel",
                    "seeds/ia32-clock-gettime-enosys/kallsyms-excerpt.txt",
                    "--source-index", SourceIndex()});
  const Json& top = j["explanations"][0];
  EXPECT_EQ(top["kind"], "weak_stub");
  EXPECT_EQ(top["option"], "CONFIG_COMPAT_32BIT_TIME");
  EXPECT_NE(top["sentence"].get<std::string>().find("COND_SYSCALL"),
            std::string::npos);
}

TEST(ExplainCliTest, MountProbesOrderedIntoTheChainEndingAtCountMounts) {
  REQUIRE_SOURCE_INDEX();
  Json j = Explain({"seeds/mount-max-enospc/trace-bpfcc-retvals.log",
                    "--source-index", SourceIndex()});
  const Json& top = j["explanations"][0];
  EXPECT_EQ(top["kind"], "call_order");
  EXPECT_EQ(top["function"], "count_mounts");
  std::string chain = top["sentence"];
  size_t sys = chain.find("__arm64_sys_mount");
  size_t do_mount = chain.find("(do_mount)");
  size_t path = chain.find("path_mount");
  size_t graft = chain.find("graft_tree");
  ASSERT_NE(do_mount, std::string::npos) << chain;
  EXPECT_LT(sys, do_mount);
  EXPECT_LT(do_mount, path);
  EXPECT_LT(path, graft);
  Json dm = Find(j, "do_mount");
  ASSERT_FALSE(dm.is_null());
  EXPECT_EQ(dm["kind"], "inlined");
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, MadviseNamesMemoryFailureFirstAcrossKernels) {
  REQUIRE_SOURCE_INDEX();
  Json j = Explain(
      {"real/6.1.0-56-cloud-amd64_x86_64_fgraph_madvise-soft-offline.txt",
       "real/6.1.0-56-amd64_x86_64_fgraph_madvise-soft-offline.txt",
       "--bad-kernel", "real/kernels/6.1.0-56-cloud-amd64", "--good-kernel",
       "real/kernels/6.1.0-56-amd64", "--source-index", SourceIndex()});
  ASSERT_FALSE(j["explanations"].empty());
  EXPECT_EQ(j["explanations"][0]["option"], "CONFIG_MEMORY_FAILURE");
  bool config_difference = false;
  for (const Json& x : j["explanations"]) {
    if (x["kind"] == "config_difference") {
      EXPECT_EQ(x["option"], "CONFIG_MEMORY_FAILURE");  // the first one
      config_difference = true;
      break;
    }
  }
  EXPECT_TRUE(config_difference);
  Json inject = Find(j, "madvise_inject_error", "GOOD");
  ASSERT_FALSE(inject.is_null());
  EXPECT_EQ(inject["kind"], "inlined");
  EXPECT_EQ(inject["certainty"], "high");
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, MadviseWithKernelsButNoSourceStillNamesTheOption) {
  Json j = Explain(
      {"real/6.1.0-56-cloud-amd64_x86_64_fgraph_madvise-soft-offline.txt",
       "real/6.1.0-56-amd64_x86_64_fgraph_madvise-soft-offline.txt",
       "--bad-kernel", "real/kernels/6.1.0-56-cloud-amd64", "--good-kernel",
       "real/kernels/6.1.0-56-amd64"});
  Json soft = Find(j, "soft_offline_page", "BAD");
  ASSERT_FALSE(soft.is_null());
  // No symbol in BAD's kallsyms, and no source to say why.
  EXPECT_EQ(soft["certainty"], "medium");
  ExpectEvidenceExists(j);
}

// The failing bpf() captured with max_graph_depth=3 (tools/capture profile
// fgraph-depth3) against a whole capture: the capture's cut comes first,
// and the calls GOOD makes in map_create, which BAD's capture could not
// show, are not called "not called".
TEST(ExplainCliTest, MaxGraphDepthCutComesFirstAndHidesNothingAsNotCalled) {
  Json j = Explain({"real/6.1.0-56-amd64_x86_64_fgraph-depth3_bpf-bad.txt",
                    "real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt",
                    "--kernel", "real/kernels/6.1.0-56-amd64"});
  ASSERT_FALSE(j["explanations"].empty());
  const Json& top = j["explanations"][0];
  EXPECT_EQ(top["kind"], "filtered_by_capture");
  EXPECT_EQ(top["kernel"], "BAD");
  EXPECT_NE(top["sentence"].get<std::string>().find("max_graph_depth to 3"),
            std::string::npos);
  Json check = Find(j, "array_map_alloc_check", "BAD");
  ASSERT_FALSE(check.is_null());
  EXPECT_EQ(check["kind"], "filtered_by_capture");
  for (const Json& x : j["explanations"]) {
    EXPECT_NE(x["kind"], "not_called") << x.dump();
  }
  ExpectEvidenceExists(j);
}

// The same call captured with tracing_thresh=20 (profile fgraph-thresh):
// only returns of calls of 20 us or more were written.
TEST(ExplainCliTest, TracingThreshComesFirst) {
  Json j = Explain({"real/6.1.0-56-amd64_x86_64_fgraph-thresh_bpf-bad.txt",
                    "real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt",
                    "--kernel", "real/kernels/6.1.0-56-amd64"});
  ASSERT_FALSE(j["explanations"].empty());
  const Json& top = j["explanations"][0];
  EXPECT_EQ(top["kind"], "filtered_by_capture");
  EXPECT_NE(top["sentence"].get<std::string>().find("tracing_thresh"),
            std::string::npos);
  EXPECT_EQ(Find(j, "array_map_alloc_check", "BAD")["kind"],
            "filtered_by_capture");
  // GOOD's bpf_check_uarg_tail_zero (13.425 us, GOOD line 17) was shorter
  // than any call BAD's capture wrote.
  Json check = Find(j, "bpf_check_uarg_tail_zero", "BAD");
  ASSERT_FALSE(check.is_null());
  EXPECT_NE(check["sentence"].get<std::string>().find(
                "took 13.425 us (GOOD line 17), shorter than any call"),
            std::string::npos)
      << check["sentence"];
  ExpectEvidenceExists(j);
}

TEST(ExplainCliTest, UnreadableKernelInputExitsTwoNamingIt) {
  CliResult r =
      RunCliInTestdata({"explain", "seeds/bpf-xskmap-einval/bad.trace",
                        "--bad-kernel", "no/such/dir"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no/such/dir"), std::string::npos);
  r = RunCliInTestdata({"explain", "seeds/bpf-xskmap-einval/bad.trace",
                        "--source-index", "seeds/bpf-xskmap-einval/bad.trace"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.trace"), std::string::npos);
}

}  // namespace
}  // namespace ftriage::testing
