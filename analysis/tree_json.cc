#include "analysis/tree_json.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/errno_table.h"

namespace ftriage::analysis {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 1000;  // levels of "children" written

Json FlagsToJson(uint16_t flags) {
  Json out = Json::array();
  if (flags & kEntryMissing) out.push_back("entry_missing");
  if (flags & kExitMissing) out.push_back("exit_missing");
  if (flags & kLostInside) out.push_back("lost_events_inside");
  if (flags & kInIrq) out.push_back("irq");
  if (flags & kRetvalFromSyscall) out.push_back("retval_from_syscall_exit");
  if (flags & kNameUnknown) out.push_back("name_unknown");
  if (flags & kHitOnly) out.push_back("hit_only");
  if (flags & kFromStack) out.push_back("from_stack");
  if (flags & kCallerOnly) out.push_back("caller_only");
  if (flags & kOrderUnknown) out.push_back("order_unknown");
  if (flags & kInlined) out.push_back("inlined");
  if (flags & kSyscallEvents) out.push_back("syscall_events");
  return out;
}

// Children are appended with an explicit stack: traces nest deeply.
Json SubtreeToJson(const CallForest& f, const TreeSelection& sel, NodeId root) {
  Json top = CallToJson(f, root);
  top["children"] = Json::array();
  struct Frame {
    NodeId id;
    Json* json;
    int depth;
  };
  std::vector<Frame> stack = {{root, &top, 0}};
  while (!stack.empty()) {
    Frame fr = stack.back();
    stack.pop_back();
    Json& children = (*fr.json)["children"];
    if (fr.depth >= kMaxJsonDepth) {
      // JSON libraries (ours included) print and parse nesting recursively:
      // a 100k-deep tree would overflow their stacks. Say what was cut.
      size_t omitted = 0;
      for (NodeId c : f.children(fr.id)) omitted += sel.shown[c.value];
      if (omitted > 0) (*fr.json)["children_omitted"] = omitted;
      continue;
    }
    for (NodeId c : f.children(fr.id)) {
      if (!sel.shown[c.value]) continue;
      Json child = CallToJson(f, c);
      child["children"] = Json::array();
      children.push_back(std::move(child));
    }
    // Pointers are taken after the array stopped growing.
    size_t i = 0;
    for (NodeId c : f.children(fr.id)) {
      if (!sel.shown[c.value]) continue;
      stack.push_back({c, &children[i++], fr.depth + 1});
    }
  }
  return top;
}

const char* MarkerKind(EventKind kind) {
  return kind == EventKind::kTracepoint ? "tracepoint" : EventKindName(kind);
}

// Each task's shown markers, flat and in line order: "markers": [{line,
// kind, name, text, count, in_line}], in_line being the line of the call
// they occurred in.
void AddMarkersToTasks(const CallForest& f, const TreeSelection& sel,
                       Json* tasks) {
  std::vector<std::pair<uint32_t, size_t>> shown;  // (thread, marker)
  for (const auto& [key, list] : sel.markers) {
    for (size_t i : list) shown.push_back({f.markers()[i].thread, i});
  }
  std::sort(shown.begin(), shown.end());
  size_t task = 0;
  for (auto [thread, i] : shown) {
    while (task < sel.threads.size() && sel.threads[task] < thread) ++task;
    if (task == sel.threads.size() || sel.threads[task] != thread) continue;
    const Marker& m = f.markers()[i];
    Json j;
    j["line"] = m.line;
    j["kind"] = MarkerKind(m.kind);
    if (!m.name.is_none() && !f.name(m.name).empty())
      j["name"] = f.name(m.name);
    if (!f.name(m.text).empty()) j["text"] = f.name(m.text);
    if (m.kind == EventKind::kLost || m.kind == EventKind::kSummary) {
      j["count"] = m.count;
    }
    if (!m.parent.is_none()) j["in_line"] = f.line(m.parent);
    Json& task_json = (*tasks)[task];
    if (!task_json.contains("markers")) task_json["markers"] = Json::array();
    task_json["markers"].push_back(j);
  }
}

}  // namespace

Json CallToJson(const CallForest& f, NodeId id) {
  const CallNode& n = f.node(id);
  Json j;
  if (!n.func.is_none()) {
    j["function"] = f.name(n.func);
    j["normalized"] = f.name(f.Normalized(n.func));
    StringId syscall = f.SyscallOf(n.func);
    if (!syscall.is_none()) j["syscall"] = f.name(syscall);
  }
  j["line"] = n.line;
  if (n.count != 1) j["count"] = n.count;
  if (StringId args = f.args(id); !args.is_none()) j["args"] = f.name(args);
  if (n.exit_line != 0 && n.exit_line != n.line) j["exit_line"] = n.exit_line;
  if (n.cpu >= 0) j["cpu"] = n.cpu;
  if (n.enter_ns >= 0) j["timestamp_ns"] = n.enter_ns;
  if (n.duration_ns >= 0) j["duration_ns"] = n.duration_ns;
  if (n.flags & kHasRetval) {
    j["retval"] = n.retval;
    if (n.ret_kind != RetKind::kInteger)
      j["ret_kind"] = RetKindName(n.ret_kind);
    if (n.ret_kind == RetKind::kInteger) {
      if (auto e = ErrnoFromRetval(n.retval)) {
        Json err;
        err["number"] = -*e;
        if (auto info = LookupErrno(*e)) err["name"] = info->name;
        j["errno"] = err;
      }
    }
  }
  Json flags = FlagsToJson(n.flags);
  if (!flags.empty()) j["flags"] = flags;
  return j;
}

Json TreeToJson(const CallForest& f, const TreeSelection& sel) {
  Json tasks = Json::array();
  for (uint32_t thread : sel.threads) {
    const Thread& t = f.threads()[thread];
    Json task;
    if (!t.comm.is_none()) task["comm"] = f.name(t.comm);
    if (t.pid >= 0) task["pid"] = t.pid;
    if (t.tgid >= 0) task["tgid"] = t.tgid;
    if (t.pid < 0 && t.cpu >= 0) task["cpu"] = t.cpu;
    task["roots"] = Json::array();
    for (NodeId root : RootsOf(sel, thread)) {
      task["roots"].push_back(SubtreeToJson(f, sel, root));
    }
    tasks.push_back(std::move(task));
  }
  AddMarkersToTasks(f, sel, &tasks);
  return tasks;
}

}  // namespace ftriage::analysis
