#include "parser/retsnoop_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

// Each test feeds lines copied from the real samples in
// testdata/corpus/retsnoop/ and testdata/seeds/veth-xdp-enospc/ (or, where
// the test name says Synthetic, hand-made lines for one rule).

namespace fs = std::filesystem;

std::vector<std::string> RetsnoopInputs() {
  std::vector<std::string> files;
  for (const auto& e :
       fs::directory_iterator(TestdataPath("corpus/retsnoop"))) {
    std::string p = e.path().string();
    if (!IsGoldenFile(p)) files.push_back(p);  // golden outputs
  }
  files.push_back(TestdataPath("seeds/veth-xdp-enospc/retsnoop-T.log"));
  std::sort(files.begin(), files.end());
  return files;
}

Collected Read(const std::string& text, size_t chunk = 0) {
  return ReadEventsWith(text, parser::CreateRetsnoopReader, chunk);
}

// What the shared collector does not print.
struct Detail {
  EventKind kind;
  RetKind ret_kind;
  uint8_t flags;
  int32_t tgid;
  int64_t value;
  int64_t timestamp_ns;
};

class DetailSink : public parser::EventSink {
 public:
  void OnEvent(const TraceEvent& e) override {
    events.push_back(
        {e.kind, e.ret_kind, e.flags, e.tgid, e.value, e.timestamp_ns});
  }
  std::vector<Detail> events;
};

std::vector<Detail> ReadDetails(const std::string& text) {
  StringPool pool;
  DiagnosticSink diagnostics;
  DetailSink sink;
  parser::ReaderContext ctx{&pool, &diagnostics, &sink, FileId{0}};
  auto reader = parser::CreateRetsnoopReader(ctx);
  reader->reader().Push(text);
  reader->reader().Finish();
  return sink.events;
}

std::vector<std::string> Features(const std::string& text) {
  StringPool pool;
  DiagnosticSink diagnostics;
  DetailSink sink;
  parser::ReaderContext ctx{&pool, &diagnostics, &sink, FileId{0}};
  auto reader = parser::CreateRetsnoopReader(ctx);
  reader->reader().Push(text);
  reader->reader().Finish();
  return reader->Features();
}

size_t CountContaining(const std::vector<std::string>& events,
                       const std::string& needle) {
  return static_cast<size_t>(
      std::count_if(events.begin(), events.end(), [&](const std::string& s) {
        return s.find(needle) != std::string::npos;
      }));
}

TEST(RetsnoopReaderTest, VethSeedCallTrace) {
  Collected c =
      Read(ReadFile(TestdataPath("seeds/veth-xdp-enospc/retsnoop-T.log")));
  const std::string task = " cpu=-1 pid=39601 comm=xxx ";
  std::vector<std::string> want = {
      "L5 entry" + task + "d=0 f=__x64_sys_bpf parent=- ts=34904427064000 " +
          "dur=-1 ret=- text=",
      "L6 entry" + task + "d=1 f=__sys_bpf parent=- ts=-1 dur=-1 ret=- text=",
      "L7 leaf" + task + "d=2 f=bpf_link_init parent=- ts=-1 dur=885 ret=0 " +
          "text=",
      "L8 leaf" + task + "d=2 f=bpf_link_prime parent=- ts=-1 dur=4639 " +
          "ret=0 text=",
      "L9 entry" + task + "d=2 f=dev_xdp_attach parent=- ts=-1 dur=-1 ret=- " +
          "text=",
      "L10 leaf" + task + "d=3 f=dev_xdp_install parent=- ts=-1 dur=1162 " +
          "ret=-28 text=",
      "L11 exit" + task + "d=2 f=dev_xdp_attach parent=- ts=-1 dur=8162 " +
          "ret=-28 text=",
      "L12 entry" + task + "d=2 f=bpf_link_cleanup parent=- ts=-1 dur=-1 " +
          "ret=- text=",
      "L13 leaf" + task + "d=3 f=bpf_link_free_id.part.0 parent=- ts=-1 " +
          "dur=732 ret=-2147483648 text=",
      "L14 exit" + task + "d=2 f=bpf_link_cleanup parent=- ts=-1 dur=2427 " +
          "ret=0 text=",
      "L15 exit" + task + "d=1 f=__sys_bpf parent=- ts=-1 dur=29009 " +
          "ret=-28 text=",
      "L16 exit" + task + "d=0 f=__x64_sys_bpf parent=- ts=-1 dur=31859 " +
          "ret=-28 text=",
  };
  // The stack block after the table (lines 18-24) repeats these calls.
  EXPECT_EQ(c.events, want);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(RetsnoopReaderTest, ResultKinds) {
  std::vector<Detail> d = ReadDetails(
      ReadFile(TestdataPath("seeds/veth-xdp-enospc/retsnoop-T.log")));
  ASSERT_EQ(d.size(), 12u);
  EXPECT_EQ(d[0].tgid, 38991);
  EXPECT_EQ(d[2].ret_kind, RetKind::kVoid);     // [void]
  EXPECT_EQ(d[5].ret_kind, RetKind::kInteger);  // [-ENOSPC]
  EXPECT_EQ(d[5].value, -28);
  EXPECT_EQ(d[8].ret_kind, RetKind::kInteger);  // [0xffffffff80000000]
  EXPECT_EQ(d[9].ret_kind, RetKind::kVoid);
}

TEST(RetsnoopReaderTest, SyntheticResultKinds) {
  std::vector<Detail> d = ReadDetails(
      "\xE2\x86\x94 a   [true]    1.000us\n"
      "\xE2\x86\x94 b   [false]   1.000us\n"
      "\xE2\x86\x94 c   [-600]    1.000us\n"
      "\xE2\x86\x94 d   [NULL]    1.000us\n"
      "\xE2\x86\x94 e   [0x10]    1.000us\n");
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].ret_kind, RetKind::kBool);
  EXPECT_EQ(d[0].value, 1);
  EXPECT_EQ(d[1].ret_kind, RetKind::kBool);
  EXPECT_EQ(d[1].value, 0);
  EXPECT_EQ(d[2].ret_kind, RetKind::kInteger);
  EXPECT_EQ(d[2].value, -600);
  EXPECT_EQ(d[3].ret_kind, RetKind::kPointer);
  EXPECT_EQ(d[3].value, 0);
  EXPECT_EQ(d[4].ret_kind, RetKind::kInteger);
  EXPECT_EQ(d[4].value, 16);
}

