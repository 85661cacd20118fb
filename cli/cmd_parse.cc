// `ftriage parse FILE...`: what was read and what was not.
#include <ostream>

#include "analysis/cpu_set.h"
#include "analysis/early_filter.h"
#include "cli/command_common.h"
#include "cli/event_json.h"

namespace ftriage::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Totals {
  uint64_t lines = 0;
  uint64_t events = 0;
  uint64_t lost = 0;
  bool lost_unknown = false;
  std::array<uint64_t, 16> by_kind{};
};

Totals Sum(const LoadedTrace& t) {
  Totals s;
  for (const InputInfo& in : t.inputs) {
    s.lines += in.lines;
    s.events += in.events;
    s.lost += in.lost_events;
    s.lost_unknown |= in.lost_unknown;
    for (size_t k = 0; k < s.by_kind.size(); ++k) {
      s.by_kind[k] += in.events_by_kind[k];
    }
  }
  return s;
}

std::string TaskLabel(const LoadedTrace& t, const analysis::Thread& th) {
  if (th.pid < 0) return "cpu " + std::to_string(th.cpu) + " (no task column)";
  std::string comm =
      th.comm.is_none() ? "" : std::string(t.strings.Get(th.comm));
  return (comm.empty() ? "?" : comm) + "-" + std::to_string(th.pid);
}

// The calls are counted, not kept: `parse` reads with a streaming filter
// that removes every finished root (EarlyFilter::ForCounts), so the counts
// are those of the calls still stored plus those removed.

// Calls per thread and the CPUs calls ran on, in one pass over the nodes
// (of which there are millions).
struct NodeCounts {
  std::vector<uint64_t> calls_per_thread;
  uint64_t calls = 0;
  analysis::CpuSet cpus;
};

NodeCounts CountNodes(const LoadedTrace& t) {
  NodeCounts out;
  out.calls = t.forest.size();
  for (const analysis::Thread& th : t.forest.threads()) {
    out.calls_per_thread.push_back(th.removed_calls);
    out.calls += th.removed_calls;
  }
  out.cpus.Merge(t.forest.removed().cpus);
  for (size_t i = 0; i < t.forest.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    ++out.calls_per_thread[t.forest.thread(id)];
    out.cpus.Add(t.forest.cpu(id));
  }
  return out;
}

uint64_t RootsOf(const analysis::Thread& th) {
  return th.roots.size() + th.removed_roots;
}

uint64_t RootCount(const LoadedTrace& t) {
  uint64_t n = 0;
  for (const auto& th : t.forest.threads()) n += RootsOf(th);
  return n;
}

// syscount-style counts: "mount 1", "dockerd-3010 1".
std::string SummaryLabel(const LoadedTrace& t, const analysis::Marker& m) {
  if (!m.name.is_none() && !t.strings.Get(m.name).empty()) {
    return std::string(t.strings.Get(m.name));
  }
  return TaskLabel(t, t.forest.threads()[m.thread]);
}

Json Summaries(const LoadedTrace& t) {
  Json out = Json::array();
  for (const analysis::Marker& m : t.forest.markers()) {
    if (m.kind != EventKind::kSummary) continue;
    Json j;
    j["name"] = SummaryLabel(t, m);
    j["count"] = m.count;
    std::string_view text = t.strings.Get(m.text);
    if (!text.empty()) j["text"] = text;
    j["line"] = m.line;
    out.push_back(j);
  }
  return out;
}

Json SkippedLines(const LoadedTrace& t) {
  Json out = Json::array();
  for (const Diagnostic& d : t.diagnostics.kept()) {
    if (!CountsAsSkippedLine(d.code)) continue;
    Json j;
    if (t.inputs.size() > 1) j["file"] = InputPath(t, d.file);
    j["line"] = d.line;
    j["reason"] = DiagCodeName(d.code);
    j["message"] = d.message;
    out.push_back(j);
  }
  return out;
}

