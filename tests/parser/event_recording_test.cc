// A recording replayed gives the sink, the reporter and the string pool what
// the reader would have given them directly, in the same order.
#include "parser/event_recording.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "parser/trace_format.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::parser {
namespace {

// Events and diagnostics as one ordered list of readable lines. With
// |every_field|, a line spells out all of an event's fields: a recording
// that drops or alters any field for some kind of event shows there.
class OrderLog final : public EventSink, public DiagnosticReporter {
 public:
  explicit OrderLog(const StringPool* strings, bool every_field = false)
      : strings_(strings), every_field_(every_field) {}
  void OnEvent(const TraceEvent& e) override {
    std::string s = "L" + std::to_string(e.line) + " " + EventKindName(e.kind) +
                    " " + Name(e.comm) + " " + Name(e.func) + " <-" +
                    Name(e.parent) + " [" + std::string(e.text) + "]";
    for (StringId f : e.frames) s += " => " + Name(f);
    if (every_field_) {
      s += std::string(" ") + RetKindName(e.ret_kind) + " fl" +
           std::to_string(e.flags) + " m'" + e.overhead_mark + "' d" +
           std::to_string(e.depth) + " c" + std::to_string(e.cpu) + " p" +
           std::to_string(e.pid) + " t" + std::to_string(e.tgid) + " prev " +
           std::to_string(e.prev_pid) + " " + Name(e.prev_comm) + " ts" +
           std::to_string(e.timestamp_ns) + " dur" +
           std::to_string(e.duration_ns) + " v" + std::to_string(e.value) +
           " f" + std::to_string(e.file.value);
    }
    lines.push_back(s);
  }
  void Report(Diagnostic d) override {
    lines.push_back("L" + std::to_string(d.line) + " " + DiagCodeName(d.code) +
                    ": " + d.message);
  }
  std::vector<std::string> lines;

 private:
  std::string Name(StringId id) const {
    return id.is_none() ? "-" : std::string(strings_->Get(id));
  }
  const StringPool* strings_;
  bool every_field_;
};

// Synthetic function tracer text: hits, a stack trace, a syscall with
// arguments, a line no reader takes, and a lost-events line.
constexpr char kSyntheticText[] =
    "# tracer: function\n"
    "            bash-1234  [001] .... 100.000001: do_sys_open <-sys_open\n"
    "            bash-1234  [001] .... 100.000002: <stack trace>\n"
    " => do_sys_open\n"
    " => entry_SYSCALL_64\n"
    "            bash-1234  [001] .... 100.000003: sys_openat(dfd: "
    "ffffff9c, filename: 7ffd)\n"
    "this line is no trace record\n"
    "CPU:1 [LOST 3 EVENTS]\n"
    "             cat-99    [000] .... 100.000004: vfs_read <-ksys_read\n";

std::vector<std::string> PoolContents(const StringPool& pool) {
  std::vector<std::string> out;
  for (size_t i = 0; i < pool.size(); ++i) {
    out.emplace_back(pool.Get(StringId{static_cast<uint32_t>(i)}));
  }
  return out;
}

// |pool| already holds names from an earlier file, as a shared pool does.
void Seed(StringPool* pool) {
  pool->Intern("vfs_read");
  pool->Intern("unrelated");
}

void ReadInto(const ReaderContext& ctx) {
  std::unique_ptr<FormatReader> r = CreateReader(TraceFormat::kFunction, ctx);
  r->reader().Push(kSyntheticText);
  r->reader().Finish();
}

TEST(EventRecordingTest, SyntheticReplayEqualsReadingDirectly) {
  StringPool direct_pool;
  Seed(&direct_pool);
  OrderLog direct(&direct_pool);
  ReadInto({&direct_pool, &direct, &direct, FileId{0}});

  StringPool replay_pool;
  Seed(&replay_pool);
  OrderLog replayed(&replay_pool);
  {
    StringPool own;
    EventRecording recording(&own);
    ReadInto({&own, &recording, &recording, FileId{0}});
    recording.Replay(0, &replay_pool, &replayed, &replayed);
  }
  ASSERT_GE(direct.lines.size(), 6u);
  EXPECT_EQ(replayed.lines, direct.lines);
  // Names got the ids they get when the reader interns them itself.
  EXPECT_EQ(PoolContents(replay_pool), PoolContents(direct_pool));
}

TEST(EventRecordingTest, SyntheticReplayNumbersLinesAfterTheLinesBefore) {
  StringPool own;
  EventRecording recording(&own);
  ReadInto({&own, &recording, &recording, FileId{0}});
  StringPool pool;
  OrderLog log(&pool);
  recording.Replay(1000, &pool, &log, &log);
  ASSERT_GE(log.lines.size(), 6u);
  EXPECT_EQ(log.lines.front().substr(0, 6), "L1002 ");
  EXPECT_EQ(log.lines.back().substr(0, 6), "L1009 ");
}

TEST(EventRecordingTest, ClearedRecordingHoldsOnlyWhatCameAfter) {
  StringPool first;
  EventRecording recording(&first);
  ReadInto({&first, &recording, &recording, FileId{0}});
  StringPool second;
  recording.Clear(&second);
  ReaderContext ctx{&second, &recording, &recording, FileId{0}};
  std::unique_ptr<FormatReader> r = CreateReader(TraceFormat::kFunction, ctx);
  r->reader().Push("             cat-99    [000] .... 1.5: vfs_read <-x\n");
  StringPool pool;
  OrderLog log(&pool);
  recording.Replay(0, &pool, &log, &log);
  EXPECT_EQ(log.lines,
            std::vector<std::string>{"L1 function cat vfs_read <-x []"});
}

std::vector<std::string> ReadAllFields(const std::string& text,
                                       TraceFormat format, bool recorded) {
  StringPool pool;
  OrderLog log(&pool, /*every_field=*/true);
  StringPool own;
  EventRecording recording(&own);
  ReaderContext ctx =
      recorded ? ReaderContext{&own, &recording, &recording, FileId{3}}
               : ReaderContext{&pool, &log, &log, FileId{3}};
  std::unique_ptr<FormatReader> r = CreateReader(format, ctx);
  r->reader().Push(text);
  r->reader().Finish();
  if (recorded) recording.Replay(0, &pool, &log, &log);
  return log.lines;
}

// Real captures of every format, and the synthetic edge cases: what a
// replay hands on equals what the reader gave, field by field.
TEST(EventRecordingTest, EveryFieldOfEveryTestdataEventSurvivesReplay) {
  namespace fs = std::filesystem;
  size_t files = 0;
  size_t events = 0;
  for (const char* dir : {"corpus", "real", "seeds", "synthetic", "mixed"}) {
    for (const auto& f :
         fs::recursive_directory_iterator(testing::TestdataPath(dir))) {
      if (!f.is_regular_file()) continue;
      std::string text = testing::ReadFile(f.path().string());
      TraceFormat format = SniffFormat(text.substr(0, kSniffBytes)).format;
      if (format == TraceFormat::kUnknown) continue;
      std::vector<std::string> direct = ReadAllFields(text, format, false);
      EXPECT_EQ(ReadAllFields(text, format, true), direct) << f.path();
      ++files;
      events += direct.size();
    }
  }
  EXPECT_GE(files, 100u);
  EXPECT_GE(events, 20000u);
}

}  // namespace
}  // namespace ftriage::parser
