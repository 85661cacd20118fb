#ifndef FTRIAGE_PARSER_FUNCTION_READER_H_
#define FTRIAGE_PARSER_FUNCTION_READER_H_

#include "parser/ftrace_text_reader.h"

namespace ftriage::parser {

// Reads `function` tracer text and any other ftrace event text (`trace`,
// `trace_pipe`, perf ftrace -t function, trace-cmd report), formats.md F2,
// F3.2. Bodies after the context prefix:
//
//   sys_close <-system_call_fastpath                   kernel function hit
//   ttwu_do_activate.constprop.89 <-try_to_wake_up     suffixes kept raw
//   dummy_xmit(skb = 0x82904800, dev = 0x882d0000) <-dev_hard_start_xmit
//   f <-g (repeats: 3, last_ts: 120.000001)            func-no-repeats
//   function: hrtick_start_fair <-- pick_next_task_fair   trace-cmd
//   function:             up_read                      trace-cmd, indented
//   <stack trace>  + " => frame" lines                 FtraceTextReader
//   sys_dup2(oldfd: a, newfd: 1) / sys_write -> 0x2    FtraceTextReader
//   sched_switch: prev_comm=bash ...                   FtraceTextReader
//
// A function hit becomes kFunctionHit (func, parent, repeats in |value|).
class FunctionReader : public FtraceTextReader {
 public:
  using FtraceTextReader::FtraceTextReader;

  std::vector<std::string> Features() const override;

 protected:
  bool OnBareLine(std::string_view line, LineNo n) override;
  bool OnContextRecord(const FtraceContext& c, LineNo n) override;
  bool IsForeignTracer(std::string_view name) const override {
    return name == "function_graph";
  }
  void Absorb(const TraceReader& block) override;

 private:
  bool saw_parent_ = false;
  bool saw_args_ = false;
  bool saw_trace_cmd_ = false;
};

std::unique_ptr<FormatReader> CreateFunctionReader(const ReaderContext& ctx);
// kSure for "# tracer: function" and trace-cmd "function:" records, kMaybe
// for any context-prefixed record.
SniffScore SniffFunctionLine(std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FUNCTION_READER_H_
