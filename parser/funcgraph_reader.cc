#include "parser/funcgraph_reader.h"

#include "core/errno_table.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

// "-22", "0x0", "true"/"false" (BTF-typed retval proposal).
void SetRetval(std::string_view text, TraceEvent* e) {
  if (text == "true" || text == "false") {
    e->ret_kind = RetKind::kBool;
    e->value = text == "true";
  } else if (auto v = ParseRetval(text)) {
    e->ret_kind = RetKind::kInteger;
    e->value = *v;
  }
}

}  // namespace

FuncgraphColumns& FuncgraphColumns::operator|=(const FuncgraphColumns& o) {
  cpu |= o.cpu;
  abstime |= o.abstime;
  proc |= o.proc;
  lat_flags |= o.lat_flags;
  duration |= o.duration;
  retval |= o.retval;
  retaddr |= o.retaddr;
  args |= o.args;
  tail |= o.tail;
  context_prefix |= o.context_prefix;
  trace_cmd |= o.trace_cmd;
  return *this;
}

void FuncgraphReader::Absorb(const TraceReader& block) {
  FtraceTextReader::Absorb(block);
  columns_ |= static_cast<const FuncgraphReader&>(block).columns_;
}

TraceEvent FuncgraphReader::BareEvent(LineNo n) const {
  TraceEvent e;
  e.file = ctx().file;
  e.line = n;
  return e;
}

bool FuncgraphReader::OnBareLine(std::string_view line, LineNo n) {
  if (!TokenizeFuncgraphLine(line, &line_, &memo_)) return false;
  TraceEvent e = BareEvent(n);
  EmitGraphLine(line_, &e);
  return true;
}

bool FuncgraphReader::OnContextRecord(const FtraceContext& c, LineNo n) {
  std::string_view body = c.body;
  bool trace_cmd = false;
  for (std::string_view tag : {"funcgraph_entry:", "funcgraph_exit:"}) {
    std::string_view t = TrimLeft(body);
    if (t.substr(0, tag.size()) == tag) {
      body = t.substr(tag.size());
      trace_cmd = true;
    }
  }
  FuncgraphLine fl;
  if (!TokenizeFuncgraphLine(body, &fl)) return false;
  columns_.context_prefix = true;
  columns_.trace_cmd |= trace_cmd;
  TraceEvent e = EventFromContext(c, n);
  EmitGraphLine(fl, &e);
  return true;
}

void FuncgraphReader::NoteColumns(const FuncgraphLine& fl) {
  columns_.cpu |= fl.cpu >= 0;
  columns_.abstime |= !fl.abstime.empty();
  columns_.proc |= fl.pid >= 0 && fl.kind != FuncgraphLineKind::kTaskSwitch;
  columns_.lat_flags |= !fl.lat_flags.empty();
  columns_.duration |= !fl.duration.empty();
  columns_.args |= !fl.args.empty();
}

StringId FuncgraphReader::InternComm(std::string_view comm, int32_t cpu) {
  CachedComm& c = comm_cache_[static_cast<uint32_t>(cpu) % comm_cache_.size()];
  if (!c.id.is_none() && SameText(c.text, comm)) return c.id;
  return CacheComm(comm, &c);
}

// Not inlined: the registers Intern() needs would be saved on every hit.
[[gnu::noinline]] StringId FuncgraphReader::CacheComm(std::string_view comm,
                                                      CachedComm* c) {
  c->id = Intern(comm);
  c->text = ctx().strings->Get(c->id);
  return c->id;
}

