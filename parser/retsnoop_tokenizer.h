#ifndef FTRIAGE_PARSER_RETSNOOP_TOKENIZER_H_
#define FTRIAGE_PARSER_RETSNOOP_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ftriage::parser {

// Splits one line of retsnoop output (formats.md F4) into fields. Pure: no
// state, no allocation; every string_view points into the line. retsnoop
// pads its columns in bytes while its marks are multi-byte UTF-8, so rows
// are read by whitespace-separated fields, never by byte columns. Shapes:
//
//   20:19:36.372607 -> 20:19:36.372682 TID/PID 8346/8346 (simfail/simfail):
//                                                           kSessionHeader
//   FUNCTION CALLS    RESULT   DURATION                     kTableHeader
//   FUNCTION CALL TRACE          RESULT      DURATION       (<= v0.9.8)
//   ---------------   ------  ---------                     kTableRule
//   → bpf_prog_load                                         kCall kEntry
//       ↔ bpf_ksym_add        [void]       2.046us          kCall kLeaf
//   ← bpf_prog_load           [5]        374.697us          kCall kExit
//       ◎ kprobe:bprm_execve+0x5                            kCall kProbe
//   → __x64_sys_bpf          regs=&{.r15=0x959998935,…      compact args
//   ‼ ... missing 3 records ...   ...  ...                  kGap (count 3)
//                       ...   ...                           kGap (count -1:
//                                 v0.10+ prints the gap text in no column)
//                     › cmd=1        › regs = &{            kArg
//                     ... data missing ...                  kArg (-A lost
//                                 the record; multiline and verbose modes)
//   !*   2us [NULL]     bpf_map_alloc_percpu                kFrame
//       73us [-ENOMEM]  __x64_sys_bpf+0x1a   (kernel/bpf/syscall.c:5067:1)
//                       entry_SYSCALL_64_after_hwframe+0x44
//    ...  [...]         do_sys_poll+0x5                     unfinished
//        ~ffffffffa1ac4057 bpf_trampoline_6442464085_1+0x57  (-v: address,
//                                                   '~' = retsnoop filtered)
//   !    3us [0]  __sys_bpf       cmd=1 uattr={{.kernel=…   compact args
//      entry_SYSCALL_64_after_hwframe+0x46  (entry_SYSCALL_64 @ arch/x86/
//      entry/entry_64.S:120)     source of another DWARF function; offsets
//      may be decimal ("do_syscall_64+53", stacks.dec-offs)
//                   . do_syscall_x64  (arch/x86/entry/common.c:50)
//                                                           kInlineFrame
//   [#21] array_map_alloc_check+0x13  (kernel/...)  ->  ... kLbr
//   WARNING! Sample data incomplete! 3 record(s) dropped. ...   kLost (3)
//   WARNING! 12 samples were dropped, you are missing data! ... kLost (12)
//   LBR data was dropped and is missing in this sample!      kNote
//   Failed to capture LBR entries: -2                        kNote
//   [LBR] No relevant LBR data were captured, showing ...    kNote
//   Receiving data...   Detaching... DONE in 251 ms.   ^C   kChatter
//   Using vmlinux image at ...  Found 1016 attachable ...    kChatter (-v)
//   $ sudo ./retsnoop -e '*sys_bpf'                          kChatter
//   ...   [...]   …                                          kElision
//
// Anything else (blank lines aside) is kOther; the reader decides what it
// means in context (verbose "{ ... }" argument dumps, LBR continuation rows
// that look like inline frames).
enum class RetsnoopLineKind : uint8_t {
  kOther,
  kBlank,
  kSessionHeader,
  kTableHeader,
  kTableRule,
  kCall,
  kGap,
  kArg,
  kFrame,
  kInlineFrame,
  kLbr,
  kLost,
  kNote,
  kChatter,
  kElision,
};

enum class RetsnoopMark : uint8_t {
  kEntry,  // →
  kExit,   // ←
  kLeaf,   // ↔
  kProbe,  // ◎
};

struct RetsnoopLine {
  RetsnoopLineKind kind = RetsnoopLineKind::kOther;
  size_t indent = 0;  // leading spaces, in bytes
  // kSessionHeader
  std::string_view start_time;  // "20:19:36.372607" (local wall clock)
  std::string_view end_time;
  int32_t tid = -1;
  int32_t pid = -1;
  std::string_view task_comm;  // first of "(a/b)"
  std::string_view proc_comm;
  // kTableHeader
  bool old_table_header = false;  // "FUNCTION CALL TRACE" (<= v0.9.8)
  // kCall
  RetsnoopMark mark = RetsnoopMark::kEntry;
  // kCall, kFrame, kInlineFrame: "bpf_prog_load", "__x64_sys_bpf+0x1a",
  // "kprobe:bprm_execve+0x5"
  std::string_view name;
  std::string_view result;    // inside "[...]": "-ENOMEM", "NULL", "..."
  std::string_view duration;  // microseconds without "us": "5.539", "73"
  bool unfinished = false;    // kFrame: "..." duration, no return yet
  std::string_view source;    // inside "(...)": "kernel/bpf/btf.c:3856:1"
  // kCall, kFrame: compact args; kArg: the text after "› "; kInlineFrame:
  // whatever follows the source (a second inline frame on LBR rows)
  std::string_view args;
  // kFrame marks
  bool no_stack_frame = false;  // '!'
  bool stitched = false;        // '*' or '⌇'
  bool filtered = false;        // '~' before the address
  bool has_address = false;     // -v: "ffffffff8116de95 " before the symbol
  int64_t count = -1;           // kGap, kLost: records lost, -1 unknown
  std::string_view text;        // trimmed line (kLbr, kNote, kChatter)
};

// Always fills |out|; kind kOther when the line is none of the shapes above.
void TokenizeRetsnoopLine(std::string_view line, RetsnoopLine* out);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_RETSNOOP_TOKENIZER_H_
