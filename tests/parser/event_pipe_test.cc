#include "parser/event_pipe.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace ftriage::parser {
namespace {

// Writes down every event and diagnostic it gets, in order, with the text
// and frames the event pointed to at that moment.
class Recorder : public EventSink, public DiagnosticReporter {
 public:
  void OnEvent(const TraceEvent& e) override {
    std::string frames;
    for (StringId f : e.frames) frames += std::to_string(f.value) + ",";
    log.push_back("event L" + std::to_string(e.line) +
                  " d=" + std::to_string(e.depth) +
                  " text=" + std::string(e.text) + " frames=" + frames);
  }
  void Report(Diagnostic d) override {
    log.push_back("diag L" + std::to_string(d.line) + " " + d.message);
  }
  std::vector<std::string> log;
};

// What a reader does, synthetic: events with text in a buffer it reuses
// (the line), some with frames, and diagnostics between them, in runs
// longer than a batch.
void Produce(EventSink* sink, DiagnosticReporter* diagnostics) {
  std::string line;
  std::vector<StringId> frames;
  for (LineNo n = 1; n <= 30000; ++n) {
    if (n % 7 == 0) diagnostics->Report({DiagCode::kMalformedLine, {}, n, "m"});
    if (n >= 20000 && n < 23000) {
      diagnostics->Report({DiagCode::kUnrecognizedLine, {}, n, "only"});
      continue;
    }
    TraceEvent e;
    e.line = n;
    e.depth = static_cast<int32_t>(n % 13);
    // Mostly short text, now and then more than a batch's text buffer.
    line.assign(n % 5000 == 0 ? 200000 : n % 50,
                static_cast<char>('a' + n % 26));
    e.text = line;
    frames.assign(n % 1000 == 0 ? 9000 : n % 4, StringId{n});
    e.frames = frames;
    sink->OnEvent(e);
    line.assign(line.size(), '#');  // the reader moves on to the next line
    frames.assign(frames.size(), StringId::None());
  }
  diagnostics->Report({DiagCode::kUnterminatedCall, {}, 0, "after the last"});
}

TEST(EventPipeTest, SyntheticStreamArrivesAsDirectCallsWouldGiveIt) {
  Recorder direct;
  Produce(&direct, &direct);

  Recorder piped;
  EventPipe pipe(&piped, &piped);
  Produce(&pipe, &pipe);
  pipe.Finish();

  ASSERT_EQ(piped.log.size(), direct.log.size());
  for (size_t i = 0; i < direct.log.size(); ++i) {
    ASSERT_EQ(piped.log[i], direct.log[i]) << "entry " << i;
  }
}

TEST(EventPipeTest, SyntheticEmptyStreamFinishes) {
  Recorder piped;
  EventPipe pipe(&piped, &piped);
  pipe.Finish();
  pipe.Finish();  // twice is harmless
  EXPECT_TRUE(piped.log.empty());
}

class ThrowingSink : public EventSink {
 public:
  void OnEvent(const TraceEvent& e) override {
    if (e.line == 5000) throw std::runtime_error("sink failed");
  }
};

TEST(EventPipeTest, SyntheticSinkFailureReachesTheProducer) {
  ThrowingSink sink;
  Recorder diagnostics;
  EventPipe pipe(&sink, &diagnostics);
  // The producer learns of it at a later hand-off or at Finish().
  EXPECT_THROW(
      {
        for (LineNo n = 1; n <= 100000; ++n) {
          TraceEvent e;
          e.line = n;
          pipe.OnEvent(e);
        }
        pipe.Finish();
      },
      std::runtime_error);
}

TEST(EventPipeTest, SyntheticDestroyedWithoutFinishDoesNotWait) {
  Recorder piped;
  {
    EventPipe pipe(&piped, &piped);
    for (LineNo n = 1; n <= 10000; ++n) {
      TraceEvent e;
      e.line = n;
      pipe.OnEvent(e);
    }
  }  // as when the reader throws: the consumer stops, nothing hangs
  EXPECT_LE(piped.log.size(), 10000u);
}

}  // namespace
}  // namespace ftriage::parser