TEST(RetsnoopReaderTest, SessionsOfOneThreadAndTheirStartTimes) {
  Collected c = Read(
      ReadFile(TestdataPath("corpus/retsnoop/issue-88-S-T-kernel-module.txt")));
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[0],
            "L5 leaf cpu=-1 pid=71216 comm=vectorAdd d=0 f=itr_lib_ioctl "
            "parent=- ts=52689594498000 dur=132102 ret=0 text=");
  EXPECT_EQ(c.events[1],
            "L12 leaf cpu=-1 pid=71216 comm=vectorAdd d=0 f=itr_lib_ioctl "
            "parent=- ts=52689594636000 dur=9989368 ret=0 text=");
}

TEST(RetsnoopReaderTest, StackWithoutTableBecomesNestedCalls) {
  std::string text = ReadFile(
      TestdataPath("corpus/retsnoop/readme-default-stack-mode-ENOMEM.txt"));
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 18u);
  const std::string task = " cpu=-1 pid=8346 comm=simfail ";
  EXPECT_EQ(c.events[0], "L5 entry" + task +
                             "d=0 f=entry_SYSCALL_64_after_hwframe+0x63 "
                             "parent=- ts=73176372607000 dur=-1 ret=- "
                             "text=");
  EXPECT_EQ(c.events[3], "L8 entry" + task +
                             "d=3 f=__x64_sys_bpf+0x1a parent=- ts=-1 "
                             "dur=-1 ret=- text=");
  EXPECT_EQ(c.events[8], "L13 entry" + task +
                             "d=8 f=bpf_map_alloc_percpu parent=- ts=-1 "
                             "dur=-1 ret=- text=");
  EXPECT_EQ(c.events[9], "L13 exit" + task +
                             "d=8 f=bpf_map_alloc_percpu parent=- ts=-1 "
                             "dur=2000 ret=0 text=");
  EXPECT_EQ(c.events[10], "L12 exit" + task +
                              "d=7 f=array_map_alloc parent=- ts=-1 "
                              "dur=50000 ret=-12 text=");
  EXPECT_EQ(c.events[17], "L5 exit" + task +
                              "d=0 f=entry_SYSCALL_64_after_hwframe+0x63 "
                              "parent=- ts=-1 dur=-1 ret=- text=");
  // "$ ...", "Receiving data...", "^C", "Detaching...".
  EXPECT_EQ(c.diagnostics.count(DiagCode::kToolChatter), 4u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 4u);

  std::vector<Detail> d = ReadDetails(text);
  EXPECT_EQ(d[2].flags, kEventInlined);       // . do_syscall_x64
  EXPECT_EQ(d[7].flags, kEventNoStackFrame);  // !   50us array_map_alloc
  EXPECT_EQ(d[8].flags, kEventNoStackFrame | kEventStitched);  // !*
  EXPECT_EQ(d[9].ret_kind, RetKind::kPointer);                 // [NULL]
}

