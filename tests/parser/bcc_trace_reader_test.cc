#include "parser/bcc_trace_reader.h"

#include <gtest/gtest.h>

#include <map>

#include "core/errno_table.h"
#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using parser::SniffBccTraceLine;
using parser::SniffScore;

// Each test feeds lines copied from the real samples in testdata/ (or, where
// the test name says synthetic, a hand-made line for one rule).

Collected Read(const std::string& text, size_t chunk = 0) {
  return ReadEventsWith(text, parser::CreateBccTraceReader, chunk);
}

// What the readable event strings leave out: the process id and the value
// of counts.
struct Numbers {
  int32_t tgid;
  int64_t value;
};
std::vector<Numbers> ReadNumbers(const std::string& text) {
  struct Sink : parser::EventSink {
    void OnEvent(const TraceEvent& e) override {
      out.push_back({e.tgid, e.value});
    }
    std::vector<Numbers> out;
  } sink;
  StringPool pool;
  DiagnosticSink diagnostics;
  auto r = parser::CreateBccTraceReader({&pool, &diagnostics, &sink, {}});
  r->reader().Push(text);
  r->reader().Finish();
  return sink.out;
}

std::vector<std::string> Features(const std::string& text) {
  StringPool pool;
  DiagnosticSink diagnostics;
  struct : parser::EventSink {
    void OnEvent(const TraceEvent&) override {}
  } sink;
  auto r = parser::CreateBccTraceReader({&pool, &diagnostics, &sink, {}});
  r->reader().Push(text);
  r->reader().Finish();
  return r->Features();
}

const std::vector<std::string>& TraceFiles() {
  static const std::vector<std::string> files = {
      "corpus/bcc_trace/trace-SyS_nanosleep-signature.txt",
      "corpus/bcc_trace/trace-aggregate-kstack-count.txt",
      "corpus/bcc_trace/trace-do_sys_open-kstack-ustack-msgfilter.txt",
      "corpus/bcc_trace/trace-libc-retval-failed-time.txt",
      "corpus/bcc_trace/trace-lost-samples.txt",
      "corpus/bcc_trace/trace-retprobe-sys_futex-ustack-addr.txt",
      "corpus/bcc_trace/trace-sys_execve-old-noTID.txt",
      "corpus/bcc_trace/trace-tracepoint-block_rq_complete.txt",
      "corpus/bcc_trace/trace-usdt-time-cpu.txt",
      "seeds/mount-max-enospc/trace-bpfcc-retvals.log",
  };
  return files;
}

TEST(BccTraceReaderTest, EveryCorpusLineIsReadOrIsNotTraceOutput) {
  // Events per kind, then the lines skipped: prompts and "^C" (chatter),
  // and the one line of prose the bcc example carries.
  struct Expected {
    const char* events;
    uint64_t chatter;
    uint64_t unrecognized;
  };
  const std::map<std::string, Expected> expected = {
      {"corpus/bcc_trace/trace-SyS_nanosleep-signature.txt",
       {"tracepoint=4", 2, 0}},
      {"corpus/bcc_trace/trace-aggregate-kstack-count.txt",
       {"stack_trace=1 summary=1 tracepoint=1", 0, 0}},
      {"corpus/bcc_trace/trace-do_sys_open-kstack-ustack-msgfilter.txt",
       {"stack_trace=2 tracepoint=2", 1, 1}},
      {"corpus/bcc_trace/trace-libc-retval-failed-time.txt",
       {"tracepoint=2", 3, 0}},
      {"corpus/bcc_trace/trace-lost-samples.txt",
       {"lost=3 tracepoint=5", 1, 0}},
      {"corpus/bcc_trace/trace-retprobe-sys_futex-ustack-addr.txt",
       {"return_probe=1 stack_trace=1", 1, 0}},
      {"corpus/bcc_trace/trace-sys_execve-old-noTID.txt",
       {"tracepoint=13", 2, 0}},
      {"corpus/bcc_trace/trace-tracepoint-block_rq_complete.txt",
       {"tracepoint=3", 2, 0}},
      {"corpus/bcc_trace/trace-usdt-time-cpu.txt", {"tracepoint=6", 2, 0}},
      {"seeds/mount-max-enospc/trace-bpfcc-retvals.log",
       {"return_probe=7", 0, 0}},
  };
  for (const std::string& f : TraceFiles()) {
    Collected c = Read(ReadFile(TestdataPath(f)));
    std::map<std::string, int> kinds;
    for (const std::string& e : c.events) {
      ++kinds[e.substr(e.find(' ') + 1, e.find(" cpu=") - e.find(' ') - 1)];
    }
    std::string got;
    for (const auto& [kind, n] : kinds) {
      got += (got.empty() ? "" : " ") + kind + "=" + std::to_string(n);
    }
    const Expected& want = expected.at(f);
    EXPECT_EQ(got, want.events) << f;
    EXPECT_EQ(c.diagnostics.count(DiagCode::kToolChatter), want.chatter) << f;
    EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine),
              want.unrecognized)
        << f;
    EXPECT_EQ(c.diagnostics.skipped_lines(), want.chatter + want.unrecognized)
        << f;
  }
}

