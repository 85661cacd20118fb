#include "parser/retsnoop_reader.h"

#include <algorithm>

#include "core/decimal_time.h"
#include "core/errno_table.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerHour = 3600;

// "20:19:36.372607" -> ns since midnight (the tokenizer checked the shape).
int64_t WallTimeNs(std::string_view t) {
  int64_t hours = (t[0] - '0') * 10 + (t[1] - '0');
  int64_t minutes = (t[3] - '0') * 10 + (t[4] - '0');
  int64_t ns = ParseDecimalNs(t.substr(6), kNsPerSec).value_or(0);
  return (hours * kSecondsPerHour + minutes * kSecondsPerMinute) * kNsPerSec +
         ns;
}

bool IsDecimal(std::string_view t) {
  if (t.starts_with('-')) t.remove_prefix(1);
  return AllDigits(t);
}

bool IsPrefixedHex(std::string_view t) {
  if (!t.starts_with("0x") || t.size() == 2) return false;
  return std::all_of(t.begin() + 2, t.end(), IsHexDigit);
}

// The text inside retsnoop's "[...]" result column (prepare_func_res()).
// An unknown errno name or "..." (not returned) leaves the event without
// a return value.
void SetResult(std::string_view r, RetKind* kind, int64_t* value) {
  if (r == "void") {
    *kind = RetKind::kVoid;
  } else if (r == "NULL") {
    *kind = RetKind::kPointer;
    *value = 0;
  } else if (r == "true" || r == "false") {
    *kind = RetKind::kBool;
    *value = r == "true";
  } else if (r.starts_with("-E")) {
    if (auto info = LookupErrnoName(r)) {
      *kind = RetKind::kInteger;
      *value = -info->number;
    }
  } else if (IsDecimal(r) || IsPrefixedHex(r)) {
    if (auto v = ParseRetval(r)) {
      *kind = RetKind::kInteger;
      *value = *v;
    }
  }
}

int64_t DurationNs(std::string_view us) {
  if (us.empty()) return -1;
  return ParseDecimalNs(us, kNsPerUs).value_or(-1);
}

}  // namespace

void RetsnoopReader::OnLine(std::string_view line, LineNo n) {
  if (ContinuesVerboseArgs(line)) return;
  if (LooksBinary(line)) {
    FlushPending();
    Report(DiagCode::kBinaryData, n, "binary data (NUL or control bytes)");
    return;
  }
  RetsnoopLine rl;
  TokenizeRetsnoopLine(line, &rl);
  OnRow(rl, line, n);
}

void RetsnoopReader::OnRow(const RetsnoopLine& rl, std::string_view line,
                           LineNo n) {
  using K = RetsnoopLineKind;
  if (rl.kind != K::kArg) FlushPending();
  // A stack block ends at the first line that is not one of its rows (an
  // author's cut inside it does not end it).
  if (block_ == Block::kStack && rl.kind != K::kFrame &&
      rl.kind != K::kInlineFrame && rl.kind != K::kArg &&
      rl.kind != K::kElision) {
    EndStack();
  }
  switch (rl.kind) {
    case K::kBlank:
      block_ = Block::kNone;
      return;
    case K::kSessionHeader:
      StartSession(&rl);
      modes_.session_header = true;
      return;
    case K::kTableHeader:
      EnsureSession(Block::kTable);
      depth_cap_ = rl.old_table_header ? 30 : 20;
      return;
    case K::kTableRule:
      if (block_ != Block::kTable) break;
      return;
    case K::kCall:
      if (block_ != Block::kTable) EnsureSession(Block::kTable);
      OnCall(rl, n);
      return;
    case K::kGap:
      if (rl.count < 0 && block_ != Block::kTable) {
        Report(DiagCode::kElisionLine, n, "lines cut out by the log's author");
        return;
      }
      EmitLost(rl.count, n,
               rl.count < 0 ? std::string("records missing from the call "
                                          "trace")
                            : std::to_string(rl.count) +
                                  " record(s) missing from the call trace");
      return;
    case K::kArg:
      if (!has_pending_ && block_ != Block::kStack) break;
      if (block_ == Block::kStack && !session_has_table_ && frames_.empty()) {
        break;
      }
      AddArgs(rl);
      return;
    case K::kInlineFrame:
      if (block_ == Block::kLbr) {
        TraceEvent e = NewEvent(n);
        e.text = rl.text;
        EmitNow(e);
        return;
      }
      if (!rl.args.empty()) break;
      OnFrame(rl, n);
      return;
    case K::kFrame:
      OnFrame(rl, n);
      return;
    case K::kLbr: {
      if (block_ != Block::kLbr) EnsureSession(Block::kLbr);
      TraceEvent e = NewEvent(n);
      e.text = rl.text;
      EmitNow(e);
      return;
    }
    case K::kLost:
      EmitLost(rl.count, n,
               rl.count < 0 ? std::string("retsnoop dropped records")
                            : "retsnoop dropped " + std::to_string(rl.count) +
                                  " record(s) or sample(s)");
      return;
    case K::kNote: {
      TraceEvent e = NewEvent(n);
      e.text = rl.text;
      EmitNow(e);
      return;
    }
    case K::kChatter:
      Report(DiagCode::kToolChatter, n,
             "tool output or shell prompt: " + std::string(rl.text));
      return;
    case K::kElision:
      Report(DiagCode::kElisionLine, n, "lines cut out by the log's author");
      return;
    case K::kOther:
      break;
  }
  Unrecognized(line, n,
               "not a retsnoop line: " + std::string(Trim(line).substr(0, 80)));
}

