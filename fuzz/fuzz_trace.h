// Shared by the trace reader fuzz targets: reads the input as a trace,
// builds the call trees and runs the errors analysis over them, as
// `ftriage errors --json` does.
#ifndef FTRIAGE_FUZZ_FUZZ_TRACE_H_
#define FTRIAGE_FUZZ_FUZZ_TRACE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "analysis/call_tree_builder.h"
#include "analysis/error_json.h"
#include "analysis/error_origin.h"
#include "parser/trace_format.h"

namespace ftriage::fuzz {

// |format| kUnknown: detect it as the CLI does (SniffFormat, then the
// sectioned reader that follows format changes); an input no format
// recognizes is read as function_graph, to get past the sniffer. Otherwise
// |format|'s reader alone. The input is pushed in chunks whose size depends
// on its length, so chunk boundaries fall anywhere.
inline void FuzzTrace(const uint8_t* data, size_t size,
                      parser::TraceFormat format) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  StringPool strings;
  DiagnosticSink diagnostics(4);
  analysis::CallForest forest(&strings);
  analysis::CallTreeBuilder builder(&forest, &diagnostics);
  parser::ReaderContext ctx{&strings, &diagnostics, &builder, FileId{0}};
  std::unique_ptr<parser::FormatReader> reader;
  if (format == parser::TraceFormat::kUnknown) {
    format = parser::SniffFormat(text).format;
    if (format == parser::TraceFormat::kUnknown) {
      format = parser::TraceFormat::kFuncgraph;
    }
    reader = parser::CreateReader(format, ctx);
  } else {
    reader = parser::CreateSingleFormatReader(format, ctx);
  }
  builder.set_syscall_nodes(format == parser::TraceFormat::kFunction);
  const size_t chunk = 1 + size % 4093;
  for (size_t i = 0; i < size; i += chunk) {
    reader->reader().Push(text.substr(i, chunk));
  }
  reader->reader().Finish();
  (void)reader->Features();
  (void)reader->Sections();
  builder.Finish();
  std::vector<analysis::ErrorFinding> findings =
      analysis::FindErrors(forest, {});
  for (const analysis::ErrorFinding& f : findings) {
    (void)analysis::FindingLine(forest, f);
  }
  std::vector<std::vector<size_t>> groups =
      analysis::FoldErrors(forest, findings);
  (void)analysis::ErrorsToJson(forest, findings, groups)
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace ftriage::fuzz

#endif  // FTRIAGE_FUZZ_FUZZ_TRACE_H_
