#ifndef FTRIAGE_PARSER_TRACE_READER_H_
#define FTRIAGE_PARSER_TRACE_READER_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "core/event.h"
#include "core/line_splitter.h"
#include "core/string_pool.h"
#include "parser/console_prefix.h"

namespace ftriage::parser {

// Receives events in input order. Implemented by the call-tree builder, by
// `ftriage parse`'s statistics, and by test collectors.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnEvent(const TraceEvent& event) = 0;
};

// Everything a reader writes to besides the sink. Owned by the caller so
// that two traces (good and bad) can share one StringPool and compare
// StringIds directly.
struct ReaderContext {
  StringPool* strings = nullptr;
  DiagnosticReporter* diagnostics = nullptr;
  EventSink* sink = nullptr;
  FileId file = FileId::None();
};

// Gets the lines a reader cannot read, before they are reported as
// unrecognized: a reader of another format may claim them (a retsnoop
// session pasted after a function_graph capture). See SectionedReader.
class LineRouter {
 public:
  virtual ~LineRouter() = default;
  // Returns true if |line| was taken (and read) by another reader.
  virtual bool Claim(std::string_view line, LineNo n) = 0;
};

// Push bytes in, get events out. Chunks need not end on line boundaries.
// Console/dmesg prefixes are stripped before a line reaches OnLine().
// Malformed lines are reported to ctx.diagnostics and skipped; a reader
// never fails on bad input.
class TraceReader {
 public:
  explicit TraceReader(const ReaderContext& ctx) : ctx_(ctx) {}
  virtual ~TraceReader() = default;
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  void Push(std::string_view chunk) {
    splitter_.Push(chunk,
                   [this](std::string_view l, LineNo n) { Split(l, n); });
  }
  // End of input: flushes a partial last line and pending state.
  void Finish() {
    splitter_.Finish([this](std::string_view l, LineNo n) { Split(l, n); });
    OnEnd();
  }
  LineNo lines() const { return splitter_.lines(); }
  // Options, columns and modes the input showed, e.g. {"cpu", "abstime"}.
  virtual std::vector<std::string> Features() const { return {}; }
  // The tracer named by a "# tracer:" header, "" if none.
  virtual std::string Tracer() const { return ""; }

  // Reads one whole line (terminator and console prefix already removed),
  // for a caller that splits lines itself.
  // |console_line|: the caller stripped a console prefix from it.
  void FeedLine(std::string_view line, LineNo n, bool console_line) {
    console_line_ = console_line;
    OnLine(line, n);
  }
  void set_router(LineRouter* router) { router_ = router; }

  // Reading in blocks (parser/read_ahead.h): a later block of the input is
  // read by a fresh reader of the same format on another thread, and its
  // events are handed on in order as if this reader had read it.
  // True if this format can be read so.
  virtual bool ReadsInBlocks() const { return false; }
  // True if |line| (as in the file) continues the record before it, as a
  // " => frame" line continues a "<stack trace>": no block may start there.
  virtual bool ContinuesRecord(std::string_view line) const {
    (void)line;
    return false;
  }
  // At the end of a block whose next line continues nothing: ends a record
  // that only the next line would have ended (a "<stack trace>" block), as
  // that line would have.
  virtual void EndBlock() {}
  // True if the next line would read the same to a fresh reader: at a line
  // start, nothing open across lines ("<stack trace>" frames), in the first
  // format's section.
  bool AtFreshBoundary() const {
    return splitter_.at_line_start() && AtFreshState();
  }
  // After a block that |block| (a fresh reader of the same format, left at
  // a fresh boundary) read: takes over what it learned for Features() and
  // Tracer(), and numbers lines on after the block's.
  void AbsorbBlock(const TraceReader& block) {
    splitter_.SkipLines(block.lines());
    Absorb(block);
  }

 protected:
  // Called once per line, in order, without the line terminator.
  virtual void OnLine(std::string_view line, LineNo n) = 0;
  virtual void OnEnd() {}
  // AtFreshBoundary() past the line splitting; only if ReadsInBlocks().
  virtual bool AtFreshState() const { return false; }
  // AbsorbBlock() past the line numbers; |block| has this reader's class.
  virtual void Absorb(const TraceReader& block) { (void)block; }

  void Emit(const TraceEvent& e) { ctx_.sink->OnEvent(e); }
  void Report(DiagCode code, LineNo line, std::string message) {
    ctx_.diagnostics->Report({code, ctx_.file, line, std::move(message)});
  }
  // Offers |line| to a reader of another format; true if one took it.
  bool OfferToRouter(std::string_view line, LineNo n) {
    return router_ != nullptr && router_->Claim(line, n);
  }
  // A line this reader cannot read: offered to the router, else reported.
  // Behind a console prefix it is a kernel log message (boot messages
  // around a dumped trace), not a broken record.
  void Unrecognized(std::string_view line, LineNo n, std::string reason) {
    if (OfferToRouter(line, n)) return;
    if (console_line_) {
      Report(DiagCode::kConsoleMessage, n, "kernel console message");
      return;
    }
    Report(DiagCode::kUnrecognizedLine, n, std::move(reason));
  }
  StringId Intern(std::string_view s) { return ctx_.strings->Intern(s); }
  bool console_line() const { return console_line_; }
  const ReaderContext& ctx() const { return ctx_; }

 private:
  void Split(std::string_view line, LineNo n) {
    std::string_view stripped = StripConsolePrefix(line);
    console_line_ = stripped.size() != line.size();
    OnLine(stripped, n);
  }

  ReaderContext ctx_;
  LineSplitter splitter_;
  LineRouter* router_ = nullptr;
  bool console_line_ = false;  // the current line had a console prefix
};

// Where the input changed format (a mixed file), first section included.
struct Section {
  LineNo first_line = 1;
  std::string format;

  bool operator==(const Section&) const = default;
};

// A reader of one format plus what it learned about the input, for
// `ftriage parse`. Each format's reader header declares a factory
// `std::unique_ptr<FormatReader> Create<Format>Reader(const ReaderContext&)`.
class FormatReader {
 public:
  virtual ~FormatReader() = default;
  virtual TraceReader& reader() = 0;
  // Options and columns the input showed, e.g. {"cpu", "abstime", "proc"}.
  virtual std::vector<std::string> Features() const = 0;
  // The tracer named by a "# tracer:" header, "" if none.
  virtual std::string Tracer() const { return ""; }
  // The formats the input went through, with their first lines.
  virtual std::vector<Section> Sections() const { return {}; }
};

// A reader class as a FormatReader: every format's factory is
// `return std::make_unique<FormatReaderOf<XReader>>(ctx);`.
template <typename R>
class FormatReaderOf : public FormatReader {
 public:
  explicit FormatReaderOf(const ReaderContext& ctx) : reader_(ctx) {}
  TraceReader& reader() override { return reader_; }
  std::vector<std::string> Features() const override {
    return reader_.Features();
  }
  std::string Tracer() const override { return reader_.Tracer(); }

 private:
  R reader_;
};

// The names whose flag is set, in order: FeatureNames({{seen_cpu, "cpu"}}).
inline std::vector<std::string> FeatureNames(
    std::initializer_list<std::pair<bool, const char*>> flags) {
  std::vector<std::string> out;
  for (const auto& [on, name] : flags) {
    if (on) out.push_back(name);
  }
  return out;
}

// How sure a format's sniffer is that a line is its own.
enum class SniffScore : uint8_t {
  kNo,
  kMaybe,  // a record of this format (others may read it too)
  kSure,   // a line only this format writes (a header, a marker)
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_TRACE_READER_H_
