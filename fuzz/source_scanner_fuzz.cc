// The source indexer's C scanner on one file's text, and the #if
// conditions it records, evaluated with every option unknown.
#include <string_view>

#include "kernel/config_condition.h"
#include "kernel/source_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kernel::FileScan scan = kernel::ScanSource(text);
  ConfigLookup unknown = [](std::string_view) { return ConfigState::kUnknown; };
  for (const kernel::Definition& d : scan.definitions) {
    (void)scan.Get(d.name);
    (void)kernel::EvalCondition(scan.Get(d.condition), unknown);
  }
  for (const auto& calls : scan.calls) {
    for (const kernel::CallSite& c : calls) (void)scan.Get(c.callee);
  }
  for (const kernel::Reference& r : scan.references) {
    (void)scan.Get(r.name);
    (void)scan.Get(r.context);
  }
  return 0;
}
