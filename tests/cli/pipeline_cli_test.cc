// Reading on one thread and building the trees on another never changes
// what a command prints, diagnostics and their order included: for every
// trace in testdata, the CLI's output with the pipeline (the default on two
// or more CPUs) equals its output on one thread (FTRIAGE_PIPELINE=off).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

void ExpectSameOutput(const std::vector<std::string>& args) {
  CliResult one = RunCliInTestdataWithEnv("FTRIAGE_PIPELINE", "off", args);
  CliResult two = RunCliInTestdata(args);
  EXPECT_EQ(two.exit_code, one.exit_code) << CommandLine(args);
  EXPECT_EQ(two.out, one.out) << CommandLine(args);
  EXPECT_EQ(two.err, one.err) << CommandLine(args);
  EXPECT_FALSE(one.out.empty()) << CommandLine(args);
}

TEST(PipelineCliTest, OutputIsTheSameOnOneThreadAndOnTwo) {
  size_t compared = 0;
  for (const std::string& file : TraceInputs()) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"parse", "--json", "-v"},
          {"parse", "--events"},
          {"tree", "-v", "--max-diagnostics", "1000"},
          {"errors", "--json", "--all"}}) {
      args.push_back(file);
      ExpectSameOutput(args);
      ++compared;
    }
  }
  EXPECT_GT(compared, 500u);
}

TEST(PipelineCliTest, DiffOfTwoRunsIsTheSameOnOneThreadAndOnTwo) {
  ExpectSameOutput({"diff", "--json",
                    "seeds/bpf-xskmap-einval/good-same-kernel.trace",
                    "seeds/bpf-xskmap-einval/bad.trace"});
  ExpectSameOutput({"diff", "real/6.1.0-56-amd64_x86_64_fgraph_mount.txt",
                    "real/6.1.0-56-amd64_x86_64_fgraph_mount-bad.txt"});
}

}  // namespace
}  // namespace ftriage::testing
