// The #if condition evaluator: the first line is the expression, the rest
// a .config it is evaluated against.
#include <string_view>

#include "kernel/config_condition.h"
#include "kernel/kernel_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string_view expr = text.substr(0, nl);
  std::string_view config_text =
      nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  KernelConfig config = KernelConfig::FromText(config_text);
  (void)kernel::EvalCondition(expr, config.Lookup());
  (void)kernel::EvalCondition(
      expr, [](std::string_view) { return ConfigState::kUnknown; });
  for (const std::string& option : kernel::ConditionOptions(expr)) {
    (void)config.State(option);
  }
  return 0;
}
