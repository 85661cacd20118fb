#include "parser/funcgraph_reader.h"

#include <gtest/gtest.h>

#include "tests/support/event_collector.h"

namespace ftriage::testing {
namespace {

using parser::TraceFormat;

// Each test feeds lines copied from the real samples (or, where the test
// name says synthetic, a hand-made line for one rule) and checks the events.

TEST(FuncgraphReaderTest, SyscallCommentsBecomeSyscallEvents) {
  Collected c = ReadEvents(
      " 0)               |  /* sys_bpf(cmd: 0, uattr: c000097058, size: 40) "
      "*/\n"
      " 0)               |  /* sys_bpf -> 0xffffffffffffffea */\n",
      TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("syscall_enter cpu=0"), std::string::npos);
  EXPECT_NE(c.events[0].find("f=bpf"), std::string::npos);
  EXPECT_NE(c.events[0].find("text=cmd: 0, uattr: c000097058, size: 40"),
            std::string::npos);
  EXPECT_NE(c.events[1].find("syscall_exit"), std::string::npos);
  EXPECT_NE(c.events[1].find("ret=-22"), std::string::npos);
}

TEST(FuncgraphReaderTest, TraceCmdRecords) {
  Collected c = ReadEvents(
      "            ruby-2564  [000] 104284.076153: funcgraph_entry:        "
      "6.696 us   |        acpi_pm_read();\n"
      "            ruby-2564  [000] 104284.076165: funcgraph_exit:       + "
      "15.548 us  |      }\n",
      TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0],
            "L1 leaf cpu=0 pid=2564 comm=ruby d=3 f=acpi_pm_read parent=- "
            "ts=104284076153000 dur=6696 ret=- text=");
  EXPECT_EQ(c.events[1],
            "L2 exit cpu=0 pid=2564 comm=ruby d=2 f=- parent=- "
            "ts=104284076165000 dur=15548 ret=- text=");
}

TEST(FuncgraphReaderTest, SyntheticTraceCmdRetvalInParentheses) {
  Collected c = ReadEvents(
      "  bash-6376  [001]   371.402809: funcgraph_exit:         1.000 us   |  "
      "} (ret=-22)\n",
      TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("ret=-22"), std::string::npos);
}

// A proc column without a name, twice on one CPU: the per-CPU name cache
// compares against the empty name it holds (found by the fuzzer: memcmp of
// an empty view's null pointer).
TEST(FuncgraphReaderTest, SyntheticEmptyCommTwiceOnOneCpu) {
  Collected c = ReadEvents(
      "-95     |               |  walk_component() {\n"
      "-95     |   1.264 us    |    lookup_constant();\n",
      TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("entry cpu=-1 pid=95 comm= "), std::string::npos)
      << c.events[0];
  EXPECT_NE(c.events[1].find("leaf cpu=-1 pid=95 comm= "), std::string::npos)
      << c.events[1];
}

TEST(FuncgraphReaderTest, LostEventsAndBufferStarted) {
  Collected c =
      ReadEvents("CPU:2 [LOST 11745 EVENTS]\n##### CPU 3 buffer started ####\n",
                 TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("lost cpu=2"), std::string::npos);
  EXPECT_NE(c.events[1].find("buffer_started cpu=3"), std::string::npos);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kLostEvents), 1u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(FuncgraphReaderTest, EveryLineIsParsedOrCountedAsSkipped) {
  // Prose, a shell prompt, an elision, NUL bytes, CRLF: counted, never fatal.
  using std::string_literals::operator""s;
  std::string text =
      "# ./funcgraph do_nanosleep\n"
      "Tracing \"do_nanosleep\"... Ctrl-C to end.\n"
      " 0)   0.186 us    |      check_stack_object();\r\n"
      "this is prose\n"
      "[...]\n"
      "\x01\x02\x00\x03garbage\n"
      " 0) }"s;
  Collected c = ReadEvents(text, TraceFormat::kFuncgraph);
  EXPECT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 5u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 1u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kBinaryData), 1u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kToolChatter), 2u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kElisionLine), 1u);
}

TEST(FuncgraphReaderTest, SyntheticMegabyteLinesAreReadOrSkipped) {
  // A 4 MB comment and a 4 MB line of garbage: one event, one skipped line.
  std::string huge_comment =
      " 0)               |  /* " + std::string(4 << 20, 'x') + " */\n";
  std::string huge_garbage = std::string(4 << 20, 'y') + "\n";
  Collected c =
      ReadEvents(huge_comment + huge_garbage, TraceFormat::kFuncgraph, 65536);
  EXPECT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 1u);
}

TEST(FuncgraphReaderTest, EmptyInputGivesNothing) {
  Collected c = ReadEvents("", TraceFormat::kFuncgraph);
  EXPECT_TRUE(c.events.empty());
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(FuncgraphReaderTest, StackTraceBlockBehindLatencyGraph) {
  Collected c = ReadEvents(
      "            bash-1507    0d..1 3754us : <stack trace>\n"
      " => free_debug_processing\n"
      " => __slab_free\n"
      " 0) }\n",
      TraceFormat::kFuncgraph);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("stack_trace"), std::string::npos);
  EXPECT_NE(c.events[0].find("<free_debug_processing> <__slab_free>"),
            std::string::npos);
}

TEST(FuncgraphReaderTest, SyntheticConsolePrefixIsStripped) {
  Collected plain =
      ReadEvents(" 0)   0.186 us    |      check_stack_object();\n",
                 TraceFormat::kFuncgraph);
  for (const char* prefix :
       {"[   12.345678] ", "[   12.345678][  T152] ", "<4>[   12.345678] "}) {
    Collected c =
        ReadEvents(std::string(prefix) +
                       " 0)   0.186 us    |      check_stack_object();\n",
                   TraceFormat::kFuncgraph);
    EXPECT_EQ(c.events, plain.events) << prefix;
  }
  // Brackets that are not a console time stay: "[...]" is an elision.
  Collected elision = ReadEvents("[...]\n", TraceFormat::kFuncgraph);
  EXPECT_EQ(elision.diagnostics.count(DiagCode::kElisionLine), 1u);
}

}  // namespace
}  // namespace ftriage::testing
