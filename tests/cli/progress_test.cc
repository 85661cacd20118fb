// The progress bar: what it draws and when, and on which loads.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli/command_common.h"
#include "tests/support/run_cli_for_test.h"
#include "tests/support/shell_for_test.h"

namespace ftriage::cli {
namespace {

using testing::CliResult;
using testing::RunCliInTestdata;

constexpr uint64_t kMiB = uint64_t{1} << 20;

TEST(ProgressTest, KnownTotalShowsBarPercentAmountsRateAndEta) {
  std::ostringstream err;
  ProgressBar bar(err, ProgressBar::Unit::kBytes);
  bar.Update(3 * kMiB, 12 * kMiB);
  const std::string line = err.str();
  EXPECT_TRUE(line.starts_with("\r[" + std::string(7, '=') +
                               std::string(23, ' ') +
                               "] 25%  3.0 MiB/12.0 MiB  "))
      << line;
  EXPECT_NE(line.find("/s  ETA "), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with("\033[K")) << line;
}

TEST(ProgressTest, UnknownTotalShowsAmountAndRateOnly) {
  std::ostringstream err;
  ProgressBar bar(err, ProgressBar::Unit::kBytes);
  bar.Update(5 * kMiB, 0);
  const std::string line = err.str();
  EXPECT_TRUE(line.starts_with("\r5.0 MiB  ")) << line;
  EXPECT_NE(line.find("iB/s"), std::string::npos) << line;
  EXPECT_EQ(line.find('%'), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
}

TEST(ProgressTest, FilesAreCounted) {
  std::ostringstream err;
  ProgressBar bar(err, ProgressBar::Unit::kFiles);
  bar.Update(12, 48);
  EXPECT_NE(err.str().find("] 25%  12/48 files  "), std::string::npos)
      << err.str();
}

TEST(ProgressTest, RedrawsAtMostTenTimesASecondButAlwaysTheEnd) {
  std::ostringstream err;
  ProgressBar bar(err, ProgressBar::Unit::kFiles);
  bar.Update(1, 10);
  bar.Update(2, 10);  // too soon
  bar.Update(10, 10);
  const std::string out = err.str();
  EXPECT_EQ(std::ranges::count(out, '\r'), 2) << out;
  EXPECT_NE(out.find("10/10 files"), std::string::npos);
  bar.Clear();
  EXPECT_TRUE(err.str().ends_with("\r\033[K"));
}

TEST(ProgressTest, SmallWorkDrawsAndClearsNothing) {
  std::ostringstream err;
  ProgressBar bar(err, ProgressBar::Unit::kBytes, 8 * kMiB);
  bar.Update(1 * kMiB, 4 * kMiB);
  bar.Update(4 * kMiB, 4 * kMiB);
  bar.Clear();
  EXPECT_EQ(err.str(), "");
}

TEST(ProgressTest, BigInputLoadsWithABarOnATerminalOnly) {
  const std::string path = ::testing::TempDir() + "/ftriage-big.trace";
  const std::string line = " 0)   0.239 us    |  bpf_check_uarg_tail_zero();\n";
  std::string text;
  while (text.size() < kProgressFromBytes + kMiB) text += line;
  testing::WriteFile(path, text);
  CliResult tty = RunCliInTestdata({"parse", path}, {.err_is_tty = true});
  EXPECT_EQ(tty.exit_code, 0) << tty.err;
  EXPECT_TRUE(tty.err.starts_with("\r[")) << tty.err;
  EXPECT_NE(tty.err.find("%  "), std::string::npos) << tty.err;
  EXPECT_NE(tty.err.find("\r\033[K"), std::string::npos) << tty.err;
  CliResult pipe = RunCliInTestdata({"parse", path});
  EXPECT_EQ(pipe.out, tty.out);
  EXPECT_EQ(pipe.err.find('\r'), std::string::npos) << pipe.err;
  CliResult small = RunCliInTestdata(
      {"parse", "seeds/bpf-xskmap-einval/bad.trace"}, {.err_is_tty = true});
  EXPECT_EQ(small.err.find('\r'), std::string::npos) << small.err;
}

}  // namespace
}  // namespace ftriage::cli