void PrintJson(const LoadedTrace& t, const Io& io) {
  Totals s = Sum(t);
  Json j = JsonEnvelope("parse", t);
  for (size_t i = 0; i < t.inputs.size(); ++i) {
    const InputInfo& in = t.inputs[i];
    Json& ji = j["inputs"][i];
    ji["format_reason"] = in.format_reason;
    if (!in.tracer.empty()) ji["tracer"] = in.tracer;
    ji["features"] = in.features;
    if (in.sections.size() > 1) {
      Json sections = Json::array();
      for (const parser::Section& sec : in.sections) {
        sections.push_back(
            {{"format", sec.format}, {"first_line", sec.first_line}});
      }
      ji["sections"] = sections;
    }
    ji["lines"] = in.lines;
    ji["bytes"] = in.bytes;
    ji["events"] = in.events;
  }
  j["format"] =
      t.inputs.empty() ? "unknown" : parser::FormatName(t.inputs[0].format);
  j["lines"] = s.lines;
  j["events"] = s.events;
  Json kinds;
  for (size_t k = 0; k < s.by_kind.size(); ++k) {
    if (s.by_kind[k] > 0) {
      kinds[EventKindName(static_cast<EventKind>(k))] = s.by_kind[k];
    }
  }
  j["events_by_kind"] = kinds;
  NodeCounts counts = CountNodes(t);
  j["calls"] = counts.calls;
  j["roots"] = RootCount(t);
  j["lost_events"] = s.lost;
  if (s.lost_unknown) j["lost_events_unknown_count"] = true;
  j["skipped"] = t.diagnostics.skipped_lines();
  j["skipped_lines"] = SkippedLines(t);
  Json tasks = Json::array();
  for (size_t i = 0; i < t.forest.threads().size(); ++i) {
    const analysis::Thread& th = t.forest.threads()[i];
    Json task;
    if (!th.comm.is_none()) task["comm"] = t.strings.Get(th.comm);
    if (th.pid >= 0) task["pid"] = th.pid;
    if (th.pid < 0) task["cpu"] = th.cpu;
    task["roots"] = RootsOf(th);
    task["calls"] = counts.calls_per_thread[i];
    tasks.push_back(task);
  }
  j["tasks"] = tasks;
  j["cpus"] = counts.cpus.cpus();
  j["syscalls"] = t.forest.syscalls().size() + t.forest.removed().syscalls;
  Json summaries = Summaries(t);
  if (!summaries.empty()) j["summaries"] = summaries;
  j["diagnostics"] = DiagnosticsToJson(t);
  *io.out << DumpJson(j);
}

void PrintText(const LoadedTrace& t, const Io& io) {
  std::ostream& o = *io.out;
  for (const InputInfo& in : t.inputs) {
    o << (in.path == "-" ? "<stdin>" : in.path) << "\n";
    o << "  format:   " << parser::FormatName(in.format) << " ("
      << in.format_reason << ")\n";
    if (!in.tracer.empty()) o << "  tracer:   " << in.tracer << "\n";
    if (in.sections.size() > 1) {
      o << "  sections:";
      for (const parser::Section& sec : in.sections) {
        o << " " << sec.format << " from line " << sec.first_line << ";";
      }
      o << "\n";
    }
    o << "  columns: ";
    for (const std::string& f : in.features) o << " " << f;
    o << "\n  lines:    " << in.lines << ", events: " << in.events << " (";
    bool first = true;
    for (size_t k = 0; k < in.events_by_kind.size(); ++k) {
      if (in.events_by_kind[k] == 0) continue;
      o << (first ? "" : ", ") << EventKindName(static_cast<EventKind>(k))
        << " " << in.events_by_kind[k];
      first = false;
    }
    o << ")\n";
  }
  Totals s = Sum(t);
  NodeCounts counts = CountNodes(t);
  o << "calls:    " << counts.calls << " in " << RootCount(t) << " root(s)\n";
  o << "tasks:    " << t.forest.threads().size() << "\n";
  for (size_t i = 0; i < t.forest.threads().size(); ++i) {
    const analysis::Thread& th = t.forest.threads()[i];
    o << "  " << TaskLabel(t, th) << ": " << RootsOf(th) << " root(s), "
      << counts.calls_per_thread[i] << " call(s)\n";
  }
  o << "cpus:    ";
  for (int32_t c : counts.cpus.cpus()) o << " " << c;
  o << "\nlost:     " << s.lost << " event(s)"
    << (s.lost_unknown ? " and losses of unknown size" : "") << "\n";
  for (const Json& sm : Summaries(t)) {
    o << "summary:  " << sm["name"].get<std::string>() << " "
      << sm["count"].get<int64_t>()
      << (sm.contains("text") ? " " + sm["text"].get<std::string>() : "")
      << "  (line " << sm["line"].get<LineNo>() << ")\n";
  }
  o << "skipped:  " << t.diagnostics.skipped_lines() << " line(s)\n";
  for (const Diagnostic& d : t.diagnostics.kept()) {
    if (!CountsAsSkippedLine(d.code)) continue;
    o << "  " << InputPath(t, d.file) << ":" << d.line << ": "
      << DiagCodeName(d.code) << ": " << d.message << "\n";
  }
}

}  // namespace

int RunParse(const GlobalOptions& g, const ParseOptions& o, const Io& io) {
  LoadedTrace t;
  analysis::EarlyFilter counts_only = analysis::EarlyFilter::ForCounts();
  if (o.events) {
    EventJsonWriter writer(&t.strings, io.out, o.files.size() > 1);
    if (!LoadOrReport(g, o.files, io, &t, &writer, &counts_only)) {
      return kExitError;
    }
    PrintDiagnostics(g, t, io);
    return kExitOk;
  }
  if (!LoadOrReport(g, o.files, io, &t, nullptr, &counts_only)) {
    return kExitError;
  }
  if (g.json) {
    PrintJson(t, io);
  } else {
    PrintText(t, io);
  }
  PrintDiagnostics(g, t, io);
  return kExitOk;
}

}  // namespace ftriage::cli