TEST(RetsnoopReaderTest, SyntheticUnfinishedFrameKeepsItsCallersOpen) {
  Collected c = Read(
      "                    entry_SYSCALL_64_after_hwframe+0x44\n"
      "   ... [...]        do_sys_poll+0x5\n"
      "    3us [-EINTR]    do_poll+0x9\n");
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_EQ(CountContaining(c.events, " entry "), 3u);
  EXPECT_NE(c.events[3].find("exit cpu=-1 pid=-1 comm=- d=2 f=do_poll+0x9"),
            std::string::npos);
  EXPECT_NE(c.events[3].find("ret=-4"), std::string::npos);
}

TEST(RetsnoopReaderTest, OldLayoutStacksAreSeparateSessions) {
  Collected c = Read(ReadFile(
      TestdataPath("corpus/retsnoop/readme-2021-use-case-bpf-stack-mode.txt")));
  EXPECT_EQ(CountContaining(c.events, " entry cpu=-1 pid=-1 comm=- d=0 "), 3u);
  EXPECT_EQ(CountContaining(c.events, " exit cpu=-1 pid=-1 comm=- d=0 "), 3u);
  EXPECT_EQ(c.events.size(), 2u * (10 + 4 + 14));
  EXPECT_EQ(c.diagnostics.skipped_lines(), 2u);  // prompt, Receiving data
}

TEST(RetsnoopReaderTest, FilteredFramesOfVerboseModeEmitNothing) {
  Collected c = Read(ReadFile(
      TestdataPath("corpus/retsnoop/readme-2021-verbose-raw-addresses.txt")));
  EXPECT_EQ(CountContaining(c.events, "bpf_trampoline"), 0u);
  EXPECT_EQ(CountContaining(c.events, "bpf_prog_"), 0u);
  EXPECT_EQ(CountContaining(c.events, "btf_new_fd+0x5 "), 0u);
  // The same calls as the non-verbose capture of the same runs.
  EXPECT_EQ(c.events.size(), 2u * (10 + 4 + 14));
  EXPECT_EQ(c.diagnostics.count(DiagCode::kToolChatter), 9u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 9u);
}

TEST(RetsnoopReaderTest, OldTableHeaderAndAuthorCut) {
  Collected c = Read(ReadFile(TestdataPath(
      "corpus/retsnoop/readme-T-function-call-trace-old-header.txt")));
  ASSERT_EQ(c.events.size(), 8u);
  EXPECT_EQ(c.events[5],
            "L9 leaf cpu=-1 pid=-1 comm=- d=2 f=bpf_ksym_add parent=- ts=-1 "
            "dur=2046 ret=0 text=");
  EXPECT_EQ(c.events[7],
            "L11 exit cpu=-1 pid=-1 comm=- d=0 f=bpf_prog_load parent=- ts=-1 "
            "dur=374697 ret=5 text=");
  EXPECT_EQ(c.diagnostics.count(DiagCode::kElisionLine), 1u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 1u);
}

TEST(RetsnoopReaderTest, CompactArgs) {
  Collected c = Read(
      ReadFile(TestdataPath("corpus/retsnoop/readme-args-compact-TAS.txt")));
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(
      c.events[1],
      "L6 leaf cpu=-1 pid=-1 comm=- d=1 f=__sys_bpf parent=- ts=-1 "
      "dur=3366 ret=0 text=cmd=1 "
      "uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\xE2\x80\xA6 size=32");
  EXPECT_EQ(c.diagnostics.skipped_lines(), 2u);  // prompt, "..."
}

TEST(RetsnoopReaderTest, MultilineArgsAttachToTheirRow) {
  Collected c = Read(
      ReadFile(TestdataPath("corpus/retsnoop/readme-args-multiline-TAS.txt")));
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.events[1],
            "L7 leaf cpu=-1 pid=-1 comm=- d=1 f=__sys_bpf parent=- ts=-1 "
            "dur=842 ret=0 text=cmd=1 "
            "uattr={{.kernel=0x7ffc86cfcf90,.user=0x7ffc86cfcf90}} size=32");
  EXPECT_EQ(c.diagnostics.skipped_lines(), 2u);
}

