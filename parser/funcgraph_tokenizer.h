#ifndef FTRIAGE_PARSER_FUNCGRAPH_TOKENIZER_H_
#define FTRIAGE_PARSER_FUNCGRAPH_TOKENIZER_H_

#include <array>
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

// What TokenizeFuncgraphLine() found in the CPU, proc and latency columns
// of recent lines, keyed by their exact bytes. The kernel prints these
// columns the same on every line of a task (only the abstime before them
// and the duration after them change), so a line whose bytes there equal a
// remembered line's takes that line's fields instead of scanning them
// again. Only lines with a CPU column are remembered: then every test the
// scan made there stopped at a byte among those remembered (and the line
// goes on after them), so the fields are what the scan would give. Tests
// compare both ways on every testdata line, and the funcgraph fuzz target
// on arbitrary lines. On generated 8-CPU logs 93% of lines hit, and
// tokenizing takes about 30% less time.
//
// The function column is remembered the same way, apart: a call's text
// after its indentation ("vfs_read() {", "}") recurs line after line, and
// what the scan finds in it depends on those bytes alone. Only calls,
// their exits and leaves of 8 to kMaxBodyBytes bytes are kept, in 1024
// slots (64 KB): on the generated log 68% of lines hit (53% with 256
// slots, 74% with 4096); a tokenizing loop takes 65 instead of 69 ns per
// line (best of three each), and `parse` about 2% less CPU time.
class FuncgraphColumnMemo {
 public:
  // Lines that took remembered fields.
  uint64_t hits() const { return hits_; }
  // Lines that took a remembered function column.
  uint64_t body_hits() const { return body_hits_; }

 private:
  friend class FuncgraphColumnScan;
  friend class FuncgraphBodyScan;
  static constexpr size_t kMaxBytes = 48;
  static constexpr size_t kSlots = 16;
  struct Slot {
    std::array<char, kMaxBytes> bytes{};
    uint8_t size = 0;  // 0: empty
    uint8_t state = 0;
    uint8_t resume = 0;  // the duration column's start, from the first byte
    uint8_t column = 0;  // '|' columns read before it
    bool has_comm = false;
    bool has_lat_flags = false;
    uint8_t comm_at = 0;
    uint8_t comm_size = 0;
    uint8_t lat_flags_at = 0;
    uint8_t lat_flags_size = 0;
    int32_t cpu = -1;  // always read: only lines with a CPU column are kept
    int32_t pid = -1;
  };
  std::array<Slot, kSlots> slots_{};
  uint64_t hits_ = 0;

  static constexpr size_t kMaxBodyBytes = 56;
  static constexpr size_t kBodySlots = 1024;
  // A view into the body: its offset, or kNoView for a default one.
  static constexpr uint8_t kNoView = 0xff;
  struct BodySlot {
    std::array<char, kMaxBodyBytes> bytes{};
    uint8_t size = 0;  // 0: empty
    uint8_t kind = 0;  // a FuncgraphLineKind
    uint8_t func_at = kNoView;
    uint8_t func_size = 0;
    uint8_t args_at = kNoView;
    uint8_t args_size = 0;
    uint8_t tail_at = kNoView;
    uint8_t tail_size = 0;
  };
  std::array<BodySlot, kBodySlots> body_slots_{};
  uint64_t body_hits_ = 0;
};

// Returns false (kind kNotGraph) when |line| is not a function_graph record.
// With |memo|, fields of columns seen on earlier lines are taken from it.
bool TokenizeFuncgraphLine(std::string_view line, FuncgraphLine* out,
                           FuncgraphColumnMemo* memo = nullptr);

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
