#include "analysis/error_json.h"

#include "core/errno_table.h"
#include "core/syscall_args.h"

namespace ftriage::analysis {
namespace {

using Json = nlohmann::ordered_json;

Json CallRef(const CallForest& f, NodeId id) {
  const CallNode& n = f.node(id);
  Json j;
  if (!n.func.is_none()) j["function"] = f.name(n.func);
  j["line"] = n.line;
  if (n.flags & kHasRetval) {
    j["retval"] = n.retval;
    // As in tree --json: a [void] or [NULL] is not the integer it holds.
    if (n.ret_kind != RetKind::kInteger) {
      j["ret_kind"] = RetKindName(n.ret_kind);
    }
  }
  return j;
}

Json CallList(const CallForest& f, const std::vector<NodeId>& ids) {
  Json out = Json::array();
  for (NodeId id : ids) out.push_back(CallRef(f, id));
  return out;
}

Json Task(const CallForest& f, uint32_t thread) {
  const Thread& t = f.threads()[thread];
  Json j;
  if (!t.comm.is_none()) j["comm"] = f.name(t.comm);
  if (t.pid >= 0) j["pid"] = t.pid;
  if (t.tgid >= 0) j["tgid"] = t.tgid;
  if (t.pid < 0 && t.cpu >= 0) j["cpu"] = t.cpu;
  return j;
}

Json FindingToJson(const CallForest& f, const ErrorFinding& e) {
  Json j;
  if (!e.syscall.is_none()) j["syscall"] = f.name(e.syscall);
  if (e.syscall_record >= 0) {
    const SyscallRecord& r =
        f.syscalls()[static_cast<size_t>(e.syscall_record)];
    if (!r.args.is_none() && !f.name(r.args).empty()) {
      j["args"] = f.name(r.args);
      std::string decoded = DescribeSyscallArgs(f.name(r.name), f.name(r.args));
      if (decoded != f.name(r.args)) j["args_decoded"] = decoded;
      j["args_line"] = r.enter_line;
    }
    if (r.exit_line != 0) j["exit_line"] = r.exit_line;
  }
  Json err;
  err["number"] = -e.errno_number;
  if (auto info = LookupErrno(e.errno_number)) {
    err["name"] = info->name;
    err["meaning"] = info->meaning;
  }
  j["errno"] = err;
  j["retval"] = e.retval;
  j["task"] = Task(f, e.thread);
  if (!e.root.is_none()) {
    j["call"] = CallRef(f, e.root);
    if (f.cpu(e.root) >= 0) j["cpu"] = f.cpu(e.root);
    if (f.node(e.root).enter_ns >= 0) {
      j["timestamp_ns"] = f.node(e.root).enter_ns;
    }
  }
  j["line"] = FindingLine(f, e);
  Json origin;
  if (!e.origin.is_none()) origin = CallRef(f, e.origin);
  origin["confidence"] = ConfidenceName(e.confidence);
  if (!e.window_parent.is_none()) {
    Json window;
    window["in"] = CallRef(f, e.window_parent);
    if (!e.window_after.is_none()) window["after"] = CallRef(f, e.window_after);
    if (e.window_after_may_fail) window["after_may_fail"] = true;
    origin["window"] = window;
  }
  j["origin"] = origin;
  j["chain"] = CallList(f, e.chain);
  j["cleanup"] = CallList(f, e.cleanup);
  if (!e.unordered.empty()) j["unordered"] = CallList(f, e.unordered);
  if (!e.notes.empty()) j["notes"] = e.notes;
  return j;
}

}  // namespace

Json ErrorsToJson(const CallForest& f,
                  const std::vector<ErrorFinding>& findings,
                  const std::vector<std::vector<size_t>>& groups) {
  Json out = Json::array();
  for (const std::vector<size_t>& g : groups) {
    Json j = FindingToJson(f, findings[g.front()]);
    j["count"] = g.size();
    j["first_line"] = FindingLine(f, findings[g.front()]);
    j["last_line"] = FindingLine(f, findings[g.back()]);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace ftriage::analysis
