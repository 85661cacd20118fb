// `ftriage completion bash|zsh`: valid scripts that complete what the CLI
// defines.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/run_cli_for_test.h"
#include "tests/support/shell_for_test.h"

namespace ftriage::testing {
namespace {

const char* const kCommands[] = {"parse",      "tree",   "errors",  "diff",
                                 "export",     "report", "explain", "index",
                                 "completion", "man"};

// A file name of this test alone: ctest runs the tests of this file as
// parallel processes sharing TempDir().
std::string TestPath(const std::string& name) {
  return ::testing::TempDir() + "/" + name + "." +
         ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

// The script for |shell|, written to a file.
std::string ScriptFile(const std::string& shell) {
  CliResult r = RunCliInTestdata({"completion", shell});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string path = TestPath("ftriage-completion." + shell);
  WriteFile(path, r.out);
  return path;
}

// What bash completes for the command line |words| (a bash array body),
// the cursor on word |cword|.
std::string BashComplete(const std::string& words, int cword) {
  const std::string driver = TestPath("ftriage-complete.sh");
  WriteFile(driver, "source '" + ScriptFile("bash") + "'\nCOMP_WORDS=(" +
                        words + ")\nCOMP_CWORD=" + std::to_string(cword) +
                        "\n_ftriage\necho \"${COMPREPLY[*]}\"\n");
  ShellResult r = RunShell("bash " + driver);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

TEST(CompletionTest, BashScriptIsValidAndNamesEveryCommand) {
  const std::string path = ScriptFile("bash");
  const std::string script = ReadFile(path);
  for (const char* c : kCommands) {
    EXPECT_NE(script.find("'" + std::string(c) + "')"), std::string::npos) << c;
  }
  for (const char* o : {"'--good-kernel'", "'--to')", " --no-pager "}) {
    EXPECT_NE(script.find(o), std::string::npos) << o;
  }
  ShellResult syntax = RunShell("bash -n " + path);
  EXPECT_EQ(syntax.exit_code, 0) << syntax.output;
}

TEST(CompletionTest, BashCompletesCommandsOptionsAndChoices) {
  EXPECT_EQ(BashComplete("ftriage ex", 1), "explain export\n");
  EXPECT_EQ(BashComplete("ftriage explain --good-k", 2), "--good-kernel\n");
  EXPECT_EQ(BashComplete("ftriage export a.trace --to ''", 4),
            "chrome dot folded json\n");
  EXPECT_EQ(BashComplete("ftriage tree --color = al", 4), "always\n");
  EXPECT_EQ(BashComplete("ftriage completion ''", 2), "bash zsh\n");
}

TEST(CompletionTest, BashCompletesFilesForPositionalsAndFileOptions) {
  const std::string dir = TestPath("ftriage-complete-dir");
  std::filesystem::create_directories(dir);
  WriteFile(dir + "/only.trace", "");
  EXPECT_EQ(BashComplete("ftriage tree " + dir + "/on", 2),
            dir + "/only.trace\n");
  EXPECT_EQ(BashComplete("ftriage diff --noise " + dir + "/on", 3),
            dir + "/only.trace\n");
}

TEST(CompletionTest, ZshScriptIsValid) {
  const std::string path = ScriptFile("zsh");
  const std::string script = ReadFile(path);
  EXPECT_TRUE(script.starts_with("#compdef ftriage\n"));
  for (const char* c : kCommands) {
    EXPECT_NE(script.find("'" + std::string(c) + ":"), std::string::npos) << c;
  }
  EXPECT_NE(script.find("--to=[Output format]:to:(chrome dot folded json)"),
            std::string::npos);
  if (!HaveProgram("zsh")) GTEST_SKIP() << "zsh is not installed";
  ShellResult syntax = RunShell("zsh -n " + path);
  EXPECT_EQ(syntax.exit_code, 0) << syntax.output;
}

}  // namespace
}  // namespace ftriage::testing
