// Golden tests: for every testdata file with an expected output beside it
// ("x.txt.tree.json" for `ftriage tree --json x.txt`, likewise ".parse.json"
// and ".errors.json"; "x.txt.events.jsonl" for `ftriage parse --events
// x.txt`), the real CLI output must match it byte for byte.
// FTRIAGE_UPDATE_GOLDEN=1 rewrites the expected files; review them with `git
// diff testdata/`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string command;   // "tree", "parse", "errors", "events" or "diff"
  std::string input;     // relative to testdata/
  std::string expected;  // relative to testdata/
};

// diff/X.args holds the arguments of `ftriage diff --json` (one per line,
// paths relative to testdata/); diff/X.diff.json what it must print.
std::vector<std::string> ArgsOf(const GoldenCase& c) {
  if (c.command == "events") return {"parse", "--events", c.input};
  if (c.command != "diff") return {c.command, "--json", c.input};
  std::vector<std::string> args = {"diff", "--json"};
  std::istringstream in(ReadFile(TestdataPath(c.input)));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.command << " " << c.input;
}

std::vector<GoldenCase> FindCases() {
  std::vector<GoldenCase> cases;
  fs::path root(FTRIAGE_TESTDATA_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), root).string();
    if (rel.ends_with(".args")) {
      cases.push_back(
          {"diff", rel, rel.substr(0, rel.size() - 5) + ".diff.json"});
      continue;
    }
    for (std::string suffix :
         {".tree.json", ".parse.json", ".errors.json", ".events.jsonl"}) {
      if (rel.size() > suffix.size() && rel.ends_with(suffix)) {
        std::string command = suffix.substr(1, suffix.find('.', 1) - 1);
        cases.push_back(
            {command, rel.substr(0, rel.size() - suffix.size()), rel});
      }
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) {
              return a.expected < b.expected;
            });
  return cases;
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.command + "_" + info.param.input;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, MatchesExpected) {
  const GoldenCase& c = GetParam();
  CliResult r = RunCliInTestdata(ArgsOf(c));
  ASSERT_NE(r.exit_code, 2) << r.err;  // errors and diff exit 1 on findings
  std::string expected_path = TestdataPath(c.expected);
  if (std::getenv("FTRIAGE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected_path, std::ios::binary) << r.out;
    GTEST_SKIP() << "rewrote " << c.expected;
  }
  EXPECT_EQ(ReadFile(expected_path), r.out) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(Testdata, GoldenTest, ::testing::ValuesIn(FindCases()),
                         CaseName);

}  // namespace
}  // namespace ftriage::testing
