#include "parser/syscount_reader.h"

#include <gtest/gtest.h>

#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using parser::SniffScore;
using parser::SniffSyscountLine;

// Each test feeds lines copied from the real samples in testdata/ (or, where
// the test name says synthetic, a hand-made line for one rule).

Collected Read(const std::string& text, size_t chunk = 0) {
  return ReadEventsWith(text, parser::CreateSyscountReader, chunk);
}

// One summary as "tgid value duration_ns": what the readable event strings
// leave out.
std::vector<std::string> ReadCounts(const std::string& text) {
  struct Sink : parser::EventSink {
    void OnEvent(const TraceEvent& e) override {
      out.push_back(std::to_string(e.tgid) + " " + std::to_string(e.value) +
                    " " + std::to_string(e.duration_ns));
    }
    std::vector<std::string> out;
  } sink;
  StringPool pool;
  DiagnosticSink diagnostics;
  auto r = parser::CreateSyscountReader({&pool, &diagnostics, &sink, {}});
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
  auto r = parser::CreateSyscountReader({&pool, &diagnostics, &sink, {}});
  r->reader().Push(text);
  r->reader().Finish();
  return r->Features();
}

TEST(SyscountReaderTest, EveryCorpusLineIsReadOrIsChatter) {
  // Summaries, then the skipped lines: the shell prompt, the banner, "^C".
  struct Expected {
    const char* file;
    size_t summaries;
    uint64_t chatter;
  };
  for (const Expected& want : {
           Expected{"corpus/bcc_trace/syscount-default.txt", 10, 3},
           Expected{"corpus/bcc_trace/syscount-errno-ENOENT.txt", 18, 3},
           Expected{"corpus/bcc_trace/syscount-failures-interval.txt", 13, 3},
           Expected{"corpus/bcc_trace/syscount-latency-unknown.txt", 10, 3},
           Expected{"corpus/bcc_trace/syscount-process.txt", 9, 3},
           Expected{"seeds/mount-max-enospc/syscount.log", 2, 2},
       }) {
    std::string text = ReadFile(TestdataPath(want.file));
    Collected c = Read(text);
    EXPECT_EQ(c.events.size(), want.summaries) << want.file;
    for (const std::string& e : c.events) {
      EXPECT_NE(e.find(" summary "), std::string::npos) << e;
    }
    EXPECT_EQ(c.diagnostics.count(DiagCode::kToolChatter), want.chatter)
        << want.file;
    EXPECT_EQ(c.diagnostics.skipped_lines(), want.chatter) << want.file;
    for (size_t chunk : {1, 3, 7}) {
      Collected split = Read(text, chunk);
      EXPECT_EQ(c.events, split.events) << want.file << " chunk " << chunk;
      EXPECT_EQ(c.diagnostics.skipped_lines(),
                split.diagnostics.skipped_lines())
          << want.file << " chunk " << chunk;
    }
  }
}

TEST(SyscountReaderTest, MountSeedCountsBySyscallAndByProcess) {
  std::string text =
      ReadFile(TestdataPath("seeds/mount-max-enospc/syscount.log"));
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 2u);
  // "^C[08:34:38]": the echo of Ctrl+C, then the interval's time.
  EXPECT_EQ(c.events[0],
            "L4 summary cpu=-1 pid=-1 comm=- d=-1 f=mount parent=- "
            "ts=30878000000000 dur=-1 ret=- text=");
  EXPECT_EQ(c.events[1],
            "L9 summary cpu=-1 pid=3010 comm=dockerd d=-1 f=- parent=- "
            "ts=30932000000000 dur=-1 ret=- text=");
  EXPECT_EQ(ReadCounts(text),
            (std::vector<std::string>{"-1 1 -1", "3010 1 -1"}));
  EXPECT_EQ(Features(text),
            (std::vector<std::string>{"by-syscall", "by-process"}));
}

