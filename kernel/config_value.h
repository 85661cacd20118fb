#ifndef FTRIAGE_KERNEL_CONFIG_VALUE_H_
#define FTRIAGE_KERNEL_CONFIG_VALUE_H_

#include <cstdint>
#include <functional>
#include <string_view>

namespace ftriage {

// The state of one CONFIG_ option in one kernel's .config. kUnknown when no
// .config was given (or the option is not a Kconfig symbol); kUnset covers
// both "# CONFIG_X is not set" and an option missing from a complete .config.
enum class ConfigState : uint8_t {
  kUnknown,
  kUnset,
  kBuiltin,
  kModule,
  kValue
};

// Looks an option up by its full name ("CONFIG_XDP_SOCKETS").
using ConfigLookup = std::function<ConfigState(std::string_view option)>;

// Three-valued truth of a preprocessor condition under a configuration.
enum class Truth : uint8_t { kFalse, kTrue, kUnknown };

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_CONFIG_VALUE_H_
