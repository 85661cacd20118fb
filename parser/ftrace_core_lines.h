#ifndef FTRIAGE_PARSER_FTRACE_CORE_LINES_H_
#define FTRIAGE_PARSER_FTRACE_CORE_LINES_H_

#include <cstdint>
#include <string_view>

namespace ftriage::parser {

// Lines that are not records but appear in ftrace-family captures: written
// by the trace core for every tracer (F1.9), by trace-cmd (F3.1), by the
// tools that wrap tracing (F4.1, X.10), or by people publishing logs.
//
//   # tracer: function_graph                 kHeader (|text| = "tracer: ...")
//   CPU:2 [LOST 318 EVENTS]                   kLost (count 318; -1 unknown)
//   CPU:1 [12 EVENTS DROPPED]                 kLost (trace-cmd)
//   ##### CPU 3 buffer started ####           kBufferStarted
//   [LINE TOO BIG]                            kLineTooBig
//   cpus=2 / version = 6 / CPU 0 is empty     kPreamble (trace-cmd report)
//   Dumping ftrace buffer: / ---------------   kPreamble (ftrace_dump frame)
//   Tracing "do_sys_open"... Ctrl-C to end.   kChatter (tool banners, ^C)
//   # ./funcgraph -Dm 3 do_sys_open           kChatter (root shell prompt)
//   [...]   ...   ....                        kElision (cut by an author)
enum class CoreLineKind : uint8_t {
  kNone,
  kBlank,
  kHeader,
  kLost,
  kBufferStarted,
  kLineTooBig,
  kCorrupted,
  kPreamble,
  kChatter,
  kElision,
};

struct CoreLine {
  CoreLineKind kind = CoreLineKind::kNone;
  int32_t cpu = -1;
  int64_t count = -1;     // kLost: events lost, -1 if not printed
  std::string_view text;  // kHeader: text after '#', trimmed
};

CoreLine ClassifyCoreLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FTRACE_CORE_LINES_H_
