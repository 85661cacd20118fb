#include "parser/ftrace_text_reader.h"

#include <algorithm>

#include "core/decimal_time.h"
#include "core/errno_table.h"
#include "parser/event_body.h"
#include "parser/ftrace_core_lines.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
TraceEvent FtraceTextReader::EventFromContext(const FtraceContext& c,
                                              LineNo n) {
  TraceEvent e;
  e.comm = InternName(c.comm);
  e.pid = c.pid;
  e.tgid = c.tgid;
  e.cpu = c.cpu;
  if (auto ts = ParseDecimalNs(c.timestamp, kNsPerSec)) {
    e.timestamp_ns = *ts;
  } else if (size_t us = c.timestamp.find("us"); us != std::string_view::npos) {
    // Latency format (and ftrace_dump): microseconds since the first event.
    if (auto rel = ParseDecimalNs(c.timestamp.substr(0, us), kNsPerUs)) {
      e.timestamp_ns = *rel;
    }
  }
  e.file = ctx().file;
  e.line = n;
  return e;
}

void FtraceTextReader::EmitEventBody(std::string_view body, TraceEvent e) {
  EventBody b = ClassifyEventBody(body);
  e.text = b.text;
  switch (b.kind) {
    case EventBodyKind::kSyscallEnter:
      e.kind = EventKind::kSyscallEnter;
      e.func = Intern(b.name);
      break;
    case EventBodyKind::kSyscallExit:
      e.kind = EventKind::kSyscallExit;
      e.func = Intern(b.name);
      if (auto v = ParseRetval(b.retval)) {
        e.value = *v;
        e.ret_kind = RetKind::kInteger;
      }
      break;
    case EventBodyKind::kTracepoint:
      e.kind = EventKind::kTracepoint;
      e.func = Intern(b.name);
      break;
    case EventBodyKind::kMessage:
      e.kind = EventKind::kMessage;
      break;
  }
  Emit(e);
}

// The hot path: a bare record of the subclass, on nearly every line. The
// rest is read out of line (noinline below), so that this call does not
// set up the frame their locals (context, core line) need.
void FtraceTextReader::OnLine(std::string_view line, LineNo n) {
  if (in_stack_ && ReadStackFrame(line)) return;
  if (OnBareLine(line, n)) return;
  OnOtherLine(line, n);
}

namespace {

// A " => frame" line of a "<stack trace>" block, console prefix removed.
bool IsStackFrameLine(std::string_view line) {
  return TrimLeft(line).substr(0, 3) == "=> ";
}

}  // namespace

bool FtraceTextReader::ContinuesRecord(std::string_view line) const {
  return IsStackFrameLine(StripConsolePrefix(line));
}

[[gnu::noinline]] bool FtraceTextReader::ReadStackFrame(std::string_view line) {
  if (IsStackFrameLine(line)) {
    stack_frames_.push_back(InternName(Trim(TrimLeft(line).substr(3))));
    return true;
  }
  FlushStack();
  return false;
}

[[gnu::noinline]] void FtraceTextReader::OnOtherLine(std::string_view line,
                                                     LineNo n) {
  CoreLine cl = ClassifyCoreLine(line);
  if (cl.kind != CoreLineKind::kNone) {
    OnCoreLine(cl, line, n);
    return;
  }
  FtraceContext c;
  if (ParseFtraceContext(line, &c)) {
    std::string_view body = Trim(c.body);
    if (body == "<stack trace>" || body == "<user stack trace>" ||
        body == "<stack trace >") {
      in_stack_ = true;
      stack_event_ = EventFromContext(c, n);
      stack_event_.kind = EventKind::kStackTrace;
      if (body == "<user stack trace>") stack_event_.text = "user";
      stack_frames_.clear();
      return;
    }
    if (!OnContextRecord(c, n)) EmitEventBody(c.body, EventFromContext(c, n));
    return;
  }
  // Checked last: scanning every byte of every valid line cost 16% of the
  // parse, and garbage never reads as a record anyway.
  if (LooksBinary(line)) {
    Report(DiagCode::kBinaryData, n, "binary data (NUL or control bytes)");
    return;
  }
  Unrecognized(line, n, "not a trace record");
}

void FtraceTextReader::OnCoreLine(const CoreLine& cl, std::string_view line,
                                  LineNo n) {
  TraceEvent e;
  e.file = ctx().file;
  e.line = n;
  e.cpu = cl.cpu;
  switch (cl.kind) {
    case CoreLineKind::kNone:
    case CoreLineKind::kBlank:
      return;
    case CoreLineKind::kHeader:
      if (cl.text.substr(0, 7) == "tracer:") {
        std::string_view name = Trim(cl.text.substr(7));
        if (IsForeignTracer(name) && OfferToRouter(line, n)) return;
        tracer_ = std::string(name);
      }
      return;
    case CoreLineKind::kPreamble:
      return;
    case CoreLineKind::kLost:
      e.kind = EventKind::kLost;
      e.value = cl.count;
      Report(DiagCode::kLostEvents, n,
             cl.count < 0 ? "events lost on cpu " + std::to_string(cl.cpu)
                          : std::to_string(cl.count) + " events lost on cpu " +
                                std::to_string(cl.cpu));
      Emit(e);
      return;
    case CoreLineKind::kBufferStarted:
      e.kind = EventKind::kBufferStarted;
      Report(DiagCode::kBufferStarted, n,
             "cpu " + std::to_string(cl.cpu) +
                 " buffer started late: its older events were overwritten");
      Emit(e);
      return;
    case CoreLineKind::kLineTooBig:
      Report(DiagCode::kLineTooBig, n,
             "the kernel replaced a record too big "
             "for its line buffer");
      return;
    case CoreLineKind::kCorrupted:
      Report(DiagCode::kTracingCorrupted, n,
             "function tracing was disabled by the kernel: events may be "
             "missing");
      return;
    case CoreLineKind::kChatter:
      Report(DiagCode::kToolChatter, n,
             "tool output or shell prompt: " + std::string(Trim(line)));
      return;
    case CoreLineKind::kElision:
      Report(DiagCode::kElisionLine, n, "lines cut out by the log's author");
      return;
  }
}

void FtraceTextReader::Absorb(const TraceReader& block) {
  const auto& b = static_cast<const FtraceTextReader&>(block);
  if (!b.tracer_.empty()) tracer_ = b.tracer_;
}

void FtraceTextReader::FlushStack() {
  in_stack_ = false;
  // Frames are printed innermost first; keep that order.
  stack_event_.frames = stack_frames_;
  Emit(stack_event_);
  stack_event_ = TraceEvent();
}

void FtraceTextReader::OnEnd() {
  if (in_stack_) FlushStack();
}

}  // namespace ftriage::parser
