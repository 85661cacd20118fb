#ifndef FTRIAGE_PARSER_FUNCGRAPH_TOKENIZER_H_
#define FTRIAGE_PARSER_FUNCGRAPH_TOKENIZER_H_

#include <cstdint>
#include <string_view>

namespace ftriage::parser {

// Splits one line of function_graph text into fields. Pure: no state, no
// allocation; every string_view points into the line. It needs no layout:
// the optional prologue columns (abstime, rel time, CPU, proc, latency
// flags, duration) are recognized by their shape, so trace_pipe output
// without a header, pasted excerpts and every option combination read the
// same way. Shapes (formats.md F1, F3.3):
//
//    2)               |  vfs_read() {                         entry
//    2)   0.211 us    |    rw_verify_area(); /* = 0x0 */      leaf + retval
//    2) + 11.504 us   |  } /* vfs_read = -14 */               exit + tail
//    0)   3.657 us  |  f(); /* <-caller+0x28c/0x390 ret=0x0 */  retaddr
//    6)              | dummy_xmit [dummy](skb=0x8887c100) {  module + args
//    2)  bash-4121    |               |  vfs_read() {         funcgraph-proc
//   8312.407170 |   1)   0.156 us    |  f();                  abstime
//        0 us |   0)   bash-1507    |  d..1 |   0.378 us    |    f();  lat
//    1) do_sys_open() {                                       no duration
//    0)               |  /* sys_bpf -> 0xffffffffffffffea */  comment
//    0)  ==========> |                                        irq enter
//    0)  platfor-3210  =>  vmstat-2854                        task switch
//    ------------------------------------------               separator
//                         |  zfs_read() {                     trace-cmd body
//
// Lines that are none of these (headers, "CPU:2 [LOST 3 EVENTS]", prose)
// give kNotGraph; the reader handles them.
enum class FuncgraphLineKind : uint8_t {
  kNotGraph,
  kEntry,
  kExit,
  kLeaf,
  kComment,
  kIrqEnter,
  kIrqExit,
  kTaskSwitch,
  kSeparator,
  kOverrun,
};

struct FuncgraphLine {
  FuncgraphLineKind kind = FuncgraphLineKind::kNotGraph;
  int32_t cpu = -1;
  std::string_view abstime;  // "8312.407170" (seconds), "" if absent
  int64_t abstime_ns = -1;   // abstime as ParseDecimalNs reads it, -1 if not
  std::string_view comm;     // proc column or task-switch "next"
  int32_t pid = -1;
  std::string_view prev_comm;  // kTaskSwitch
  int32_t prev_pid = -1;       // kTaskSwitch
  std::string_view lat_flags;  // "d..1", "" if absent
  std::string_view duration;   // "11.504" (microseconds), "" if absent
  int64_t duration_ns = -1;    // duration as ParseDecimalNs reads it, or -1
  char mark = ' ';             // overhead mark " +!#*@$"
  int32_t depth = 0;           // call depth from the indentation
  std::string_view func;       // "vfs_read", "dummy_xmit [dummy]"
  std::string_view args;       // inside the call's parentheses
  std::string_view tail;       // inside trailing "/* */", or "(ret=..)" body
  std::string_view comment;    // kComment text without "/* */"
  int64_t overruns = 0;        // kOverrun
};

// Returns false (kind kNotGraph) when |line| is not a function_graph record.
bool TokenizeFuncgraphLine(std::string_view line, FuncgraphLine* out);

// Fields of a tail comment, e.g. "vfs_read = -14", "f ret=0x0",
// "<-caller+0x28c/0x390 ret=0x0", "= 0x0", "ret=true", "0x69380649(trunc)".
struct FuncgraphTail {
  std::string_view name;    // function named in an exit tail, "" if none
  std::string_view retval;  // "-14", "0x0", "true", "" if none
  std::string_view caller;  // "caller+0x28c/0x390" (funcgraph-retaddr)
};
FuncgraphTail ParseFuncgraphTail(std::string_view tail);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FUNCGRAPH_TOKENIZER_H_
