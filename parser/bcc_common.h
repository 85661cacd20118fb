#ifndef FTRIAGE_PARSER_BCC_COMMON_H_
#define FTRIAGE_PARSER_BCC_COMMON_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "parser/trace_reader.h"

namespace ftriage::parser {

// What the readers of bcc tool output (trace, syscount; formats.md F5)
// share. bcc tools print fixed-width columns that overflow, so both readers
// split lines into space-separated fields, not at column positions.

// "05:31:57" (strftime "%H:%M:%S": trace -T rows, syscount "[08:34:38]")
// -> nanoseconds since midnight; nullopt for anything else.
std::optional<int64_t> ParseClockTimeNs(std::string_view text);

// The field of |s| that starts at or after |*pos| (spaces and tabs
// separate fields); advances |*pos| to just after it. Empty at the end.
std::string_view NextField(std::string_view s, size_t* pos);

// Base of both readers: it reads what a captured bcc session holds besides
// the tool's records, and hands every other line to the subclass.
//
//   # trace 'r:c:read ...' \          shell prompt or comment: tool_chatter,
//           'r:c:write ...' -T        and the lines it continues ('\')
//   Tracing syscalls, printing ...    banners, "Detaching...", "^C": chatter
//   ^C[08:34:38]                      the terminal's echo of Ctrl+C glued to
//                                     the next output: "^C" dropped, the
//                                     rest read as a line of its own
//   [...]   ...                       cut by the log's author: elision_line
//   (empty)                           OnBlankLine: it ends blocks
//   NUL / control bytes               binary_data
//
// A line the subclass does not claim is reported as unrecognized_line.
class BccTextReader : public TraceReader {
 public:
  using TraceReader::TraceReader;

 protected:
  // A line that is none of the above. Returns false if it is not the
  // subclass's.
  virtual bool OnRecordLine(std::string_view line, LineNo n) = 0;
  virtual void OnBlankLine() {}

  void OnLine(std::string_view line, LineNo n) final;

 private:
  bool prompt_continues_ = false;  // the last prompt line ended in '\'
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_BCC_COMMON_H_
