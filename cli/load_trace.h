#ifndef FTRIAGE_CLI_LOAD_TRACE_H_
#define FTRIAGE_CLI_LOAD_TRACE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "core/diagnostics.h"
#include "core/status.h"
#include "core/string_pool.h"
#include "parser/trace_format.h"

namespace ftriage::analysis {
struct EarlyFilter;
}  // namespace ftriage::analysis

namespace ftriage::cli {

// What was read from one input file.
struct InputInfo {
  std::string path;  // as given on the command line
  parser::TraceFormat format = parser::TraceFormat::kUnknown;
  std::string format_reason;
  std::string tracer;
  std::vector<std::string> features;
  std::vector<parser::Section> sections;  // more than one: a mixed file
  uint64_t lines = 0;
  uint64_t bytes = 0;
  std::array<uint64_t, 16> events_by_kind{};  // indexed by EventKind
  uint64_t events = 0;
  uint64_t lost_events = 0;   // sum of printed counts
  bool lost_unknown = false;  // a loss of unknown size was reported
  // Blocks read ahead on a second thread and replayed; not printed, as the
  // output is the same either way.
  uint64_t blocks_read_ahead = 0;
};

// One run: the inputs, the model built from them, and what went wrong.
struct LoadedTrace {
  StringPool strings;
  DiagnosticSink diagnostics;
  analysis::CallForest forest{&strings};
  std::vector<InputInfo> inputs;
};

// Reads |paths| ("-" is stdin; .gz/.zst decompressed) into |out|: detects
// each file's format (or uses |format|), parses it and builds the call
// trees. Fails only for operational errors and for a file in which nothing
// was recognized; bad lines become diagnostics.
// |tap|, if given, sees every event before the tree builder does;
// |on_read|, if given, is told the bytes of each read (ReadInput);
// |early|, if given, removes while reading the calls it rules out, so a
// filtered read of a huge file stays small (analysis/early_filter.h).
// |read_ahead|: a large plain file may be read on two threads, the events
// still reaching the builder in file order (parser::ReadAhead); off when
// the caller keeps the other core busy.
// Independent calls may run on separate threads.
Status LoadTraces(const std::vector<std::string>& paths,
                  std::optional<parser::TraceFormat> format, LoadedTrace* out,
                  parser::EventSink* tap = nullptr,
                  const std::function<void(size_t)>& on_read = nullptr,
                  const analysis::EarlyFilter* early = nullptr,
                  bool read_ahead = true);

// The summed size of |paths| as stored; |all_known| is false when one is
// stdin or its size cannot be read.
struct InputsSize {
  uint64_t bytes = 0;
  bool all_known = true;
};
InputsSize SizeOfInputs(const std::vector<std::string>& paths);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_LOAD_TRACE_H_