void FuncgraphReader::EmitGraphLine(const FuncgraphLine& fl,
                                    TraceEvent* event) {
  TraceEvent& e = *event;
  NoteColumns(fl);
  if (fl.cpu >= 0) e.cpu = fl.cpu;
  if (fl.pid >= 0) {
    e.pid = fl.pid;
    e.comm = InternComm(fl.comm, e.cpu);
  }
  if (fl.abstime_ns >= 0) e.timestamp_ns = fl.abstime_ns;
  if (fl.duration_ns >= 0) e.duration_ns = fl.duration_ns;
  e.overhead_mark = fl.mark;
  e.depth = fl.depth;
  FuncgraphTail tail;
  if (!fl.tail.empty()) tail = ParseFuncgraphTail(fl.tail);
  switch (fl.kind) {
    case FuncgraphLineKind::kNotGraph:
      return;
    case FuncgraphLineKind::kEntry:
    case FuncgraphLineKind::kLeaf:
      e.kind = fl.kind == FuncgraphLineKind::kEntry ? EventKind::kEntry
                                                    : EventKind::kLeaf;
      e.func = InternName(fl.func);
      e.text = fl.args;
      if (!tail.caller.empty()) {
        e.parent = InternName(tail.caller);
        columns_.retaddr = true;
      }
      break;
    case FuncgraphLineKind::kExit:
      e.kind = EventKind::kExit;
      if (!tail.name.empty()) {
        e.func = InternName(tail.name);
        columns_.tail = true;
      }
      break;
    case FuncgraphLineKind::kComment:
      EmitEventBody(fl.comment, e);
      return;
    case FuncgraphLineKind::kIrqEnter:
    case FuncgraphLineKind::kIrqExit:
      e.kind = fl.kind == FuncgraphLineKind::kIrqEnter ? EventKind::kIrqEnter
                                                       : EventKind::kIrqExit;
      e.depth = -1;
      break;
    case FuncgraphLineKind::kTaskSwitch:
      e.kind = EventKind::kTaskSwitch;
      e.prev_pid = fl.prev_pid;
      e.prev_comm = Intern(fl.prev_comm);
      e.depth = -1;
      break;
    case FuncgraphLineKind::kSeparator:
      return;  // the dashes around a task-switch banner
    case FuncgraphLineKind::kOverrun:
      e.kind = EventKind::kLost;
      e.value = fl.overruns;
      e.depth = -1;
      Report(DiagCode::kOverrun, e.line,
             std::to_string(fl.overruns) +
                 " calls not recorded: the return stack overran");
      break;
  }
  if (!tail.retval.empty()) {
    SetRetval(tail.retval, &e);
    columns_.retval |= e.ret_kind != RetKind::kNone;
  }
  Emit(e);
}

std::unique_ptr<FormatReader> CreateFuncgraphReader(const ReaderContext& ctx) {
  return std::make_unique<FormatReaderOf<FuncgraphReader>>(ctx);
}

SniffScore SniffFuncgraphLine(std::string_view line) {
  std::string_view t = Trim(line);
  if (t == "# tracer: function_graph") return SniffScore::kSure;
  FuncgraphLine fl;
  if (TokenizeFuncgraphLine(line, &fl)) {
    return fl.kind == FuncgraphLineKind::kSeparator ? SniffScore::kNo
                                                    : SniffScore::kMaybe;
  }
  FtraceContext c;
  if (!ParseFtraceContext(line, &c)) return SniffScore::kNo;
  std::string_view body = TrimLeft(c.body);
  if (body.starts_with("funcgraph_entry:") ||
      body.starts_with("funcgraph_exit:")) {
    return SniffScore::kSure;
  }
  // Graph records behind a generic prefix (F1.10) are only ever written by
  // the graph tracer.
  return TokenizeFuncgraphLine(body, &fl) &&
                 fl.kind != FuncgraphLineKind::kComment
             ? SniffScore::kSure
             : SniffScore::kNo;
}

std::vector<std::string> FuncgraphReader::Features() const {
  const FuncgraphColumns& c = columns_;
  return FeatureNames({{c.abstime, "abstime"},
                       {c.cpu, "cpu"},
                       {c.proc, "proc"},
                       {c.lat_flags, "latency-flags"},
                       {c.duration, "duration"},
                       {c.tail, "tail"},
                       {c.retval, "retval"},
                       {c.retaddr, "retaddr"},
                       {c.args, "args"},
                       {c.context_prefix, "context-prefix"},
                       {c.trace_cmd, "trace-cmd"}});
}

}  // namespace ftriage::parser
