#include "cli/command_common.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <functional>
#include <mutex>
#include <ostream>
#include <string_view>
#include <thread>

#include "analysis/early_filter.h"
#include "cli/progress.h"
#include "core/cpu_count.h"

namespace ftriage::cli {

namespace {

// FTRIAGE_EARLY_FILTER (internal, for tests and measurements): "off" reads
// every call and filters afterwards, "eager" removes calls at every
// chance. The output must be the same either way.
std::optional<analysis::EarlyFilter> EarlyFilterFromEnv(
    const analysis::EarlyFilter* early) {
  if (early == nullptr) return std::nullopt;
  const char* env = std::getenv("FTRIAGE_EARLY_FILTER");
  std::string_view mode = env == nullptr ? "" : env;
  if (mode == "off") return std::nullopt;
  analysis::EarlyFilter e = *early;
  e.eager = mode == "eager";
  return e;
}

}  // namespace

bool LoadRunsOrReport(const GlobalOptions& g,
                      const std::vector<RunToLoad>& runs, const Io& io) {
  std::optional<parser::TraceFormat> format;
  if (!g.input_format.empty()) format = parser::FormatFromName(g.input_format);
  std::vector<std::optional<analysis::EarlyFilter>> streaming;
  std::vector<std::string> all_files;
  for (const RunToLoad& run : runs) {
    streaming.push_back(EarlyFilterFromEnv(run.early));
    all_files.insert(all_files.end(), run.files.begin(), run.files.end());
  }
  InputsSize size = SizeOfInputs(all_files);
  std::optional<ProgressBar> bar;
  if (io.err_is_tty) {
    bar.emplace(*io.err, ProgressBar::Unit::kBytes, kProgressFromBytes);
  }
  std::mutex bar_mutex;
  uint64_t read = 0;
  std::function<void(size_t)> on_read;
  if (bar) {
    on_read = [&](size_t n) {
      std::lock_guard<std::mutex> lock(bar_mutex);
      read += n;
      bar->Update(read, size.all_known ? size.bytes : 0);
    };
  }
  std::vector<Status> results(runs.size());
  std::vector<std::exception_ptr> failures(runs.size());
  std::atomic<size_t> next{0};
  // Runs loaded side by side keep the cores busy without reading ahead.
  const unsigned cpus = UsableCpus();
  const bool read_ahead = runs.size() * 2 <= cpus;
  auto work = [&] {
    for (size_t i; (i = next++) < runs.size();) {
      try {
        const RunToLoad& r = runs[i];
        results[i] =
            LoadTraces(r.files, format, r.out, r.tap, on_read,
                       streaming[i] ? &*streaming[i] : nullptr, read_ahead);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  size_t threads = std::min<size_t>(runs.size(), cpus);
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  if (bar) bar->Clear();
  for (size_t i = 0; i < runs.size(); ++i) {
    if (failures[i]) std::rethrow_exception(failures[i]);
    if (!results[i].ok()) {
      PrintDiagnostics(g, *runs[i].out, io);
      *io.err << "ftriage: " << results[i].message() << "\n";
      return false;
    }
  }
  return true;
}

bool LoadOrReport(const GlobalOptions& g, const std::vector<std::string>& files,
                  const Io& io, LoadedTrace* out, parser::EventSink* tap,
                  const analysis::EarlyFilter* early) {
  return LoadRunsOrReport(g, {{files, out, tap, early}}, io);
}

std::string DumpJson(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

std::string InputPath(const LoadedTrace& t, FileId file) {
  if (file.is_none() || file.value >= t.inputs.size()) return "?";
  const std::string& p = t.inputs[file.value].path;
  return p == "-" ? "<stdin>" : p;
}

void PrintDiagnostics(const GlobalOptions& g, const LoadedTrace& t,
                      const Io& io) {
  std::array<uint64_t, kDiagCodeCount> shown{};
  for (const Diagnostic& d : t.diagnostics.kept()) {
    Severity sev = DiagSeverity(d.code);
    if (sev == Severity::kInfo && g.verbose == 0) continue;
    if (++shown[static_cast<size_t>(d.code)] > g.max_diagnostics) continue;
    *io.err << "ftriage: " << InputPath(t, d.file);
    if (d.line != 0) *io.err << ":" << d.line;
    *io.err << ": " << SeverityName(sev) << ": " << d.message << " ["
            << DiagCodeName(d.code) << "]\n";
  }
  for (size_t c = 0; c < kDiagCodeCount; ++c) {
    DiagCode code = static_cast<DiagCode>(c);
    uint64_t total = t.diagnostics.count(code);
    if (DiagSeverity(code) == Severity::kInfo && g.verbose == 0) continue;
    uint64_t printed = std::min<uint64_t>(shown[c], g.max_diagnostics);
    if (total > printed) {
      *io.err << "ftriage: " << total - printed << " more ["
              << DiagCodeName(code)
              << "] not shown (use --max-diagnostics or --json)\n";
    }
  }
}

nlohmann::ordered_json JsonEnvelope(const char* command, const LoadedTrace& t) {
  nlohmann::ordered_json j;
  j["ftriage_schema"] = kJsonSchemaVersion;
  j["command"] = command;
  j["inputs"] = nlohmann::ordered_json::array();
  for (const InputInfo& in : t.inputs) {
    nlohmann::ordered_json i;
    i["path"] = in.path;
    i["format"] = parser::FormatName(in.format);
    j["inputs"].push_back(i);
  }
  return j;
}

nlohmann::ordered_json DiagnosticsToJson(const LoadedTrace& t) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : t.diagnostics.kept()) {
    nlohmann::ordered_json j;
    j["code"] = DiagCodeName(d.code);
    j["severity"] = SeverityName(DiagSeverity(d.code));
    j["file"] = InputPath(t, d.file);
    if (d.line != 0) j["line"] = d.line;
    j["message"] = d.message;
    out.push_back(j);
  }
  return out;
}

}  // namespace ftriage::cli
