#include "cli/load_trace.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>

#include "analysis/call_tree_builder.h"
#include "analysis/early_filter.h"
#include "cli/file_loader.h"
#include "cli/read_trace_file.h"
#include "core/input_file.h"

namespace ftriage::cli {
namespace {

// Counts events for `parse`, then hands them to the tree builder.
class CountingSink final : public parser::EventSink {
 public:
  CountingSink(InputInfo* info, parser::EventSink* tap, parser::EventSink* next)
      : info_(info), tap_(tap), next_(next) {}
  void OnEvent(const TraceEvent& e) override {
    ++info_->events;
    ++info_->events_by_kind[static_cast<size_t>(e.kind)];
    if (e.kind == EventKind::kLost) {
      if (e.value < 0) {
        info_->lost_unknown = true;
      } else {
        info_->lost_events += static_cast<uint64_t>(e.value);
      }
    }
    if (tap_ != nullptr) tap_->OnEvent(e);
    next_->OnEvent(e);
  }

 private:
  InputInfo* info_;
  parser::EventSink* tap_;
  parser::EventSink* next_;
};

}  // namespace

InputsSize SizeOfInputs(const std::vector<std::string>& paths) {
  InputsSize size;
  for (const std::string& path : paths) {
    std::error_code ec;
    uintmax_t bytes = path == "-" ? 0 : std::filesystem::file_size(path, ec);
    if (!ec) size.bytes += bytes;
    size.all_known = size.all_known && path != "-" && !ec;
  }
  return size;
}

Status LoadTraces(const std::vector<std::string>& paths,
                  std::optional<parser::TraceFormat> format, LoadedTrace* out,
                  parser::EventSink* tap,
                  const std::function<void(size_t)>& on_read,
                  const analysis::EarlyFilter* early, bool read_ahead) {
  analysis::CallTreeBuilder builder(&out->forest, &out->diagnostics);
  std::optional<analysis::EarlyFilterSink> filtering;
  if (early != nullptr && early->active()) {
    filtering.emplace(*early, &out->forest, &builder);
  }
  parser::EventSink* sink = &builder;
  if (filtering) sink = &*filtering;
  // About one call per 80 bytes of function_graph text: reserving avoids
  // copying the node arena as it doubles (a third of tree time on 1 GB).
  // Capped: a filtered read of a huge file keeps few of its calls.
  constexpr uint64_t kMaxReservedNodes = uint64_t{16} << 20;
  uint64_t total = SizeOfInputs(paths).bytes;
  out->forest.Reserve(
      static_cast<size_t>(std::min(total / 80, kMaxReservedNodes)));
  for (const std::string& path : paths) {
    out->inputs.push_back({});
    InputInfo* info = &out->inputs.back();
    info->path = path;
    CountingSink counter(info, tap, sink);
    parser::ReaderContext ctx;
    ctx.strings = &out->strings;
    ctx.diagnostics = &out->diagnostics;
    ctx.sink = &counter;
    ctx.file = FileId{static_cast<uint32_t>(out->inputs.size() - 1)};
    FileLoader loader(info, format, ctx, &builder);
    Status s = ReadTraceFile(path, read_ahead, ctx.file, &loader, on_read);
    bool recognized = loader.Finish();
    if (!s.ok()) return s;
    if (!recognized) {
      return Status::Error((path == "-" ? std::string("<stdin>") : path) +
                           ": no known trace format (" + info->format_reason +
                           ")");
    }
    if (info->events == 0) {
      return Status::Error((path == "-" ? std::string("<stdin>") : path) +
                           ": nothing in it was recognized as a " +
                           parser::FormatName(info->format) + " record (" +
                           std::to_string(info->lines) + " lines)");
    }
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace ftriage::cli
