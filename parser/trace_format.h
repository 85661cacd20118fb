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
};

const char* FormatName(TraceFormat format);
std::optional<TraceFormat> FormatFromName(std::string_view name);
// The names --format accepts, for help texts.
std::vector<std::string> FormatNames();

struct SniffResult {
  TraceFormat format = TraceFormat::kUnknown;
  std::string reason;  // "12 of 14 sampled lines are function_graph records"
};

// Decides the format from the first bytes of an input (up to 64 KiB are
// looked at; a partial last line is ignored).
SniffResult SniffFormat(std::string_view head);

// A reader for |format|, with |Features()| describing what it saw.
class FormatReader {
 public:
  virtual ~FormatReader() = default;
  virtual TraceReader& reader() = 0;
  // Options and columns the input showed, e.g. {"cpu", "abstime", "proc"}.
  virtual std::vector<std::string> Features() const = 0;
  // The tracer named by a "# tracer:" header, "" if none.
  virtual std::string Tracer() const = 0;
};

std::unique_ptr<FormatReader> CreateReader(TraceFormat format,
                                           const ReaderContext& ctx);

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_TRACE_FORMAT_H_
