#ifndef FTRIAGE_KERNEL_KERNEL_CONFIG_H_
#define FTRIAGE_KERNEL_KERNEL_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "kernel/config_value.h"
#include "kernel/kernel_listing.h"

namespace ftriage {

// One line of a .config that sets an option. Views stay valid while the
// KernelConfig lives.
struct ConfigEntry {
  std::string_view option;                  // "CONFIG_MEMORY_FAILURE"
  ConfigState state = ConfigState::kUnset;  // never kUnknown
  std::string_view value;  // after '=': "y", "m", "\"gcc-12 ...\"", "250";
                           // "" for "# CONFIG_X is not set"
  std::string_view text;   // the line as written, for evidence
  LineNo line = 0;
};

// One kernel's build configuration, from a .config, /boot/config-RELEASE or
// /proc/config.gz: "CONFIG_X=y" (kBuiltin), "=m" (kModule), "=n" and
// "# CONFIG_X is not set" (kUnset), any other value (kValue, quoted strings
// kept with their quotes). When an option is set twice the last line wins,
// as in Kconfig. An option no line mentions is kUnset in a complete config
// (Kconfig leaves out options whose dependencies are off) and kUnknown in an
// excerpt. It does not evaluate Kconfig dependencies nor read files (see
// KernelContext). Move-only: entries are views into its own storage.
//
//   KernelConfig c = KernelConfig::FromText("CONFIG_MEMORY_FAILURE=y\n");
//   c.State("CONFIG_MEMORY_FAILURE") == ConfigState::kBuiltin
class KernelConfig {
 public:
  // Parses a whole .config held in memory.
  static KernelConfig FromText(std::string_view text,
                               Coverage coverage = Coverage::kComplete);

  KernelConfig() = default;
  KernelConfig(const KernelConfig&) = delete;
  KernelConfig& operator=(const KernelConfig&) = delete;
  KernelConfig(KernelConfig&&) = default;
  KernelConfig& operator=(KernelConfig&&) = default;

  bool complete() const { return coverage_ == Coverage::kComplete; }
  const SkippedLines& skipped() const { return skipped_; }

  // |option| is the full name ("CONFIG_X"); a name without the CONFIG_
  // prefix is not a Kconfig symbol and gives kUnknown.
  ConfigState State(std::string_view option) const;
  // The line that decides |option|, or nullopt when no line mentions it.
  std::optional<ConfigEntry> Find(std::string_view option) const;
  // State() as a ConfigLookup. It refers to this object: do not let it
  // outlive it.
  ConfigLookup Lookup() const;
  // The deciding line of every option mentioned, in file order.
  std::vector<ConfigEntry> Entries() const;

  // The version in the header comment ("# Linux/x86 6.1.192 Kernel
  // Configuration" gives "6.1.192") and its line; "" and 0 when absent.
  std::string_view release() const { return release_; }
  LineNo release_line() const { return release_line_; }

 private:
  friend class KernelConfigReader;

  struct Stored {
    std::string text;
    uint32_t option_begin;
    uint32_t option_size;
    uint32_t value_begin;
    uint32_t value_size;
    LineNo line;
    ConfigState state;
  };
  ConfigEntry Expand(const Stored& s) const;

  std::vector<Stored> lines_;
  // Option -> index into lines_ of its deciding line; keys view lines_'
  // strings, which a move of the vector does not relocate.
  std::unordered_map<std::string_view, uint32_t> index_;
  Coverage coverage_ = Coverage::kComplete;
  SkippedLines skipped_;
  std::string release_;
  LineNo release_line_ = 0;
};

// Builds a KernelConfig from lines pushed one at a time. Comments and blank
// lines are ignored; other lines that set no option are counted in
// skipped().
class KernelConfigReader {
 public:
  explicit KernelConfigReader(Coverage coverage);
  void Line(std::string_view line, LineNo number);
  KernelConfig Finish() &&;

 private:
  KernelConfig out_;
};

// An option whose state or value differs between two configs, with the
// deciding line on each side (nullopt where no line mentions it).
struct ConfigDifference {
  std::string_view option;
  ConfigState a_state = ConfigState::kUnknown;
  ConfigState b_state = ConfigState::kUnknown;
  std::optional<ConfigEntry> a;
  std::optional<ConfigEntry> b;
};

// The options set differently in |a| and |b|: those of |a| in |a|'s order,
// then those only |b| mentions in |b|'s order. An option one side cannot
// tell (kUnknown: an excerpt that does not mention it) is not a difference.
// Views are into |a| and |b|.
std::vector<ConfigDifference> DiffConfigs(const KernelConfig& a,
                                          const KernelConfig& b);

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_CONFIG_H_