TEST(BccTraceReaderTest, AnyChunkSizeGivesTheSameEvents) {
  for (const std::string& f : TraceFiles()) {
    std::string text = ReadFile(TestdataPath(f));
    Collected whole = Read(text);
    for (size_t chunk : {1, 3, 7}) {
      Collected split = Read(text, chunk);
      EXPECT_EQ(whole.events, split.events) << f << " chunk " << chunk;
      EXPECT_EQ(whole.diagnostics.skipped_lines(),
                split.diagnostics.skipped_lines())
          << f << " chunk " << chunk;
    }
  }
}

TEST(BccTraceReaderTest, MountSeedHasSevenEnospcReturnsOfOneThread) {
  std::string text =
      ReadFile(TestdataPath("seeds/mount-max-enospc/trace-bpfcc-retvals.log"));
  Collected c = Read(text);
  std::vector<Numbers> numbers = ReadNumbers(text);
  ASSERT_EQ(c.events.size(), 7u);
  ASSERT_EQ(numbers.size(), 7u);
  const char* funcs[] = {
      "graft_tree", "attach_recursive_mnt", "count_mounts", "__arm64_sys_mount",
      "path_mount", "do_new_mount",         "do_add_mount"};
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_NE(c.events[i].find("return_probe cpu=-1 pid=3017 comm=dockerd "),
              std::string::npos)
        << c.events[i];
    EXPECT_NE(c.events[i].find(std::string(" f=") + funcs[i] + " "),
              std::string::npos)
        << c.events[i];
    EXPECT_EQ(numbers[i].tgid, 3010);
    EXPECT_EQ(ErrnoFromRetval(numbers[i].value), 28) << c.events[i];
  }
  // "attach_recursive_mnt ffffffe4": FUNC overflows its 16-wide column, and
  // the 32-bit value keeps its 64-bit pattern.
  EXPECT_EQ(c.events[1],
            "L3 return_probe cpu=-1 pid=3017 comm=dockerd d=-1 "
            "f=attach_recursive_mnt parent=- ts=-1 dur=-1 ret=4294967268 "
            "text=");
  EXPECT_NE(c.events[3].find("ret=-28 "), std::string::npos);
}

TEST(BccTraceReaderTest, TimeAndCpuColumnsFromTheHeader) {
  Collected c = Read(
      "TIME     CPU PID     TID     COMM            FUNC             -\n"
      "13:22:01 5   21360   21414   osqueryd        pthread_create   "
      "[unknown] [osqueryd]\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0],
            "L2 tracepoint cpu=5 pid=21414 comm=osqueryd d=-1 "
            "f=pthread_create parent=- ts=48121000000000 dur=-1 ret=- "
            "text=[unknown] [osqueryd]");
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(BccTraceReaderTest, OldLayoutWithoutTidUsesPidForBoth) {
  std::string text =
      "TIME     PID    COMM         FUNC             -\n"
      "05:31:57 3388   bash         write            write failed: -1\n";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0],
            "L2 tracepoint cpu=-1 pid=3388 comm=bash d=-1 f=write parent=- "
            "ts=19917000000000 dur=-1 ret=- text=write failed: -1");
  EXPECT_EQ(ReadNumbers(text)[0].tgid, 3388);
  EXPECT_EQ(Features(text), std::vector<std::string>{"time"});
}

TEST(BccTraceReaderTest, OldTwelveWideCommColumnAndLongFunc) {
  Collected c = Read(
      "TIME     PID    COMM         FUNC             -\n"
      "01:23:55 10017  kworker/u64: block_rq_complete sectors=1\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("pid=10017 comm=kworker/u64: d=-1 "
                             "f=block_rq_complete "),
            std::string::npos);
  EXPECT_NE(c.events[0].find("text=sectors=1"), std::string::npos);
}

