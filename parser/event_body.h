#ifndef FTRIAGE_PARSER_EVENT_BODY_H_
#define FTRIAGE_PARSER_EVENT_BODY_H_

#include <string_view>

namespace ftriage::parser {

// Classifies the text of a non-function record: a function_graph comment
// body, or the body after an ftrace context prefix. Shapes (F1.8, F2.5, F3.4):
//
//   sys_bpf(cmd: 0, uattr: c000097058, size: 40)      syscall enter (kernel)
//   sys_bpf -> 0xffffffffffffffea                       syscall exit (kernel)
//   sys_enter_openat: dfd: 0xffffff9c, flags: 0x0       syscall enter
//   (trace-cmd) sys_exit_openat:      0x3                           syscall
//   exit (trace-cmd) sched_switch: prev_comm=a prev_pid=1 ==> ... tracepoint
//   tracing_mark_write: hello                           trace_marker message
//   I'm a comment!                                      trace_printk message
enum class EventBodyKind { kSyscallEnter, kSyscallExit, kTracepoint, kMessage };

struct EventBody {
  EventBodyKind kind = EventBodyKind::kMessage;
  std::string_view name;    // syscall name "bpf", or tracepoint name
  std::string_view text;    // args / fields / message
  std::string_view retval;  // kSyscallExit: "0xffffffffffffffea"
};

EventBody ClassifyEventBody(std::string_view body);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_EVENT_BODY_H_
