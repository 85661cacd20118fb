#include "analysis/export_chrome.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analysis/tree_json.h"
#include "analysis/tree_walk.h"

namespace ftriage::analysis {
namespace {

using Json = nlohmann::ordered_json;

// Per shown call (indexed by NodeId value): the width it is laid out with
// before clamping, and the widths its later shown siblings add up to.
struct Widths {
  std::vector<int64_t> width;
  std::vector<int64_t> rest;
};

// Bottom-up over |root|'s shown subtree: a traced duration is the width;
// otherwise the room the callees need (their widths, from their traced
// offsets when both have timestamps), at least kUntimedWidthNs.
void ComputeWidths(const CallForest& f, const TreeSelection& sel, NodeId root,
                   Widths* w) {
  std::vector<NodeId> order;
  WalkPreOrder(f, root, [&](NodeId id, int) {
    if (!sel.shown[id.value]) return false;
    order.push_back(id);
    return true;
  });
  std::vector<NodeId> kids;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const CallNode& n = f.node(*it);
    kids.clear();
    for (NodeId c : f.children(*it)) {
      if (sel.shown[c.value]) kids.push_back(c);
    }
    int64_t after = 0;
    int64_t needed = kUntimedWidthNs;
    for (auto k = kids.rbegin(); k != kids.rend(); ++k) {
      w->rest[k->value] = after;
      after += w->width[k->value];
      int64_t ts = f.node(*k).enter_ns;
      int64_t offset =
          n.enter_ns >= 0 && ts >= n.enter_ns ? ts - n.enter_ns : 0;
      needed = std::max(needed, offset + after);
    }
    w->width[it->value] = n.duration_ns >= 0 ? n.duration_ns : needed;
  }
}

struct Track {
  int64_t pid;
  int64_t tid;
  std::string name;
  std::string process_name;  // empty: not a process of its own
};

Track TrackOf(const CallForest& f, uint32_t thread) {
  const Thread& t = f.threads()[thread];
  if (t.pid < 0) {
    std::string name = t.cpu >= 0 ? "cpu " + std::to_string(t.cpu) : "cpu ?";
    return {kNoTaskPid, kNoTaskPid + 1 + thread, name,
            "tasks not named by the trace"};
  }
  std::string comm = t.comm.is_none() ? "" : std::string(f.name(t.comm));
  if (comm.empty()) comm = "pid " + std::to_string(t.pid);
  bool own_process = t.tgid < 0 || t.tgid == t.pid;
  return {t.tgid >= 0 ? t.tgid : t.pid, t.pid, comm, own_process ? comm : ""};
}

double Us(int64_t ns) { return static_cast<double>(ns) / 1000.0; }

Json MarkerEvent(const CallForest& f, const Marker& m, const Track& track,
                 int64_t ts) {
  std::string_view name = m.name.is_none() ? "" : f.name(m.name);
  std::string_view text = m.text.is_none() ? "" : f.name(m.text);
  if (name.empty()) name = text.empty() ? EventKindName(m.kind) : text;
  Json args;
  args["kind"] = EventKindName(m.kind);
  if (!text.empty()) args["text"] = text;
  args["line"] = m.line;
  if (m.kind == EventKind::kLost || m.kind == EventKind::kSummary) {
    args["count"] = m.count;
  }
  return {{"name", name},     {"cat", "marker"}, {"ph", "i"},
          {"s", "t"},         {"ts", Us(ts)},    {"pid", track.pid},
          {"tid", track.tid}, {"args", args}};
}

const char* Timeline(size_t calls, size_t timed) {
  if (timed == calls) return "trace timestamps";
  if (timed == 0) {
    return "synthetic from durations: callees follow each other from their "
           "caller's start, each track starts at 0";
  }
  return "mixed: calls without a timestamp follow their previous sibling";
}

// Lays out and writes the selection one thread at a time, the events of
// "traceEvents" one per line; counts what otherData reports.
class ChromeWriter {
 public:
  ChromeWriter(const CallForest& f, const TreeSelection& sel, std::ostream* out)
      : f_(f),
        sel_(sel),
        out_(out),
        w_{std::vector<int64_t>(f.size(), 0),
           std::vector<int64_t>(f.size(), 0)} {
    *out_ << "{\"traceEvents\":[\n";
  }

