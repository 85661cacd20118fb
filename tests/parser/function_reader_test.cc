#include "parser/function_reader.h"

#include <gtest/gtest.h>

#include "tests/support/event_collector.h"

namespace ftriage::testing {
namespace {

using parser::TraceFormat;

// Lines copied from the real samples in testdata/corpus.

TEST(FunctionReaderTest, FunctionHitWithParent) {
  Collected c = ReadEvents(
      "            bash-1977  [000] .... 17284.993652: sys_close "
      "<-system_call_fastpath\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0],
            "L1 function cpu=0 pid=1977 comm=bash d=-1 f=sys_close "
            "parent=system_call_fastpath ts=17284993652000 dur=-1 ret=- text=");
}

TEST(FunctionReaderTest, FuncArgsBeforeParent) {
  Collected c = ReadEvents(
      "        ping-689     [004] b....    77.170220: dummy_xmit(skb = "
      "0x82904800, dev = 0x882d0000) <-dev_hard_start_xmit\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("f=dummy_xmit parent=dev_hard_start_xmit"),
            std::string::npos);
  EXPECT_NE(c.events[0].find("text=skb = 0x82904800, dev = 0x882d0000"),
            std::string::npos);
}

TEST(FunctionReaderTest, TraceCmdFunctionEventsWithAndWithoutParent) {
  Collected c = ReadEvents(
      "              ls-13587 [002] 106467.860310: function: hrtick_start_fair "
      "<-- pick_next_task_fair\n"
      "           sleep-89142 [001] ...2. 162573.215759: function:            "
      "    rcu_lockdep_current_cpu_online\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("f=hrtick_start_fair parent=pick_next_task_fair"),
            std::string::npos);
  EXPECT_NE(c.events[1].find("f=rcu_lockdep_current_cpu_online parent=-"),
            std::string::npos);
}

TEST(FunctionReaderTest, SyntheticRepeatsAreCounted) {
  Collected c = ReadEvents(
      "  bash-1977  [000] ....  17.000001: f <-g (repeats: 3, last_ts: "
      "17.000009)\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("function"), std::string::npos);
  EXPECT_NE(c.events[0].find("f=f parent=g"), std::string::npos);
}

TEST(FunctionReaderTest, StackTraceAndSyscallEvents) {
  Collected c = ReadEvents(
      "         busybox-250     [000] ..... 21201.311619: <stack trace>\n"
      " => __ia32_sys_clock_gettime32\n"
      " => __do_fast_syscall_32\n"
      "\n"
      "            bash-1998  [000] d...   140.733504: sys_dup2(oldfd: a, "
      "newfd: 1)\n"
      "            bash-1998  [000] d...   140.733506: sys_dup2 -> 0x1\n"
      "            bash-1998  [000] d..4   136.676759: sched_wakeup: "
      "comm=kworker/0:1 pid=59\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_NE(c.events[0].find("stack_trace"), std::string::npos);
  EXPECT_NE(
      c.events[0].find("<__ia32_sys_clock_gettime32> <__do_fast_syscall_32>"),
      std::string::npos);
  EXPECT_NE(
      c.events[1].find("syscall_enter cpu=0 pid=1998 comm=bash d=-1 f=dup2"),
      std::string::npos);
  EXPECT_NE(c.events[2].find("syscall_exit"), std::string::npos);
  EXPECT_NE(c.events[2].find("ret=1"), std::string::npos);
  EXPECT_NE(c.events[3].find("tracepoint"), std::string::npos);
  EXPECT_NE(c.events[3].find("f=sched_wakeup"), std::string::npos);
}

TEST(FunctionReaderTest, LatencyFormatLines) {
  Collected c = ReadEvents(
      "  <idle>-0       0d.s2    0us+: _raw_spin_lock_irq "
      "<-run_timer_softirq\n",
      TraceFormat::kFunction);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("function cpu=0 pid=0 comm=<idle>"),
            std::string::npos);
}

}  // namespace
}  // namespace ftriage::testing
