#include "cli/event_json.h"

#include <nlohmann/json.hpp>

#include "core/errno_table.h"

namespace ftriage::cli {

void EventJsonWriter::OnEvent(const TraceEvent& e) {
  nlohmann::ordered_json j;
  auto name = [&](const char* key, StringId id) {
    if (!id.is_none()) j[key] = strings_->Get(id);
  };
  if (with_file_) j["file"] = e.file.value;
  j["line"] = e.line;
  j["kind"] = EventKindName(e.kind);
  if (e.cpu >= 0) j["cpu"] = e.cpu;
  if (e.pid >= 0) j["pid"] = e.pid;
  if (e.tgid >= 0) j["tgid"] = e.tgid;
  name("comm", e.comm);
  if (e.depth >= 0) j["depth"] = e.depth;
  name("func", e.func);
  name("parent", e.parent);
  if (e.kind == EventKind::kTaskSwitch) {
    name("prev_comm", e.prev_comm);
    j["prev_pid"] = e.prev_pid;
  }
  if (e.timestamp_ns >= 0) j["timestamp_ns"] = e.timestamp_ns;
  if (e.duration_ns >= 0) j["duration_ns"] = e.duration_ns;
  if (e.overhead_mark != ' ') j["mark"] = std::string(1, e.overhead_mark);
  if (e.ret_kind != RetKind::kNone) {
    j["retval"] = e.value;
    if (e.ret_kind != RetKind::kInteger)
      j["ret_kind"] = RetKindName(e.ret_kind);
    if (e.ret_kind == RetKind::kInteger) {
      if (auto err = ErrnoFromRetval(e.value)) {
        if (auto info = LookupErrno(*err)) j["errno"] = info->name;
      }
    }
  } else if (e.kind == EventKind::kLost || e.kind == EventKind::kSummary ||
             (e.kind == EventKind::kFunctionHit && e.value != 0)) {
    j["count"] = e.value;
  }
  if (!e.text.empty()) j["text"] = std::string(e.text);
  if (!e.frames.empty()) {
    nlohmann::ordered_json frames = nlohmann::ordered_json::array();
    for (StringId f : e.frames) frames.push_back(strings_->Get(f));
    j["frames"] = frames;
  }
  if (e.flags & kEventInlined) j["inlined"] = true;
  if (e.flags & kEventNoStackFrame) j["no_stack_frame"] = true;
  if (e.flags & kEventStitched) j["stitched"] = true;
  // Invalid UTF-8 in task names or messages must not abort the dump.
  *out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
}

}  // namespace ftriage::cli