  void WriteThread(uint32_t thread) {
    Track track = TrackOf(f_, thread);
    WriteMetadata(track);
    std::vector<NodeId> roots = RootsOf(sel_, thread);
    int64_t origin = 0;  // the track's first timestamp, if any
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) {
      ComputeWidths(f_, sel_, *it, &w_);
      if (f_.node(*it).enter_ns >= 0) origin = f_.node(*it).enter_ns;
    }
    std::vector<Span> stack = {
        {origin, std::numeric_limits<int64_t>::max(), origin}};
    WalkThreadWithMarkers(f_, sel_, thread, roots, [&](const TreeItem& item) {
      stack.resize(item.level + 1);
      Span& parent = stack.back();
      if (item.is_marker) {
        Add(MarkerEvent(f_, f_.markers()[item.marker], track, parent.cursor));
        return;
      }
      Span call = Place(item.node, &parent);
      WriteCall(item.node, call, track);
      stack.push_back(call);
    });
  }

  void Finish(Json other_data) {
    other_data["timeline"] = Timeline(calls_, timed_);
    other_data["calls"] = calls_;
    other_data["calls_shortened"] = shortened_;
    *out_ << "\n],\n\"otherData\":"
          << other_data.dump(-1, ' ', false, Json::error_handler_t::replace)
          << "}\n";
  }

 private:
  struct Span {
    int64_t start;
    int64_t end;
    int64_t cursor;  // where the next callee or marker may start
  };

  void Add(const Json& event) {
    *out_ << (first_ ? "" : ",\n")
          << event.dump(-1, ' ', false, Json::error_handler_t::replace);
    first_ = false;
  }

  void WriteMetadata(const Track& track) {
    auto meta = [&](const char* what, const std::string& name) {
      Add({{"name", what},
           {"ph", "M"},
           {"pid", track.pid},
           {"tid", track.tid},
           {"args", {{"name", name}}}});
    };
    meta("thread_name", track.name);
    if (!track.process_name.empty() &&
        named_processes_.insert(track.pid).second) {
      meta("process_name", track.process_name);
    }
  }

  // At its timestamp or after its previous sibling, leaving room for the
  // siblings after it; shortened only if even that does not fit.
  Span Place(NodeId id, Span* parent) const {
    int64_t width = w_.width[id.value];
    int64_t start = std::max(parent->cursor, f_.node(id).enter_ns);
    int64_t latest = parent->end - width - w_.rest[id.value];
    if (start > latest) start = std::max(parent->cursor, latest);
    width = std::min(width, parent->end - start);
    parent->cursor = start + width;
    return {start, start + width, start};
  }

  void WriteCall(NodeId id, const Span& call, const Track& track) {
    const CallNode& n = f_.node(id);
    ++calls_;
    timed_ += n.enter_ns >= 0;
    Json args = CallToJson(f_, id);
    if (call.end - call.start < w_.width[id.value]) {
      args["layout"] = "shortened to fit in its caller";
      ++shortened_;
    }
    Json e = {{"name", n.func.is_none() ? "[unknown]" : f_.name(n.func)},
              {"cat", "call"},
              {"ph", "X"},
              {"ts", Us(call.start)},
              {"dur", Us(call.end - call.start)},
              {"pid", track.pid},
              {"tid", track.tid}};
    if (ErrnoOf(n) != 0) e["cname"] = "terrible";  // red in chrome://tracing
    e["args"] = std::move(args);
    Add(e);
  }

  const CallForest& f_;
  const TreeSelection& sel_;
  std::ostream* out_;
  Widths w_;
  bool first_ = true;
  size_t calls_ = 0;
  size_t timed_ = 0;
  size_t shortened_ = 0;
  std::unordered_set<int64_t> named_processes_;
};

}  // namespace

void WriteChromeTrace(const CallForest& f, const TreeSelection& sel,
                      Json other_data, std::ostream& out) {
  ChromeWriter writer(f, sel, &out);
  for (uint32_t thread : sel.threads) writer.WriteThread(thread);
  writer.Finish(std::move(other_data));
}

}  // namespace ftriage::analysis
