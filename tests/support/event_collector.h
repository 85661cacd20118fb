#ifndef FTRIAGE_TESTS_SUPPORT_EVENT_COLLECTOR_H_
#define FTRIAGE_TESTS_SUPPORT_EVENT_COLLECTOR_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/string_pool.h"
#include "parser/trace_format.h"

namespace ftriage::testing {

// Reads |text| as |format|, |chunk| bytes at a time (0 = whole), and returns
// one readable line per event: "L3 leaf cpu=0 pid=-1 d=1 f=check_stack_object
// dur=186 ret=-".
struct Collected {
  std::vector<std::string> events;
  DiagnosticSink diagnostics;
};
Collected ReadEvents(const std::string& text, parser::TraceFormat format,
                     size_t chunk = 0);

// The same with a reader made by |make| (for readers tested on their own).
using ReaderFactory = std::function<std::unique_ptr<parser::FormatReader>(
    const parser::ReaderContext&)>;
Collected ReadEventsWith(const std::string& text, const ReaderFactory& make,
                         size_t chunk = 0);

}  // namespace ftriage::testing

#endif  // FTRIAGE_TESTS_SUPPORT_EVENT_COLLECTOR_H_
