#include "parser/trace_format.h"

#include "parser/ftrace_context.h"
#include "parser/funcgraph_reader.h"
#include "parser/funcgraph_tokenizer.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr size_t kSniffBytes = 64 * 1024;

class FuncgraphFormatReader : public FormatReader {
 public:
  explicit FuncgraphFormatReader(const ReaderContext& ctx) : reader_(ctx) {}
  TraceReader& reader() override { return reader_; }
  std::string Tracer() const override { return reader_.tracer(); }
  std::vector<std::string> Features() const override {
    const FuncgraphColumns& c = reader_.columns();
    std::vector<std::string> out;
    auto add = [&](bool on, const char* name) {
      if (on) out.push_back(name);
    };
    add(c.abstime, "abstime");
    add(c.cpu, "cpu");
    add(c.proc, "proc");
    add(c.lat_flags, "latency-flags");
    add(c.duration, "duration");
    add(c.tail, "tail");
    add(c.retval, "retval");
    add(c.retaddr, "retaddr");
    add(c.args, "args");
    add(c.context_prefix, "context-prefix");
    add(c.trace_cmd, "trace-cmd");
    return out;
  }

 private:
  FuncgraphReader reader_;
};

bool IsFuncgraphRecord(std::string_view line) {
  FuncgraphLine fl;
  if (TokenizeFuncgraphLine(line, &fl)) {
    return fl.kind != FuncgraphLineKind::kSeparator;
  }
  FtraceContext c;
  if (!ParseFtraceContext(line, &c)) return false;
  std::string_view body = TrimLeft(c.body);
  if (body.substr(0, 16) == "funcgraph_entry:" ||
      body.substr(0, 15) == "funcgraph_exit:") {
    return true;
  }
  return TokenizeFuncgraphLine(body, &fl) &&
         fl.kind != FuncgraphLineKind::kComment;
}

}  // namespace

const char* FormatName(TraceFormat format) {
  switch (format) {
    case TraceFormat::kUnknown:
      return "unknown";
    case TraceFormat::kFuncgraph:
      return "funcgraph";
  }
  return "unknown";
}

std::optional<TraceFormat> FormatFromName(std::string_view name) {
  if (name == "funcgraph" || name == "function_graph") {
    return TraceFormat::kFuncgraph;
  }
  return std::nullopt;
}

std::vector<std::string> FormatNames() { return {"funcgraph"}; }

SniffResult SniffFormat(std::string_view head) {
  head = head.substr(0, kSniffBytes);
  size_t last_nl = head.rfind('\n');
  if (last_nl != std::string_view::npos && head.size() == kSniffBytes) {
    head = head.substr(0, last_nl);
  }
  size_t lines = 0;
  size_t graph = 0;
  bool graph_header = false;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head =
        nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    ++lines;
    if (Trim(line) == "# tracer: function_graph") graph_header = true;
    if (IsFuncgraphRecord(line)) ++graph;
  }
  SniffResult r;
  if (graph_header) {
    r.format = TraceFormat::kFuncgraph;
    r.reason = "header '# tracer: function_graph'";
  } else if (graph > 0) {
    r.format = TraceFormat::kFuncgraph;
    r.reason = std::to_string(graph) + " of " + std::to_string(lines) +
               " sampled lines are function_graph records";
  } else {
    r.reason = "none of " + std::to_string(lines) +
               " sampled lines is a record of a known format";
  }
  return r;
}

std::unique_ptr<FormatReader> CreateReader(TraceFormat format,
                                           const ReaderContext& ctx) {
  switch (format) {
    case TraceFormat::kFuncgraph:
      return std::make_unique<FuncgraphFormatReader>(ctx);
    case TraceFormat::kUnknown:
      break;
  }
  return nullptr;
}

}  // namespace ftriage::parser