void RetsnoopReader::StartSession(const RetsnoopLine* header) {
  session_ = TraceEvent();
  session_.file = ctx().file;
  if (header != nullptr) {
    session_.comm = Intern(header->task_comm);
    session_.pid = header->tid;
    session_.tgid = header->pid;
    session_.timestamp_ns = WallTimeNs(header->start_time);
  }
  session_open_ = true;
  session_has_table_ = false;
  session_has_stack_ = false;
  block_ = Block::kNone;
}

void RetsnoopReader::EnsureSession(Block starting) {
  // retsnoop prints at most one table and one stack block per session, in
  // that order: another one means a new session whose header is missing.
  bool fresh = session_open_;
  if (starting == Block::kTable) {
    fresh = fresh && !session_has_table_ && !session_has_stack_;
  } else if (starting == Block::kStack) {
    fresh = fresh && !session_has_stack_;
  }
  if (!fresh) StartSession(nullptr);
  block_ = starting;
  switch (starting) {
    case Block::kTable:
      session_has_table_ = true;
      modes_.call_trace = true;
      depth_ = 0;
      depth_cap_ = 20;
      break;
    case Block::kStack:
      session_has_stack_ = true;
      modes_.stack = true;
      break;
    case Block::kLbr:
      modes_.lbr = true;
      break;
    case Block::kNone:
      break;
  }
}

TraceEvent RetsnoopReader::NewEvent(LineNo n) {
  TraceEvent e;
  e.comm = session_.comm;
  e.pid = session_.pid;
  e.tgid = session_.tgid;
  e.file = ctx().file;
  e.line = n;
  return e;
}

void RetsnoopReader::EmitNow(TraceEvent e) {
  // The header's start time belongs to the session's first event.
  if (session_.timestamp_ns >= 0) {
    e.timestamp_ns = session_.timestamp_ns;
    session_.timestamp_ns = -1;
  }
  Emit(e);
}

void RetsnoopReader::OnCall(const RetsnoopLine& rl, LineNo n) {
  int32_t d = depth_;
  if (rl.mark == RetsnoopMark::kExit) d = std::max(0, depth_ - 1);
  // An indentation that is not whole levels was mangled on its way into
  // the log; the own count is all there is then.
  if (rl.indent % 4 == 0) {
    size_t printed = rl.indent / 4;
    size_t cap = static_cast<size_t>(depth_cap_);
    if (printed < cap) {
      d = static_cast<int32_t>(printed);
    } else {
      d = std::max(d, depth_cap_);
    }
  }
  depth_ = rl.mark == RetsnoopMark::kEntry ? d + 1 : d;

  TraceEvent e = NewEvent(n);
  e.depth = d;
  e.func = Intern(rl.name);
  switch (rl.mark) {
    case RetsnoopMark::kEntry:
      e.kind = EventKind::kEntry;
      break;
    case RetsnoopMark::kExit:
      e.kind = EventKind::kExit;
      break;
    case RetsnoopMark::kLeaf:
      e.kind = EventKind::kLeaf;
      break;
    case RetsnoopMark::kProbe:
      e.kind = EventKind::kTracepoint;
      modes_.probes = true;
      break;
  }
  SetResult(rl.result, &e.ret_kind, &e.value);
  e.duration_ns = DurationNs(rl.duration);
  pending_ = e;
  pending_text_ = std::string(rl.args);
  pending_has_args_ = !rl.args.empty();
  modes_.args |= pending_has_args_;
  has_pending_ = true;
}

void RetsnoopReader::OnFrame(const RetsnoopLine& rl, LineNo n) {
  if (block_ != Block::kStack) EnsureSession(Block::kStack);
  modes_.addresses |= rl.has_address;
  if (session_has_table_ || rl.filtered) return;
  Frame f;
  f.line = n;
  f.func = Intern(rl.name);
  if (rl.kind == RetsnoopLineKind::kInlineFrame) f.flags |= kEventInlined;
  if (rl.no_stack_frame) f.flags |= kEventNoStackFrame;
  if (rl.stitched) f.flags |= kEventStitched;
  f.unfinished = rl.unfinished;
  SetResult(rl.result, &f.ret_kind, &f.value);
  f.duration_ns = DurationNs(rl.duration);
  f.has_args = !rl.args.empty();
  if (f.has_args) f.text = std::string(rl.args);
  modes_.args |= f.has_args;
  frames_.push_back(std::move(f));
}