TEST(RetsnoopReaderTest, VerboseArgDumpsAreJoined) {
  Collected c = Read(
      ReadFile(TestdataPath("corpus/retsnoop/readme-args-verbose-TAS.txt")));
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_NE(c.events[0].find("text=regs = &{ .r15 = 0x7ffc86cfd05c, "),
            std::string::npos);
  EXPECT_TRUE(c.events[0].ends_with(".ss = 43 }"));
  EXPECT_EQ(c.events[1],
            "L28 leaf cpu=-1 pid=-1 comm=- d=1 f=__sys_bpf parent=- ts=-1 "
            "dur=793 ret=0 text=cmd = 1 uattr = { { .kernel = 0x7ffc86cfcf90, "
            ".user = 0x7ffc86cfcf90 } } size = 32");
  EXPECT_EQ(c.events[2],
            "L37 exit cpu=-1 pid=-1 comm=- d=0 f=__x64_sys_bpf parent=- ts=-1 "
            "dur=1982 ret=0 text=");
  EXPECT_EQ(c.diagnostics.skipped_lines(), 2u);
}

TEST(RetsnoopReaderTest, SyntheticArgsOfAStackFrameWithoutTable) {
  Collected c = Read(
      "              do_syscall_64+0x3d                   "
      "(arch/x86/entry/common.c:80)\n"
      "!    0us [0]  __sys_bpf\n"
      "         \xE2\x80\xBA cmd=1\n"
      "         \xE2\x80\xBA size=32\n");
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_NE(c.events[1].find("f=__sys_bpf parent=- ts=-1 dur=-1 ret=- "
                             "text=cmd=1 size=32"),
            std::string::npos);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(RetsnoopReaderTest, InjectedProbesAreTracepoints) {
  Collected c = Read(ReadFile(
      TestdataPath("corpus/retsnoop/readme-injected-probes-multiline.txt")));
  ASSERT_EQ(c.events.size(), 8u);
  EXPECT_EQ(CountContaining(c.events, " tracepoint "), 4u);
  EXPECT_EQ(c.events[3],
            "L13 tracepoint cpu=-1 pid=4066 comm=zsh d=2 "
            "f=tp:sched:sched_process_exec parent=- ts=-1 dur=-1 ret=- "
            "text=filename = '/usr/bin/date' pid = 4066 old_pid = 4066");
  EXPECT_EQ(c.events[6],
            "L23 exit cpu=-1 pid=4066 comm=zsh d=1 f=bprm_execve parent=- "
            "ts=-1 dur=339341 ret=0 text=");
}

TEST(RetsnoopReaderTest, LbrRowsAreMessages) {
  Collected c =
      Read(ReadFile(TestdataPath("corpus/retsnoop/readme-lbr-any.txt")));
  ASSERT_EQ(c.events.size(), 7u);
  EXPECT_EQ(CountContaining(c.events, " message cpu=-1 pid=2385333 "), 7u);
  EXPECT_TRUE(c.events[2].ends_with(
      "text=. bpf_map_attr_numa_node    (include/linux/bpf.h:1735:19)      . "
      "bpf_map_attr_numa_node    (include/linux/bpf.h:1735:19)"));
  EXPECT_EQ(c.diagnostics.count(DiagCode::kElisionLine), 2u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 4u);
}

TEST(RetsnoopReaderTest, SyntheticGapAndWarningsAreLostEvents) {
  Collected c = Read(
      "\xE2\x86\x92 a\n"
      "\xE2\x80\xBC ... missing 3 records ...   ...   ...\n"
      "\xE2\x86\x90 a   [0]   2.000us\n"
      "\n"
      "WARNING! Sample data incomplete! 2 record(s) dropped. Consider "
      "increasing --ringbuf-map-size.\n"
      "WARNING! 7 samples were dropped, you are missing data!\n"
      "LBR data was dropped and is missing in this sample!\n");
  ASSERT_EQ(c.events.size(), 6u);
  EXPECT_NE(c.events[1].find("L2 lost"), std::string::npos);
  std::vector<Detail> d = ReadDetails(
      "\xE2\x80\xBC ... missing 3 records ...   ...   ...\n"
      "WARNING! 7 samples were dropped, you are missing data!\n");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].value, 3);
  EXPECT_EQ(d[1].value, 7);
  EXPECT_NE(c.events[5].find("message"), std::string::npos);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kLostEvents), 3u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 0u);
}

TEST(RetsnoopReaderTest, SyntheticIndentationWinsBelowItsCap) {
  // c's exit is missing: the own count says b's exit is at depth 2, its
  // indentation says 1.
  Collected c = Read(
      "\xE2\x86\x92 a\n"
      "    \xE2\x86\x92 b\n"
      "        \xE2\x86\x92 c\n"
      "    \xE2\x86\x90 b   [0]   2.000us\n");
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_NE(c.events[3].find("exit cpu=-1 pid=-1 comm=- d=1 f=b "),
            std::string::npos);
}

