// `ftriage export` and `ftriage diff --folded` through the real CLI.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

constexpr const char* kBad = "seeds/bpf-xskmap-einval/bad.trace";
constexpr const char* kGood = "seeds/bpf-xskmap-einval/good-same-kernel.trace";

TEST(ExportCliTest, JsonIsTreeJson) {
  CliResult exported = RunCliInTestdata({"export", "--to", "json", kBad});
  CliResult tree = RunCliInTestdata({"tree", "--json", kBad});
  EXPECT_EQ(exported.exit_code, 0);
  EXPECT_EQ(exported.out, tree.out);
}

TEST(ExportCliTest, ChromeToAFileWithFilters) {
  std::string path = ::testing::TempDir() + "/ftriage-export-chrome.json";
  CliResult r = RunCliInTestdata(
      {"export", "--to", "chrome", "-o", path, "--comm", "ftw", "--root",
       "__x64_sys_bpf", "real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  auto doc = nlohmann::json::parse(ReadFile(path));
  std::filesystem::remove(path);
  EXPECT_EQ(doc["otherData"]["command"], "export");
  EXPECT_EQ(doc["otherData"]["inputs"][0]["format"], "funcgraph");
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] == "X" && e["args"]["line"] == 8) {
      EXPECT_EQ(e["name"], "__x64_sys_bpf");
    }
  }
}

TEST(ExportCliTest, FoldedByCountAndDuration) {
  CliResult count = RunCliInTestdata({"export", "--to", "folded", kBad});
  EXPECT_EQ(count.exit_code, 0);
  EXPECT_NE(count.out.find("__x64_sys_bpf;__might_fault 1\n"),
            std::string::npos);
  CliResult ns = RunCliInTestdata(
      {"export", "--to", "folded", "--weight", "duration", kBad});
  EXPECT_NE(ns.out.find("__x64_sys_bpf;__might_fault 191\n"),
            std::string::npos);
}

// The pairing is diff's: GOOD's and BAD's bpf calls; only GOOD allocates.
TEST(ExportCliTest, DiffFoldedHasGoodOnlyStacks) {
  CliResult r = RunCliInTestdata({"diff", "--folded", kGood, kBad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("syscall:bpf;__might_fault 1 1\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("syscall:bpf;array_map_alloc_check 1 0\n"),
            std::string::npos);
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string stack;
    uint64_t good = 0;
    uint64_t bad = 0;
    EXPECT_TRUE(fields >> stack >> good >> bad) << line;
    if (stack.find("array_map_alloc") != std::string::npos) {
      EXPECT_EQ(bad, 0u) << line;
    }
  }
}

TEST(ExportCliTest, DotAndUsageErrors) {
  CliResult dot =
      RunCliInTestdata({"export", "--to", "dot", "--max-nodes", "2", kBad});
  EXPECT_EQ(dot.exit_code, 0);
  EXPECT_NE(dot.out.find("2 of 5 functions shown; 3 not shown"),
            std::string::npos)
      << dot.out;
  EXPECT_EQ(RunCliInTestdata({"export", kBad}).exit_code, 2);  // no --to
  EXPECT_EQ(RunCliInTestdata({"export", "--to", "svg", kBad}).exit_code, 2);
  CliResult json = RunCliInTestdata({"export", "--to", "dot", "--json", kBad});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_NE(json.err.find("--to json"), std::string::npos);
  CliResult unwritable = RunCliInTestdata(
      {"export", "--to", "folded", "-o", "no/such/dir/out.txt", kBad});
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_NE(unwritable.err.find("no/such/dir/out.txt: cannot write"),
            std::string::npos);
}

}  // namespace
}  // namespace ftriage::testing
