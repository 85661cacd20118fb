// The function_graph reader alone, then the call trees and errors analysis;
// first each line tokenized with and without a column memo, which must
// agree field for field (parser/funcgraph_tokenizer.h).
#include <cstdlib>
#include <string_view>

#include "fuzz/fuzz_trace.h"
#include "parser/funcgraph_tokenizer.h"

namespace {

bool Same(std::string_view a, std::string_view b) {
  return a.data() == b.data() && a.size() == b.size();
}

void CheckMemo(std::string_view text) {
  using ftriage::parser::FuncgraphLine;
  ftriage::parser::FuncgraphColumnMemo memo;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? "" : text.substr(nl + 1);
    FuncgraphLine a;
    FuncgraphLine b;
    bool ra = ftriage::parser::TokenizeFuncgraphLine(line, &a);
    bool rb = ftriage::parser::TokenizeFuncgraphLine(line, &b, &memo);
    if (ra != rb || a.kind != b.kind || a.cpu != b.cpu ||
        !Same(a.abstime, b.abstime) || a.abstime_ns != b.abstime_ns ||
        !Same(a.comm, b.comm) || a.pid != b.pid ||
        !Same(a.prev_comm, b.prev_comm) || a.prev_pid != b.prev_pid ||
        !Same(a.lat_flags, b.lat_flags) || !Same(a.duration, b.duration) ||
        a.duration_ns != b.duration_ns || a.mark != b.mark ||
        a.depth != b.depth || !Same(a.func, b.func) || !Same(a.args, b.args) ||
        !Same(a.tail, b.tail) || !Same(a.comment, b.comment) ||
        a.overruns != b.overruns) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckMemo({reinterpret_cast<const char*>(data), size});
  ftriage::fuzz::FuzzTrace(data, size,
                           ftriage::parser::TraceFormat::kFuncgraph);
  return 0;
}
