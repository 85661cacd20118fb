// The function_graph reader alone, then the call trees and errors analysis.
#include "fuzz/fuzz_trace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftriage::fuzz::FuzzTrace(data, size,
                           ftriage::parser::TraceFormat::kFuncgraph);
  return 0;
}