void RetsnoopReader::AddArgs(const RetsnoopLine& rl) {
  modes_.args = true;
  if (rl.args.ends_with('{')) {
    brace_depth_ = 1;
    arg_indent_ = rl.indent;
  }
  // The stack block of a session with a -T table repeats the table's args.
  if (!has_pending_ && frames_.empty()) return;
  std::string* text = has_pending_ ? &pending_text_ : &frames_.back().text;
  bool* has_args = has_pending_ ? &pending_has_args_ : &frames_.back().has_args;
  if (*has_args) text->push_back(' ');
  *has_args = true;
  text->append(rl.args);
}

bool RetsnoopReader::ContinuesVerboseArgs(std::string_view line) {
  if (brace_depth_ <= 0) return false;
  size_t indent = LeadingSpaces(line);
  std::string_view t = Trim(line);
  // Dump lines are indented past the "›" column; the closing brace may sit
  // at it. Anything else (a row, an inline frame) ends a dump that was cut.
  bool inside =
      !t.empty() && !t.starts_with(". ") &&
      (indent > arg_indent_ || (indent == arg_indent_ && t.starts_with('}')));
  RetsnoopLine rl;
  if (inside) {
    TokenizeRetsnoopLine(line, &rl);
    inside =
        rl.kind != RetsnoopLineKind::kCall && rl.kind != RetsnoopLineKind::kArg;
  }
  if (!inside) {
    brace_depth_ = 0;
    return false;
  }
  if (t.starts_with('}')) --brace_depth_;
  if (t.ends_with('{')) ++brace_depth_;
  if (has_pending_ || !frames_.empty()) {
    std::string* text = has_pending_ ? &pending_text_ : &frames_.back().text;
    text->push_back(' ');
    text->append(t);
  }
  return true;
}

void RetsnoopReader::EmitLost(int64_t count, LineNo n, std::string message) {
  TraceEvent e = NewEvent(n);
  e.kind = EventKind::kLost;
  e.value = count;
  Report(DiagCode::kLostEvents, n, std::move(message));
  EmitNow(e);
}

void RetsnoopReader::FlushPending() {
  if (!has_pending_) return;
  has_pending_ = false;
  pending_.text = pending_text_;
  EmitNow(pending_);
}

void RetsnoopReader::EndStack() {
  block_ = Block::kNone;
  for (size_t i = 0; i < frames_.size(); ++i) {
    const Frame& f = frames_[i];
    TraceEvent e = NewEvent(f.line);
    e.kind = EventKind::kEntry;
    e.depth = static_cast<int32_t>(i);
    e.func = f.func;
    e.flags = f.flags;
    e.text = f.text;
    EmitNow(e);
  }
  // Innermost first; a call that had not returned keeps its callers open.
  for (size_t i = frames_.size(); i-- > 0;) {
    const Frame& f = frames_[i];
    if (f.unfinished) break;
    TraceEvent e = NewEvent(f.line);
    e.kind = EventKind::kExit;
    e.depth = static_cast<int32_t>(i);
    e.func = f.func;
    e.flags = f.flags;
    e.ret_kind = f.ret_kind;
    e.value = f.value;
    e.duration_ns = f.duration_ns;
    EmitNow(e);
  }
  frames_.clear();
}

void RetsnoopReader::OnEnd() {
  FlushPending();
  if (block_ == Block::kStack) EndStack();
}

std::unique_ptr<FormatReader> CreateRetsnoopReader(const ReaderContext& ctx) {
  return std::make_unique<FormatReaderOf<RetsnoopReader>>(ctx);
}

SniffScore SniffRetsnoopLine(std::string_view line) {
  RetsnoopLine rl;
  TokenizeRetsnoopLine(line, &rl);
  switch (rl.kind) {
    case RetsnoopLineKind::kSessionHeader:
    case RetsnoopLineKind::kTableHeader:
    case RetsnoopLineKind::kCall:
      return SniffScore::kSure;
    case RetsnoopLineKind::kGap:
      // Only the "‼" form; "...  ..." could be anyone's cut.
      return rl.count >= 0 ? SniffScore::kSure : SniffScore::kNo;
    case RetsnoopLineKind::kFrame:
    case RetsnoopLineKind::kInlineFrame:
      return SniffScore::kMaybe;
    default:
      return SniffScore::kNo;
  }
}

}  // namespace ftriage::parser
