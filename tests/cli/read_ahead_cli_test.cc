// Reading a file in blocks, most of them on a second thread, never changes
// what a command prints, diagnostics and their order included: for every
// trace in testdata, cut into blocks of one line (FTRIAGE_BLOCK_BYTES=1) or
// of a few (=200), the CLI prints what it prints reading on one thread (=0).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/load_trace.h"
#include "core/input_file.h"
#include "parser/read_ahead.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

TEST(ReadAheadCliTest, OutputIsTheSameInBlocksAndOnOneThread) {
  size_t compared = 0;
  for (const std::string& file : TraceInputs()) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"parse", "--json", "-v"},
          {"tree", "-v", "--max-diagnostics", "1000"},
          {"errors", "--json", "--all"}}) {
      args.push_back(file);
      CliResult one = RunCliInTestdataWithEnv("FTRIAGE_BLOCK_BYTES", "0", args);
      EXPECT_FALSE(one.out.empty()) << CommandLine(args);
      for (const char* block_bytes : {"1", "200"}) {
        CliResult two =
            RunCliInTestdataWithEnv("FTRIAGE_BLOCK_BYTES", block_bytes, args);
        EXPECT_EQ(two.exit_code, one.exit_code)
            << block_bytes << " " << CommandLine(args);
        EXPECT_EQ(two.out, one.out) << block_bytes << " " << CommandLine(args);
        EXPECT_EQ(two.err, one.err) << block_bytes << " " << CommandLine(args);
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 500u);
}

// The comparison above means something only if the second thread's blocks
// were taken: real captures of both ftrace formats, function_graph and
// function with stack traces (whose frames no block may start at).
TEST(ReadAheadCliTest, SecondThreadReadsMostBlocksOfRealCaptures) {
  for (const char* file :
       {"real/6.1.0-56-amd64_x86_64_fgraph_mount.txt",
        "real/6.1.0-56-rt-amd64_x86_64_func-stack_openat.txt"}) {
    setenv("FTRIAGE_BLOCK_BYTES", "200", 1);
    cli::LoadedTrace blocks;
    Status s = cli::LoadTraces({TestdataPath(file)}, std::nullopt, &blocks);
    setenv("FTRIAGE_BLOCK_BYTES", "0", 1);
    cli::LoadedTrace one;
    Status s1 = cli::LoadTraces({TestdataPath(file)}, std::nullopt, &one);
    unsetenv("FTRIAGE_BLOCK_BYTES");
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_TRUE(s1.ok()) << s1.message();
    const cli::InputInfo& in = blocks.inputs[0];
    // The blocks after the first, cut as LoadTraces cuts them, are all
    // read ahead (by either thread) and all but a few taken.
    std::optional<PlainFile> f = PlainFile::Open(TestdataPath(file));
    ASSERT_TRUE(f.has_value());
    uint64_t given =
        parser::SplitIntoBlocks(
            *f, 200,
            [](std::string_view line) {
              return line.find_first_not_of(' ') != std::string_view::npos &&
                     line.substr(line.find_first_not_of(' '), 3) == "=> ";
            })
            .size() -
        1;
    EXPECT_GE(given, 10u) << file;
    EXPECT_GE(in.blocks_read_ahead, given * 9 / 10) << file;
    EXPECT_LE(in.blocks_read_ahead, given) << file;
    EXPECT_EQ(one.inputs[0].blocks_read_ahead, 0u);
    EXPECT_EQ(in.lines, one.inputs[0].lines) << file;
    EXPECT_EQ(in.events, one.inputs[0].events) << file;
    EXPECT_EQ(in.features, one.inputs[0].features) << file;
    EXPECT_EQ(blocks.forest.size(), one.forest.size()) << file;
    EXPECT_EQ(blocks.strings.size(), one.strings.size()) << file;
  }
}

}  // namespace
}  // namespace ftriage::testing
