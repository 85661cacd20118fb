// Format detection and the sectioned reader (mixed files), as the CLI reads
// an input without --format, then the call trees and errors analysis.
#include "fuzz/fuzz_trace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ftriage::fuzz::FuzzTrace(data, size, ftriage::parser::TraceFormat::kUnknown);
  return 0;
}
