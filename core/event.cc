#include "core/event.h"

namespace ftriage {

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kEntry:
      return "entry";
    case EventKind::kExit:
      return "exit";
    case EventKind::kLeaf:
      return "leaf";
    case EventKind::kFunctionHit:
      return "function";
    case EventKind::kStackTrace:
      return "stack_trace";
    case EventKind::kTaskSwitch:
      return "task_switch";
    case EventKind::kIrqEnter:
      return "irq_enter";
    case EventKind::kIrqExit:
      return "irq_exit";
    case EventKind::kLost:
      return "lost";
    case EventKind::kBufferStarted:
      return "buffer_started";
    case EventKind::kSyscallEnter:
      return "syscall_enter";
    case EventKind::kSyscallExit:
      return "syscall_exit";
    case EventKind::kTracepoint:
      return "tracepoint";
    case EventKind::kMessage:
      return "message";
    case EventKind::kReturnProbe:
      return "return_probe";
    case EventKind::kSummary:
      return "summary";
  }
  return "unknown";
}

const char* RetKindName(RetKind kind) {
  switch (kind) {
    case RetKind::kNone:
      return "none";
    case RetKind::kInteger:
      return "integer";
    case RetKind::kPointer:
      return "pointer";
    case RetKind::kBool:
      return "bool";
    case RetKind::kVoid:
      return "void";
  }
  return "unknown";
}

}  // namespace ftriage
