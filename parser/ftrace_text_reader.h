#ifndef FTRIAGE_PARSER_FTRACE_TEXT_READER_H_
#define FTRIAGE_PARSER_FTRACE_TEXT_READER_H_

#include <string>
#include <vector>

#include "core/name_cache.h"
#include "parser/ftrace_context.h"
#include "parser/ftrace_core_lines.h"
#include "parser/trace_reader.h"

namespace ftriage::parser {

// What every reader of ftrace-family text (function_graph, function tracer,
// trace-cmd report, perf ftrace) shares: trace-core lines (headers, LOST,
// buffer started), tool chatter and elisions, context-prefixed records
// ("comm-pid [cpu] flags ts: body"), "<stack trace>" blocks with their
// " => frame" lines, and syscall/tracepoint/printk bodies. A subclass adds
// its own record shapes through the two hooks; whatever nobody claims is
// reported as an unrecognized line, so nothing is dropped silently.
class FtraceTextReader : public TraceReader {
 public:
  using TraceReader::TraceReader;

  std::string Tracer() const override { return tracer_; }
  bool ReadsInBlocks() const override { return true; }
  bool ContinuesRecord(std::string_view line) const override;
  void EndBlock() override {
    if (in_stack_) FlushStack();
  }

 protected:
  // A line without context prefix in the subclass's own format. Called
  // first, so it is the hot path. Returns false if the line is not its.
  virtual bool OnBareLine(std::string_view line, LineNo n) = 0;
  // The body of a context-prefixed record. Returns false to let the base
  // read it as an event body (syscall, tracepoint, message).
  virtual bool OnContextRecord(const FtraceContext& c, LineNo n) = 0;
  // True for a "# tracer: NAME" header that starts another format's
  // capture (a concatenated file), which the router may then take.
  virtual bool IsForeignTracer(std::string_view name) const = 0;

  // Intern() through a cache, for the names that repeat on most lines
  // (task, function, caller and frame names): a hit costs two compares
  // instead of a hash, a probe and a memcmp.
  StringId InternName(std::string_view s) { return names_.Intern(s); }
  // A TraceEvent pre-filled with the task, CPU and time of |c|.
  TraceEvent EventFromContext(const FtraceContext& c, LineNo n);
  // Emits a syscall / tracepoint / message event for |body|.
  void EmitEventBody(std::string_view body, TraceEvent e);

  void OnLine(std::string_view line, LineNo n) override;
  void OnEnd() override;
  bool AtFreshState() const override { return !in_stack_; }
  // A "# tracer:" header in the block wins, as the later one would.
  void Absorb(const TraceReader& block) override;

 private:
  // A " => frame" line of the open "<stack trace>" block is added to it;
  // any other line ends the block and returns false.
  bool ReadStackFrame(std::string_view line);
  // A line that is not a bare record of the subclass.
  void OnOtherLine(std::string_view line, LineNo n);
  void OnCoreLine(const CoreLine& cl, std::string_view line, LineNo n);
  void FlushStack();

  NameCache names_{ctx().strings};
  std::string tracer_;  // from "# tracer: NAME", "" if never seen
  bool in_stack_ = false;
  TraceEvent stack_event_;
  std::vector<StringId> stack_frames_;
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FTRACE_TEXT_READER_H_