TEST(SyscountReaderTest, LatencyColumnAndUnknownSyscallName) {
  std::string text =
      "SYSCALL                   COUNT        TIME (us)\n"
      "select                       16      3415860.022\n"
      "[unknown: 321]               32            4.965\n";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0],
            "L2 summary cpu=-1 pid=-1 comm=- d=-1 f=select parent=- ts=-1 "
            "dur=3415860022 ret=- text=3415860.022");
  EXPECT_NE(c.events[1].find(" f=[unknown: 321] "), std::string::npos);
  EXPECT_EQ(ReadCounts(text),
            (std::vector<std::string>{"-1 16 3415860022", "-1 32 4965"}));
  EXPECT_EQ(Features(text),
            (std::vector<std::string>{"by-syscall", "latency"}));
}

TEST(SyscountReaderTest, SyntheticMillisecondLatency) {
  Collected c = Read(
      "PID    COMM               COUNT        TIME (ms)\n"
      "3010   dockerd                1         1.500000\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_NE(c.events[0].find(" dur=1500000 "), std::string::npos);
}

TEST(SyscountReaderTest, ProcessNamesAsPrinted) {
  Collected c = Read(
      "PID    COMM               COUNT\n"
      "494    systemd-journal        5\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0],
            "L2 summary cpu=-1 pid=494 comm=systemd-journal d=-1 f=- "
            "parent=- ts=-1 dur=-1 ret=- text=");
}

TEST(SyscountReaderTest, IntervalsSeparatedByEmptyLinesKeepTheirTimes) {
  Collected c = Read(
      "[09:44:16]\n"
      "SYSCALL             COUNT\n"
      "futex                  13\n"
      "\n"
      "[09:44:21]\n"
      "SYSCALL             COUNT\n"
      "futex                  12\n"
      "Detaching...\n");
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_NE(c.events[0].find(" ts=35056000000000 "), std::string::npos);
  EXPECT_NE(c.events[1].find(" ts=35061000000000 "), std::string::npos);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 1u);  // "Detaching..."
}

TEST(SyscountReaderTest, ProseAndOtherToolsRowsAreReported) {
  using std::string_literals::operator""s;
  Collected c = Read(
      "-->COUNT 271\n"
      "Error: syscall 'foo' not found. Exiting.\n"
      "793922  793951  poller          sys_futex        0\n"
      "\x01\x02\x00\x03garbage\n"
      "\xff\xfe 12\n"s +
      std::string(10000, '9') + "\n");
  EXPECT_TRUE(c.events.empty());
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 5u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kBinaryData), 1u);
}

TEST(SyscountReaderTest, SnifferKnowsHeadersAndBanners) {
  EXPECT_EQ(SniffSyscountLine("SYSCALL                   COUNT"),
            SniffScore::kSure);
  EXPECT_EQ(SniffSyscountLine("SYSCALL                   COUNT        TIME "
                              "(us)"),
            SniffScore::kSure);
  EXPECT_EQ(SniffSyscountLine("PID    COMM               COUNT"),
            SniffScore::kSure);
  EXPECT_EQ(
      SniffSyscountLine("Tracing syscalls, printing top 10... Ctrl+C to quit."),
      SniffScore::kSure);
  EXPECT_EQ(SniffSyscountLine(
                "Tracing failed syscalls, printing top 10... Ctrl+C to quit."),
            SniffScore::kSure);
  EXPECT_EQ(SniffSyscountLine("^C[08:34:38]"), SniffScore::kMaybe);
  EXPECT_EQ(SniffSyscountLine("write               10739"), SniffScore::kMaybe);
  EXPECT_EQ(SniffSyscountLine("3010   dockerd                1"),
            SniffScore::kMaybe);
  EXPECT_EQ(SniffSyscountLine("Tracing \"do_nanosleep\"... Ctrl-C to end."),
            SniffScore::kNo);
  EXPECT_EQ(SniffSyscountLine("-->COUNT 271"), SniffScore::kNo);
  EXPECT_EQ(SniffSyscountLine("buffer_size_kb: 1410"), SniffScore::kNo);
}

}  // namespace
}  // namespace ftriage::testing
