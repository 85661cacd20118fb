#ifndef FTRIAGE_PARSER_FTRACE_CONTEXT_H_
#define FTRIAGE_PARSER_FTRACE_CONTEXT_H_

#include <cstdint>
#include <string_view>

namespace ftriage::parser {

// The context prefix the trace core prints before every non-graph record
// (trace_print_context(), formats.md F2.2), and trace-cmd report's variant
// (F3.1). Shared by every reader of ftrace-family text. Shapes:
//
//            bash-4121  [002] d..1.  8312.407170: vfs_read <-ksys_read
//     <idle>-0     (-------) [007] ....  358.966010: ...              (tgid)
//            ruby-2564  [000] 104284.076140: funcgraph_entry: ...  (no flags)
//       trace.dat:   ping-3071450 [013] 1196830.834258: ...       (-i files)
//     sshd-4371    0.....  1401.282250: funcgraph_entry: ...      (-l form)
//      <idle>-0       0d.s2    0us+: _raw_spin_lock <-...          (latency)
//
// Task names may contain spaces, dashes, dots and slashes; the pid is the
// digits after the last '-' before the CPU field. Pure, no allocation.
struct FtraceContext {
  std::string_view comm;
  int32_t pid = -1;
  int32_t tgid = -1;  // -1 when absent or "-------"
  int32_t cpu = -1;
  std::string_view flags;      // "d..1.", "" if absent
  std::string_view timestamp;  // "8312.407170"; "0us" in latency format
  std::string_view body;       // everything after "TIMESTAMP: "
};

bool ParseFtraceContext(std::string_view line, FtraceContext* out);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FTRACE_CONTEXT_H_
