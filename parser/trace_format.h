#ifndef FTRIAGE_PARSER_TRACE_FORMAT_H_
#define FTRIAGE_PARSER_TRACE_FORMAT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/trace_reader.h"

namespace ftriage::parser {

// The input formats ftriage reads. User-facing names: FormatName().
enum class TraceFormat : uint8_t {
  kUnknown,
  kFuncgraph,  // function_graph text, trace-cmd/perf ftrace graph output
  kFunction,   // function tracer and event text, trace-cmd report events
  kRetsnoop,   // retsnoop output, all modes
  kBccTrace,   // bcc trace / trace-bpfcc output
  kSyscount,   // bcc syscount output
};

const char* FormatName(TraceFormat format);
std::optional<TraceFormat> FormatFromName(std::string_view name);
// The names --format accepts, for help texts.
std::vector<std::string> FormatNames();

struct SniffResult {
  TraceFormat format = TraceFormat::kUnknown;
  std::string reason;  // "12 of 14 sampled lines are funcgraph records"
};

// Decides the format from the first bytes of an input (up to 64 KiB are
// looked at; a partial last line is ignored): the format with a line only it
// writes wins, else the one that reads most lines, if it reads a fifth of
// them or a block of consecutive records (a trace dumped in a console log).
SniffResult SniffFormat(std::string_view head);
// The bytes SniffFormat() looks at.
inline constexpr size_t kSniffBytes = 64 * 1024;

// A reader that starts in |format| and follows the input into other
// formats where it changes (SectionedReader); nullptr for kUnknown.
std::unique_ptr<FormatReader> CreateReader(TraceFormat format,
                                           const ReaderContext& ctx);
// A reader of |format| alone; nullptr for kUnknown.
std::unique_ptr<FormatReader> CreateSingleFormatReader(
    TraceFormat format, const ReaderContext& ctx);
// Every known format, in detection priority order.
std::vector<TraceFormat> KnownFormats();
// What |format|'s sniffer thinks of |line|.
SniffScore SniffLine(TraceFormat format, std::string_view line);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_TRACE_FORMAT_H_
