// The pager: when output is paged, and the real path through a fake pager.
#include "cli/pager.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "tests/support/run_cli_for_test.h"
#include "tests/support/shell_for_test.h"

namespace ftriage::cli {
namespace {

using testing::CliResult;
using testing::RunCliInTestdata;

// Sets (or, with nullopt, unsets) an environment variable for a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    Set(value);
  }
  ~ScopedEnv() { Set(old_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void Set(const std::optional<std::string>& value) {
    if (value) {
      setenv(name_, value->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  const char* name_;
  std::optional<std::string> old_;
};

const std::vector<std::string> kLongTree = {
    "tree",
    "corpus/function_graph/perf-tools-funcgraph-header-abstime-pid-long.txt"};

TEST(PagerTest, PagesOnlyOutputThatDoesNotFitATerminal) {
  EXPECT_EQ(ChoosePager(true, 100, 24, nullptr), "less -R");
  EXPECT_EQ(ChoosePager(true, 24, 24, nullptr), "less -R");
  EXPECT_EQ(ChoosePager(true, 23, 24, nullptr), std::nullopt);  // + prompt
  EXPECT_EQ(ChoosePager(false, 100, 24, nullptr), std::nullopt);
}

TEST(PagerTest, PagerEnvChoosesOrDisablesThePager) {
  EXPECT_EQ(ChoosePager(true, 100, 24, "most -s"), "most -s");
  EXPECT_EQ(ChoosePager(true, 100, 24, ""), std::nullopt);
  EXPECT_EQ(ChoosePager(true, 100, 24, "cat"), std::nullopt);
}

TEST(PagerTest, ScreenRowsFromLinesElse24) {
  if (isatty(STDOUT_FILENO) == 1) GTEST_SKIP() << "stdout is a terminal";
  {
    ScopedEnv lines("LINES", "40");
    EXPECT_EQ(ScreenRows(), 40u);
  }
  {
    ScopedEnv lines("LINES", "many");
    EXPECT_EQ(ScreenRows(), 24u);
  }
  ScopedEnv lines("LINES", std::nullopt);
  EXPECT_EQ(ScreenRows(), 24u);
}

TEST(PagerTest, LongOutputToATerminalGoesThroughThePager) {
  ScopedEnv lines("LINES", "10");
  const std::string saved = ::testing::TempDir() + "/ftriage-paged.txt";
  std::filesystem::remove(saved);
  CliResult direct;
  {
    ScopedEnv pager("PAGER", "cat");
    direct = RunCliInTestdata(kLongTree, {.out_is_tty = true});
  }
  ASSERT_EQ(direct.exit_code, 0);
  ASSERT_GT(std::ranges::count(direct.out, '\n'), 200);
  ScopedEnv pager("PAGER", "cat > '" + saved + "'");
  CliResult paged = RunCliInTestdata(kLongTree, {.out_is_tty = true});
  EXPECT_EQ(paged.exit_code, 0);
  EXPECT_EQ(paged.out, "");
  EXPECT_EQ(testing::ReadFile(saved), direct.out);  // colored: a terminal's
  std::filesystem::remove(saved);
  std::vector<std::string> no_pager = kLongTree;
  no_pager.push_back("--no-pager");
  EXPECT_EQ(RunCliInTestdata(no_pager, {.out_is_tty = true}).out, direct.out);
  EXPECT_FALSE(std::filesystem::exists(saved));
  CliResult short_tree = RunCliInTestdata(
      {"tree", "seeds/bpf-xskmap-einval/bad.trace"}, {.out_is_tty = true});
  EXPECT_TRUE(short_tree.out.find("__x64_sys_bpf") != std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(saved));
}

TEST(PagerTest, PagerThatCannotStartLeavesTheOutputDirect) {
  ScopedEnv lines("LINES", "10");
  ScopedEnv pager("PAGER", "/nonexistent/ftriage-pager 2>/dev/null");
  CliResult r = RunCliInTestdata(kLongTree, {.out_is_tty = true});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_GT(std::ranges::count(r.out, '\n'), 200);
}

}  // namespace
}  // namespace ftriage::cli