TEST(RetsnoopReaderTest, SyntheticDepthBeyondTheIndentationCap) {
  std::string text;
  for (int i = 0; i < 25; ++i) {
    text += std::string(4 * static_cast<size_t>(std::min(i, 20)), ' ') +
            "\xE2\x86\x92 f" + std::to_string(i) + "\n";
  }
  text += std::string(80, ' ') + "\xE2\x86\x94 leaf   [0]   1.000us\n";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 26u);
  EXPECT_NE(c.events[24].find(" d=24 f=f24 "), std::string::npos);
  EXPECT_NE(c.events[25].find(" d=25 f=leaf "), std::string::npos);
}

TEST(RetsnoopReaderTest, SyntheticGarbageIsCountedNeverFatal) {
  using std::string_literals::operator""s;
  std::string text =
      "\xE2\x86\x92 a\r\n"
      "this is prose\n"
      "\x01\x02\x00\x03garbage\n"
      "\xFF\xFE\xE2\x86 broken utf-8\n"s +
      std::string(10000, 'x') + "\n\xE2\x86\x90 a   [0]   2.000us";
  Collected c = Read(text);
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 3u);
  EXPECT_EQ(c.diagnostics.count(DiagCode::kBinaryData), 1u);
  EXPECT_EQ(c.diagnostics.skipped_lines(), 4u);
}

TEST(RetsnoopReaderTest, EveryCorpusFileReadsWithoutUnrecognizedLines) {
  for (const std::string& f : RetsnoopInputs()) {
    Collected c = Read(ReadFile(f));
    EXPECT_FALSE(c.events.empty()) << f;
    EXPECT_EQ(c.diagnostics.count(DiagCode::kUnrecognizedLine), 0u) << f;
    EXPECT_EQ(c.diagnostics.count(DiagCode::kBinaryData), 0u) << f;
    EXPECT_EQ(c.diagnostics.skipped_lines(),
              c.diagnostics.count(DiagCode::kToolChatter) +
                  c.diagnostics.count(DiagCode::kElisionLine))
        << f;
  }
}

TEST(RetsnoopReaderTest, AnyChunkSizeGivesTheSameEvents) {
  for (const std::string& f : RetsnoopInputs()) {
    std::string text = ReadFile(f);
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

TEST(RetsnoopReaderTest, FeaturesNameTheModesSeen) {
  EXPECT_EQ(
      Features(ReadFile(TestdataPath("seeds/veth-xdp-enospc/retsnoop-T.log"))),
      (std::vector<std::string>{"session-header", "call-trace", "stack"}));
  EXPECT_EQ(
      Features(ReadFile(TestdataPath("corpus/retsnoop/readme-lbr-any.txt"))),
      (std::vector<std::string>{"session-header", "lbr"}));
  EXPECT_EQ(Features(ReadFile(TestdataPath(
                "corpus/retsnoop/readme-injected-probes-multiline.txt"))),
            (std::vector<std::string>{"session-header", "call-trace", "args",
                                      "probes"}));
  EXPECT_EQ(Features(ReadFile(TestdataPath(
                "corpus/retsnoop/readme-2021-verbose-raw-addresses.txt"))),
            (std::vector<std::string>{"stack", "addresses"}));
}

TEST(RetsnoopReaderTest, Sniffing) {
  using parser::SniffRetsnoopLine;
  using parser::SniffScore;
  EXPECT_EQ(SniffRetsnoopLine("14:38:09.594498 -> 14:38:09.594634 TID/PID "
                              "71216/71215 (vectorAdd/vectorAdd):"),
            SniffScore::kSure);
  EXPECT_EQ(SniffRetsnoopLine("FUNCTION CALLS    RESULT   DURATION"),
            SniffScore::kSure);
  EXPECT_EQ(SniffRetsnoopLine("\xE2\x86\x94 itr_lib_ioctl   [0]     "
                              "132.102us"),
            SniffScore::kSure);
  EXPECT_EQ(SniffRetsnoopLine("!*   8us [-ENOSPC]  dev_xdp_attach"),
            SniffScore::kMaybe);
  EXPECT_EQ(SniffRetsnoopLine("                    . map_create            "
                              "             (kernel/bpf/syscall.c:1106:8)"),
            SniffScore::kMaybe);
  EXPECT_EQ(SniffRetsnoopLine("Receiving data..."), SniffScore::kNo);
  EXPECT_EQ(SniffRetsnoopLine(" 0)   0.186 us    |      "
                              "check_stack_object();"),
            SniffScore::kNo);
}

}  // namespace
}  // namespace ftriage::testing