TEST(BccTraceReaderTest, CommWithSpaceKernelStackAndAggregateCount) {
  std::string text = ReadFile(
      TestdataPath("corpus/bcc_trace/trace-aggregate-kstack-count.txt"));
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.events[0],
            "L1 tracepoint cpu=-1 pid=1294584 comm=CPU 0/KVM d=-1 "
            "f=clockevents_program_event parent=- ts=-1 dur=-1 ret=- text=");
  EXPECT_NE(c.events[1].find("L2 stack_trace cpu=-1 pid=1294584 "
                             "comm=CPU 0/KVM"),
            std::string::npos);
  EXPECT_NE(c.events[1].find(" <clockevents_program_event+0x1 [kernel]> "
                             "<hrtimer_start_range_ns+0x209 [kernel]> "
                             "<start_sw_timer+0x173 [kvm]>"),
            std::string::npos);
  EXPECT_TRUE(
      c.events[1].ends_with(" <entry_SYSCALL_64_after_hwframe+0x44 [kernel]>"));
  EXPECT_NE(c.events[2].find("L17 summary cpu=-1 pid=1294584 comm=CPU 0/KVM "
                             "d=-1 f=clockevents_program_event "),
            std::string::npos);
  std::vector<Numbers> numbers = ReadNumbers(text);
  EXPECT_EQ(numbers[0].tgid, 1294576);
  EXPECT_EQ(numbers[2].value, 271);
  EXPECT_EQ(Features(text),
            (std::vector<std::string>{"tid", "kernel-stack", "aggregate"}));
}

TEST(BccTraceReaderTest, KernelAndUserStackFormOneChainEndedByEmptyLine) {
  std::string text =
      "PID     TID     COMM            FUNC             -\n"
      "9558    9558    a.out           do_sys_open      temp.2\n"
      "        do_sys_open+0x1 [kernel]\n"
      "        do_syscall_64+0x5b [kernel]\n"
      "        entry_SYSCALL_64_after_hwframe+0x44 [kernel]\n"
      "        __open_nocancel+0x7 [libc-2.17.so]\n"
      "        __libc_start_main+0xf5 [libc-2.17.so]\n"
      "\n"
      "Process name filter is porting from tools/opensnoop\n";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find("text=temp.2"), std::string::npos);
  EXPECT_TRUE(c.events[1].starts_with("L3 stack_trace cpu=-1 pid=9558 "));
  EXPECT_TRUE(c.events[1].ends_with(
      " <do_sys_open+0x1 [kernel]> <do_syscall_64+0x5b [kernel]> "
      "<entry_SYSCALL_64_after_hwframe+0x44 [kernel]> "
      "<__open_nocancel+0x7 [libc-2.17.so]> "
      "<__libc_start_main+0xf5 [libc-2.17.so]>"));
  // The prose after the capture is reported, not read as a row.
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 1u);
  EXPECT_EQ(Features(text),
            (std::vector<std::string>{"tid", "kernel-stack", "user-stack"}));
}

TEST(BccTraceReaderTest, RetprobeValueAndStackAddressesDropped) {
  std::string text = ReadFile(TestdataPath(
      "corpus/bcc_trace/trace-retprobe-sys_futex-ustack-addr.txt"));
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0],
            "L3 return_probe cpu=-1 pid=793951 comm=poller d=-1 f=sys_futex "
            "parent=- ts=-1 dur=-1 ret=0 text=");
  EXPECT_TRUE(c.events[1].ends_with(
      " <__lll_unlock_wake+0x1a [libpthread-2.23.so]> "
      "<folly::FunctionScheduler::run()+0x46f [router]> "
      "<execute_native_thread_routine+0x21 [libstdc++.so.6.0.21]> "
      "<start_thread+0xd9 [libpthread-2.23.so]> "
      "<clone+0x6d [libc-2.23.so]>"));
  EXPECT_EQ(Features(text),
            (std::vector<std::string>{"tid", "retval", "user-stack",
                                      "stack-address"}));
}

TEST(BccTraceReaderTest, RowsWithoutHeaderAndLostSamples) {
  std::string text =
      ReadFile(TestdataPath("corpus/bcc_trace/trace-lost-samples.txt"));
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 8u);
  EXPECT_EQ(c.events[0],
            "L2 tracepoint cpu=-1 pid=5087 comm=pgrep d=-1 f=sys_open "
            "parent=- ts=-1 dur=-1 ret=- text=");
  EXPECT_TRUE(c.events[5].starts_with("L7 lost "));
  EXPECT_EQ(ReadNumbers(text)[5].value, 764896);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kLostEvents), 3u);
}

TEST(BccTraceReaderTest, SyntheticPossiblyLostFromCurrentBcc) {
  Collected c = Read("Possibly lost 12 samples\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_TRUE(c.events[0].starts_with("L1 lost "));
  EXPECT_EQ(ReadNumbers("Possibly lost 12 samples\n")[0].value, 12);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kLostEvents), 1u);
}

