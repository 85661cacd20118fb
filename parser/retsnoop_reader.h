#ifndef FTRIAGE_PARSER_RETSNOOP_READER_H_
#define FTRIAGE_PARSER_RETSNOOP_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "parser/retsnoop_tokenizer.h"
#include "parser/trace_reader.h"

namespace ftriage::parser {

// Which parts of retsnoop's output the input showed; reported by `parse`.
struct RetsnoopModes {
  bool session_header = false;  // "HH:MM:SS.us -> ... TID/PID ..." lines
  bool call_trace = false;      // -T "FUNCTION CALLS" table
  bool stack = false;           // default call-stack block
  bool lbr = false;             // --lbr "[#nn]" rows
  bool args = false;            // -A captured arguments
  bool probes = false;          // -J injected probes ("◎" rows)
  bool addresses = false;       // -v / stacks.emit-addrs raw addresses
};

// Reads retsnoop output (formats.md F4, shapes in retsnoop_tokenizer.h).
// Each session (a header line and the blocks after it) is one call tree of
// the thread it names: comm = task comm, pid = TID, tgid = PID, and the
// session's first event carries the start time (ns since local midnight).
// Output of versions before the header existed (~2021) is a sequence of
// stack blocks separated by blank lines; each is a session of an unknown
// task (pid -1), and so is a call-trace table pasted without its header.
//
//   -T table      "→ f" kEntry, "← f [res] dur" kExit, "↔ f [res] dur"
//                 kLeaf, "◎ probe" kTracepoint (func = the probe), "‼ ...
//                 missing N records ..." kLost. Depth is this reader's own
//                 nesting count; the printed indentation (4 spaces a level)
//                 is the depth retsnoop recorded, so below its cap (20
//                 levels, 30 before v0.10) it wins when the two disagree
//                 (records cut by the author or lost).
//   stack block   outermost frame first. Without a -T table in the session
//                 the frames become nested calls: kEntry for each in order
//                 (depth 0, 1, ...), then kExit for each in reverse with its
//                 result and duration, stopping at the first one that had
//                 not returned ("..."): it and its callers get no exit.
//                 "!" sets kEventNoStackFrame, "*"/"⌇" kEventStitched,
//                 ". f" inline rows are frames with kEventInlined. "~"
//                 frames (-v) are retsnoop's own BPF trampolines and
//                 programs, which it drops itself without -v: read, no
//                 event. With a -T table the block repeats calls the table
//                 already gave: its rows are read and emit nothing.
//   results       "[-ENOSPC]" / "[-600]" / "[5]" / "[0x..]" kInteger,
//                 "[NULL]" kPointer 0, "[void]" kVoid, "[true]"/"[false]"
//                 kBool; "[...]" none.
//   text          captured args (compact on the row, "› a=b" lines after
//                 it, verbose "{ ... }" dumps joined with single spaces).
//                 The frame's source "(file.c:123)" is not kept (yet).
//                 A row's event is held until its argument lines end.
//   LBR rows      "[#22] from -> to" and their continuation rows: kMessage
//                 with the row text; LBR notes likewise.
//   WARNING!      "... N record(s) dropped", "N samples were dropped":
//                 kLost with N and a lost_events diagnostic.
//   chatter       "Receiving data...", "Detaching...", "^C", -v preamble,
//                 shell prompts: tool_chatter; "..." cuts: elision_line.
class RetsnoopReader : public TraceReader {
 public:
  using TraceReader::TraceReader;

  std::vector<std::string> Features() const override {
    const RetsnoopModes& m = modes_;
    return FeatureNames({{m.session_header, "session-header"},
                         {m.call_trace, "call-trace"},
                         {m.stack, "stack"},
                         {m.lbr, "lbr"},
                         {m.args, "args"},
                         {m.probes, "probes"},
                         {m.addresses, "addresses"}});
  }

 protected:
  void OnLine(std::string_view line, LineNo n) override;
  void OnEnd() override;

 private:
  enum class Block : uint8_t { kNone, kTable, kStack, kLbr };

  // One stack-block row kept until the block ends.
  struct Frame {
    LineNo line = 0;
    StringId func;
    uint8_t flags = 0;
    bool unfinished = false;
    RetKind ret_kind = RetKind::kNone;
    int64_t value = 0;
    int64_t duration_ns = -1;
    std::string text;  // captured arguments, "" if none
    bool has_args = false;
  };

  void OnRow(const RetsnoopLine& rl, std::string_view line, LineNo n);
  void StartSession(const RetsnoopLine* header);
  // A session for rows that appear with no header before them.
  void EnsureSession(Block starting);
  TraceEvent NewEvent(LineNo n);
  void EmitNow(TraceEvent e);
  void OnCall(const RetsnoopLine& rl, LineNo n);
  void OnFrame(const RetsnoopLine& rl, LineNo n);
  void AddArgs(const RetsnoopLine& rl);
  void EmitLost(int64_t count, LineNo n, std::string message);
  void FlushPending();
  void EndStack();
  bool ContinuesVerboseArgs(std::string_view line);

  RetsnoopModes modes_;

  // The current session.
  bool session_open_ = false;
  TraceEvent session_;  // task fields and, until used, the start time
  bool session_has_table_ = false;
  bool session_has_stack_ = false;

  Block block_ = Block::kNone;
  int32_t depth_ = 0;       // -T: open calls
  int32_t depth_cap_ = 20;  // -T: indentation levels printed at most

  // The last -T row's event, held for its argument lines.
  bool has_pending_ = false;
  TraceEvent pending_;
  std::string pending_text_;
  bool pending_has_args_ = false;

  std::vector<Frame> frames_;  // stack block of a session without -T

  // Verbose "› name = &{" dumps: open braces and the "›" column.
  int32_t brace_depth_ = 0;
  size_t arg_indent_ = 0;
};

std::unique_ptr<FormatReader> CreateRetsnoopReader(const ReaderContext& ctx);
// kSure for lines only retsnoop writes (session header, call-trace table
// header, "→ ← ↔ ◎ ‼" rows), kMaybe for stack-block rows.
SniffScore SniffRetsnoopLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_RETSNOOP_READER_H_
