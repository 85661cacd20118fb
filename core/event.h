#ifndef FTRIAGE_CORE_EVENT_H_
#define FTRIAGE_CORE_EVENT_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "core/ids.h"

namespace ftriage {

// What one parsed record says. Every reader, whatever its format, produces
// only these; analysis never sees format-specific tokens.
enum class EventKind : uint8_t {
  kEntry,          // a call starts: funcgraph "f() {", retsnoop "→ f"
  kExit,           // a call returns: "}", "} /* f */", retsnoop "← f"
  kLeaf,           // a call with no traced callees: "f();", retsnoop "↔ f"
  kFunctionHit,    // function tracer "f <-parent": entry seen, no exit ever
  kStackTrace,     // "<stack trace>" block; |frames| innermost first
  kTaskSwitch,     // context switch on |cpu|: prev_* -> comm/pid
  kIrqEnter,       // "==========>" on |cpu|
  kIrqExit,        // "<=========="
  kLost,           // events lost on |cpu|; |value| = count, -1 if unknown
  kBufferStarted,  // "##### CPU N buffer started ####": older data overwritten
  kSyscallEnter,   // "sys_X(args)": |func| = "X", |text| = args
  kSyscallExit,    // "sys_X -> 0x..": |func| = "X", retval in |value|
  kTracepoint,     // any other trace event: |func| = event name, |text| fields
  kMessage,        // trace_printk / trace_marker text in |text|
  kReturnProbe,    // a return value with no call structure (bcc retprobes)
  kSummary,        // a count from a summarizing tool (syscount): |func| =
                   // syscall or task, |value| = count, |text| = the rest
};

// Bits of TraceEvent::flags.
enum EventFlags : uint8_t {
  kEventInlined = 1 << 0,       // an inlined frame (retsnoop ". f" rows)
  kEventNoStackFrame = 1 << 1,  // traced, but not in the kernel stack ("!")
  kEventStitched = 1 << 2,      // stitched from an earlier stack ("*", "⌇")
};

// How to read TraceEvent::value when the event carries a return value.
enum class RetKind : uint8_t {
  kNone,     // no return value printed
  kInteger,  // a raw register value of unknown C type (funcgraph-retval)
  kPointer,  // known to be a pointer ("[NULL]", "[0xffff...]")
  kBool,     // known to be bool ("[true]", "ret=false")
  kVoid,     // known to return nothing ("[void]")
};

// One record of a trace. Fields a format does not print keep their
// "unknown" value. Views (text, frames) are valid only during
// EventSink::OnEvent; names are interned in the reader's StringPool.
struct TraceEvent {
  EventKind kind = EventKind::kMessage;
  RetKind ret_kind = RetKind::kNone;
  uint8_t flags = 0;         // EventFlags
  char overhead_mark = ' ';  // funcgraph " +!#*@$"
  int32_t depth = -1;        // printed call depth, 0 = outermost; -1 unknown
  int32_t cpu = -1;
  int32_t pid = -1;                  // thread id ("pid" in ftrace); -1 unknown
  int32_t tgid = -1;                 // process id; -1 unknown
  StringId comm = StringId::None();  // task name; None() if unknown
  StringId func = StringId::None();  // name as printed, "[mod]" suffix kept
  StringId parent = StringId::None();     // "<-parent" / return address caller
  int32_t prev_pid = -1;                  // kTaskSwitch: task switched out
  StringId prev_comm = StringId::None();  // kTaskSwitch
  int64_t timestamp_ns = -1;              // trace clock; -1 if not printed
  int64_t duration_ns = -1;               // -1 if not printed
  int64_t value = 0;      // return value (ret_kind != kNone) or count
  std::string_view text;  // args, comment or event fields
  std::span<const StringId> frames;  // kStackTrace frames, innermost first
  FileId file = FileId::None();
  LineNo line = 0;  // 1-based line the record was read from
};

const char* EventKindName(EventKind kind);
const char* RetKindName(RetKind kind);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_EVENT_H_
