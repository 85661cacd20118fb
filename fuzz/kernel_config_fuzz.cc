// The .config reader, lookups of the options it sets, and the difference
// between the whole file and its first half read as an excerpt.
#include <string_view>

#include "kernel/kernel_config.h"
#include "kernel/kernel_file_kind.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  KernelConfig whole = KernelConfig::FromText(text);
  KernelConfig half =
      KernelConfig::FromText(text.substr(0, size / 2), Coverage::kExcerpt);
  for (const ConfigEntry& e : whole.Entries()) {
    (void)KindFromLine(e.text);
    (void)whole.Find(e.option);
    (void)half.State(e.option);
  }
  (void)whole.release();
  (void)DiffConfigs(whole, half);
  (void)DiffConfigs(half, whole);
  return 0;
}
