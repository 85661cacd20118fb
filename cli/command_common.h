#ifndef FTRIAGE_CLI_COMMAND_COMMON_H_
#define FTRIAGE_CLI_COMMAND_COMMON_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/load_trace.h"
#include "cli/options.h"

namespace ftriage::cli {

inline constexpr int kJsonSchemaVersion = 1;

// Inputs smaller than this load without a progress bar.
inline constexpr uint64_t kProgressFromBytes = uint64_t{8} << 20;

// One run to load: its files, where it goes, and how (LoadTraces).
struct RunToLoad {
  std::vector<std::string> files;
  LoadedTrace* out = nullptr;
  parser::EventSink* tap = nullptr;
  const analysis::EarlyFilter* early = nullptr;  // the command's filter
};

// Loads |runs| with the global --format, side by side on as many threads
// as there are CPUs (runs share nothing), with one progress bar for all on
// a terminal's stderr. On failure prints the first failing run's
// diagnostics and "ftriage: MESSAGE" to stderr and returns false.
bool LoadRunsOrReport(const GlobalOptions& g,
                      const std::vector<RunToLoad>& runs, const Io& io);

// LoadRunsOrReport of one run.
bool LoadOrReport(const GlobalOptions& g, const std::vector<std::string>& files,
                  const Io& io, LoadedTrace* out,
                  parser::EventSink* tap = nullptr,
                  const analysis::EarlyFilter* early = nullptr);

// Compiler-style lines on stderr: "ftriage: FILE:LINE: SEVERITY: MSG [code]",
// at most g.max_diagnostics per code, then a count of the rest. Info-level
// diagnostics only with -v.
void PrintDiagnostics(const GlobalOptions& g, const LoadedTrace& t,
                      const Io& io);

// {"ftriage_schema": 1, "command": NAME, "inputs": [...]}: the start of
// every JSON document.
nlohmann::ordered_json JsonEnvelope(const char* command, const LoadedTrace& t);
// The "diagnostics" array: every kept diagnostic with file and line.
nlohmann::ordered_json DiagnosticsToJson(const LoadedTrace& t);

// A JSON document as printed: indented, and with invalid UTF-8 (task names,
// messages of a damaged trace) replaced instead of aborting.
std::string DumpJson(const nlohmann::ordered_json& j);

// The path of input |file| as given by the user.
std::string InputPath(const LoadedTrace& t, FileId file);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_COMMAND_COMMON_H_
