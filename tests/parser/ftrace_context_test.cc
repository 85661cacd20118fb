#include "parser/ftrace_context.h"

#include <gtest/gtest.h>

namespace ftriage::parser {
namespace {

// Lines copied from the real samples in testdata/corpus.

TEST(FtraceContextTest, KernelPrefixWithFlags) {
  FtraceContext c;
  ASSERT_TRUE(
      ParseFtraceContext("         busybox-250     [000] ..... 21201.311547: "
                         "__ia32_sys_clock_gettime32 <-__do_fast_syscall_32",
                         &c));
  EXPECT_EQ(c.comm, "busybox");
  EXPECT_EQ(c.pid, 250);
  EXPECT_EQ(c.cpu, 0);
  EXPECT_EQ(c.flags, ".....");
  EXPECT_EQ(c.timestamp, "21201.311547");
  EXPECT_EQ(c.body, "__ia32_sys_clock_gettime32 <-__do_fast_syscall_32");
}

TEST(FtraceContextTest, CommWithDotsAndDashes) {
  FtraceContext c;
  ASSERT_TRUE(ParseFtraceContext(
      "  busybox.alpine-254     [000] ..... 21671.440194: f <-g", &c));
  EXPECT_EQ(c.comm, "busybox.alpine");
  ASSERT_TRUE(ParseFtraceContext(
      "       trace-cmd-13585 [001] 106467.860314: function: native_set_pte_at "
      "<-- __do_fault",
      &c));
  EXPECT_EQ(c.comm, "trace-cmd");
  EXPECT_EQ(c.pid, 13585);
  EXPECT_EQ(c.flags, "");
  EXPECT_EQ(c.body, "function: native_set_pte_at <-- __do_fault");
}

TEST(FtraceContextTest, TraceCmdMultiFilePrefix) {
  FtraceContext c;
  ASSERT_TRUE(ParseFtraceContext(
      "      trace.dat:           ping-3071450 [013] 1196830.834258: "
      "sched_process_exec:     filename=/bin/ping",
      &c));
  EXPECT_EQ(c.comm, "ping");
  EXPECT_EQ(c.pid, 3071450);
  EXPECT_EQ(c.cpu, 13);
}

TEST(FtraceContextTest, TraceCmdLatencyForm) {
  FtraceContext c;
  ASSERT_TRUE(ParseFtraceContext(
      "    sshd-4371    0d....  1401.282293: funcgraph_entry:                "
      "   |      smp_apic_timer_interrupt() {",
      &c));
  EXPECT_EQ(c.comm, "sshd");
  EXPECT_EQ(c.cpu, 0);
  EXPECT_EQ(c.flags, "d....");
  EXPECT_EQ(c.timestamp, "1401.282293");
}

TEST(FtraceContextTest, SyntheticTgidColumn) {
  FtraceContext c;
  ASSERT_TRUE(ParseFtraceContext(
      "  bash-1977  (   1977) [002] ....   17.1: f <-g", &c));
  EXPECT_EQ(c.tgid, 1977);
  ASSERT_TRUE(
      ParseFtraceContext("  <...>-1977  (-------) [002] ....   17.1: f", &c));
  EXPECT_EQ(c.comm, "<...>");
  EXPECT_EQ(c.tgid, -1);
}

TEST(FtraceContextTest, RejectsGraphLinesAndProse) {
  FtraceContext c;
  EXPECT_FALSE(ParseFtraceContext(" 0)               |  f() {", &c));
  EXPECT_FALSE(ParseFtraceContext("Tracing \"x\"... Ctrl-C to end.", &c));
}

}  // namespace
}  // namespace ftriage::parser
