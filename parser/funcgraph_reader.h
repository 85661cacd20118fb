#ifndef FTRIAGE_PARSER_FUNCGRAPH_READER_H_
#define FTRIAGE_PARSER_FUNCGRAPH_READER_H_

#include <array>
#include <memory>

#include "parser/ftrace_text_reader.h"
#include "parser/funcgraph_tokenizer.h"

namespace ftriage::parser {

// Which optional parts the function_graph text showed; reported by `parse`.
struct FuncgraphColumns {
  bool cpu = false;
  bool abstime = false;
  bool proc = false;
  bool lat_flags = false;
  bool duration = false;
  bool retval = false;
  bool retaddr = false;
  bool args = false;
  bool tail = false;
  bool context_prefix = false;  // "comm-pid [cpu] ts:" before graph lines
  bool trace_cmd = false;       // trace-cmd "funcgraph_entry:" records

  FuncgraphColumns& operator|=(const FuncgraphColumns& o);
};

// Reads function_graph text: the kernel's `trace` / `trace_pipe` output
// (any option combination, F1), `perf ftrace` output (the same text, F3.5),
// `trace-cmd report` funcgraph_entry/funcgraph_exit records (F3.3) and graph
// lines behind a generic context prefix (F1.10). Emits one event per record
// with what the line prints; it does not match entries with exits (that is
// the call-tree builder's job, which needs all CPUs and tasks at once).
//
//   "f() {"  -> kEntry     "f();" -> kLeaf    "}" / "} /* f */" -> kExit
//   "/* sys_bpf -> 0x.. */" -> kSyscallExit    " 0) a-1 => b-2" -> kTaskSwitch
class FuncgraphReader : public FtraceTextReader {
 public:
  using FtraceTextReader::FtraceTextReader;

  std::vector<std::string> Features() const override;

 protected:
  bool OnBareLine(std::string_view line, LineNo n) override;
  bool OnContextRecord(const FtraceContext& c, LineNo n) override;
  bool IsForeignTracer(std::string_view name) const override {
    return name == "function";
  }
  void Absorb(const TraceReader& block) override;

 private:
  // Emits the event for a tokenized graph line, filled into |event|, which
  // carries what a context prefix already said (task, CPU, time). A pointer,
  // not a copy: this runs on every line.
  void EmitGraphLine(const FuncgraphLine& fl, TraceEvent* event);
  // The event of a line without context prefix, before its tokens.
  TraceEvent BareEvent(LineNo n) const;
  void NoteColumns(const FuncgraphLine& fl);
  // Intern() for the proc column, which repeats on every line of a task:
  // the last name seen on each CPU is compared before hashing.
  StringId InternComm(std::string_view comm, int32_t cpu);

  struct CachedComm {
    std::string_view text;  // the pool's copy
    StringId id = StringId::None();
  };
  // InternComm() when |c| holds another name.
  StringId CacheComm(std::string_view comm, CachedComm* c);
  FuncgraphColumns columns_;
  // The tokens of the current bare line: a member, as the tokenizer resets
  // it anyway and a local would be initialized twice per line.
  FuncgraphLine line_;
  // The CPU and proc columns of recent bare lines: most lines repeat them.
  FuncgraphColumnMemo memo_;
  std::array<CachedComm, 64> comm_cache_;  // indexed by cpu % 64
};

std::unique_ptr<FormatReader> CreateFuncgraphReader(const ReaderContext& ctx);
// kSure for "# tracer: function_graph" and graph records behind a context
// prefix (trace-cmd, nop tracer), kMaybe for any function_graph record.
SniffScore SniffFuncgraphLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FUNCGRAPH_READER_H_