TEST(BccTraceReaderTest, ShellCommandContinuedOverTwoLinesIsChatter) {
  Collected c = Read(ReadFile(
      TestdataPath("corpus/bcc_trace/trace-libc-retval-failed-time.txt")));
  EXPECT_EQ(c.events.size(), 2u);
  ASSERT_GE(c.diagnostics.kept().size(), 2u);
  EXPECT_EQ(c.diagnostics.kept()[1].code, DiagCode::kToolChatter);
  EXPECT_EQ(c.diagnostics.kept()[1].line, 2u);
}

TEST(BccTraceReaderTest, SyntheticFailedStackIdEndsWithoutEmptyLine) {
  // A negative stack id is printed without a newline: the next row, or
  // -A's count, follows directly.
  std::string text =
      "3010    3017    dockerd         graft_tree       ffffffe4\n"
      "        -14\n"
      "3010    3017    dockerd         count_mounts     ffffffe4\n"
      "        -14-->COUNT 5\n";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 5u);
  EXPECT_TRUE(c.events[1].starts_with("L2 stack_trace "));
  EXPECT_TRUE(c.events[1].ends_with(" text="));  // no frames
  EXPECT_TRUE(c.events[2].starts_with("L3 return_probe "));
  EXPECT_TRUE(c.events[3].starts_with("L4 stack_trace "));
  EXPECT_TRUE(c.events[4].starts_with("L4 summary "));
  EXPECT_EQ(ReadNumbers(text)[4].value, 5);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(BccTraceReaderTest, SyntheticOffsetTimestamp) {
  Collected c = Read(
      "TIME     PID     TID     COMM            FUNC             -\n"
      "1.234567 3010    3017    dockerd         graft_tree       ffffffe4\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find(" ts=1234567000 "), std::string::npos);
}

TEST(BccTraceReaderTest, SyntheticWordsAreNotReturnValues) {
  // "%s" can print a word made of hex letters; it is a message.
  Collected c = Read("3010    3017    dockerd         graft_tree       add\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find("tracepoint"), std::string::npos);
  EXPECT_NE(c.events[0].find("text=add"), std::string::npos);
}

TEST(BccTraceReaderTest, StackLinesNeedARowAndCountsNeedOne) {
  Collected c = Read(
      "        do_sys_open+0x1 [kernel]\n"
      "-->COUNT 271\n");
  EXPECT_TRUE(c.events.empty());
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 2u);
}

TEST(BccTraceReaderTest, GarbageIsReportedNeverFatal) {
  using std::string_literals::operator""s;
  std::string text =
      "\x01\x02\x00\x03garbage\n"s + std::string(10000, 'x') + "\n" +
      "\xff\xfe\xc3 invalid utf-8\n" + std::string(10000, ' ') + "\n" +
      "3010 3017 d\xff\xfe graft_tree " + std::string(10000, '7');
  Collected c = Read(text);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kBinaryData), 1u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 2u);
  ASSERT_EQ(c.events.size(), 1u);  // the last line is a row
  EXPECT_NE(c.events[0].find("f=graft_tree"), std::string::npos);
}

TEST(BccTraceReaderTest, SnifferKnowsHeadersOfEveryLayoutAndRows) {
  EXPECT_EQ(
      SniffBccTraceLine("PID     TID     COMM            FUNC             -"),
      SniffScore::kSure);
  EXPECT_EQ(SniffBccTraceLine("PID     TID     COMM            FUNC"),
            SniffScore::kSure);
  EXPECT_EQ(SniffBccTraceLine(
                "TIME     CPU PID     TID     COMM            FUNC             "
                "-"),
            SniffScore::kSure);
  EXPECT_EQ(SniffBccTraceLine("PID    COMM         FUNC             -"),
            SniffScore::kSure);
  EXPECT_EQ(
      SniffBccTraceLine("TIME     PID    COMM         FUNC             -"),
      SniffScore::kSure);
  EXPECT_EQ(SniffBccTraceLine("5087   5087   pgrep        sys_open"),
            SniffScore::kMaybe);
  EXPECT_EQ(SniffBccTraceLine("Lost 764896 samples"), SniffScore::kMaybe);
  EXPECT_EQ(SniffBccTraceLine("        do_sys_open+0x1 [kernel]"),
            SniffScore::kNo);
  // syscount's per-process rows and ftrace lines are not trace rows.
  EXPECT_EQ(SniffBccTraceLine("13820  vim                  548"),
            SniffScore::kNo);
  EXPECT_EQ(
      SniffBccTraceLine(" 0)   0.239 us    |    bpf_check_uarg_tail_zero();"),
      SniffScore::kNo);
  EXPECT_EQ(SniffBccTraceLine("SYSCALL                   COUNT"),
            SniffScore::kNo);
}

}  // namespace
}  // namespace ftriage::testing
