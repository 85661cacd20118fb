// `ftriage man`: the manual page, from the same definition as --help.
#include <gtest/gtest.h>

#include "tests/support/run_cli_for_test.h"
#include "tests/support/shell_for_test.h"

namespace ftriage::testing {
namespace {

TEST(ManPageTest, HasHeaderSectionsAndEveryCommand) {
  CliResult r = RunCliInTestdata({"man"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(".TH FTRIAGE 1 "));
  for (const char* s :
       {".SH NAME\nftriage \\- analyze Linux kernel trace logs offline\n",
        ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH COMMANDS\n",
        ".SH EXIT STATUS\n", ".SH ENVIRONMENT\n", "NO_COLOR", "PAGER",
        "FTRIAGE_CACHE", "FTRIAGE_BLOCK_BYTES", "\\fB\\-\\-good\\-kernel\\fR",
        "ftriage diff good.trace bad.trace"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
  for (const char* c : {"parse", "tree", "errors", "diff", "export", "report",
                        "explain", "index", "completion", "man"}) {
    EXPECT_NE(r.out.find(".SS " + std::string(c) + "\n"), std::string::npos)
        << c;
  }
}

TEST(ManPageTest, GroffFormatsItWithoutWarnings) {
  if (!HaveProgram("groff")) GTEST_SKIP() << "groff is not installed";
  const std::string path = ::testing::TempDir() + "/ftriage.1";
  WriteFile(path, RunCliInTestdata({"man"}).out);
  ShellResult r = RunShell("groff -man -Tutf8 -ww " + path + " >/dev/null");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "");
}

}  // namespace
}  // namespace ftriage::testing
