#include "kernel/kernel_config.h"

#include <algorithm>
#include <utility>

#include "kernel/kernel_read_lines.h"
#include "kernel/kernel_release.h"

namespace ftriage {
namespace {

constexpr std::string_view kPrefix = "CONFIG_";
constexpr std::string_view kNotSetPrefix = "# CONFIG_";
constexpr std::string_view kNotSetSuffix = " is not set";

bool IsSymbolChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_';
}

bool IsOptionName(std::string_view s) {
  return s.size() > kPrefix.size() && s.starts_with(kPrefix) &&
         std::ranges::all_of(s, IsSymbolChar);
}

ConfigState StateOfValue(std::string_view value) {
  if (value == "y") return ConfigState::kBuiltin;
  if (value == "m") return ConfigState::kModule;
  if (value == "n") return ConfigState::kUnset;
  return ConfigState::kValue;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

KernelConfig KernelConfig::FromText(std::string_view text, Coverage coverage) {
  KernelConfigReader reader(coverage);
  ForEachLine(text,
              [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  return std::move(reader).Finish();
}

ConfigEntry KernelConfig::Expand(const Stored& s) const {
  const std::string_view text = s.text;
  return ConfigEntry{.option = text.substr(s.option_begin, s.option_size),
                     .state = s.state,
                     .value = text.substr(s.value_begin, s.value_size),
                     .text = text,
                     .line = s.line};
}

ConfigState KernelConfig::State(std::string_view option) const {
  if (!option.starts_with(kPrefix)) return ConfigState::kUnknown;
  const auto it = index_.find(option);
  if (it != index_.end()) return lines_[it->second].state;
  return complete() ? ConfigState::kUnset : ConfigState::kUnknown;
}

std::optional<ConfigEntry> KernelConfig::Find(std::string_view option) const {
  const auto it = index_.find(option);
  if (it == index_.end()) return std::nullopt;
  return Expand(lines_[it->second]);
}

ConfigLookup KernelConfig::Lookup() const {
  return [this](std::string_view option) { return State(option); };
}

std::vector<ConfigEntry> KernelConfig::Entries() const {
  std::vector<ConfigEntry> out;
  out.reserve(index_.size());
  for (uint32_t i = 0; i < lines_.size(); ++i) {
    const ConfigEntry e = Expand(lines_[i]);
    if (index_.at(e.option) == i) out.push_back(e);
  }
  return out;
}

KernelConfigReader::KernelConfigReader(Coverage coverage) {
  out_.coverage_ = coverage;
}

void KernelConfigReader::Line(std::string_view line, LineNo number) {
  const std::string_view trimmed = TrimRight(line);
  if (trimmed.empty()) return;
  KernelConfig::Stored stored{.text = std::string(line),
                              .option_begin = 0,
                              .option_size = 0,
                              .value_begin = 0,
                              .value_size = 0,
                              .line = number,
                              .state = ConfigState::kUnset};
  if (trimmed.starts_with(kPrefix)) {
    const size_t eq = trimmed.find('=');
    if (eq == std::string_view::npos || !IsOptionName(trimmed.substr(0, eq))) {
      out_.skipped_.Add(number);
      return;
    }
    stored.option_size = static_cast<uint32_t>(eq);
    stored.value_begin = static_cast<uint32_t>(eq + 1);
    stored.value_size = static_cast<uint32_t>(trimmed.size() - eq - 1);
    stored.state = StateOfValue(trimmed.substr(eq + 1));
  } else if (trimmed.starts_with(kNotSetPrefix) &&
             trimmed.ends_with(kNotSetSuffix)) {
    const size_t begin = std::string_view("# ").size();
    const std::string_view option =
        trimmed.substr(begin, trimmed.size() - begin - kNotSetSuffix.size());
    if (!IsOptionName(option)) return;  // a comment that only looks like it
    stored.option_begin = static_cast<uint32_t>(begin);
    stored.option_size = static_cast<uint32_t>(option.size());
  } else if (trimmed.front() == '#') {
    if (const auto release = ReleaseFromConfigHeader(trimmed);
        release && out_.release_line_ == 0) {
      out_.release_ = std::string(*release);
      out_.release_line_ = number;
    }
    return;
  } else {
    out_.skipped_.Add(number);
    return;
  }
  out_.lines_.push_back(std::move(stored));
}

KernelConfig KernelConfigReader::Finish() && {
  // Built only now: growing lines_ would have moved the short strings.
  for (uint32_t i = 0; i < out_.lines_.size(); ++i) {
    const KernelConfig::Stored& s = out_.lines_[i];
    out_.index_[std::string_view(s.text).substr(s.option_begin,
                                                s.option_size)] = i;
  }
  return std::move(out_);
}

std::vector<ConfigDifference> DiffConfigs(const KernelConfig& a,
                                          const KernelConfig& b) {
  std::vector<ConfigDifference> out;
  auto consider = [&](std::string_view option) {
    ConfigDifference d{.option = option,
                       .a_state = a.State(option),
                       .b_state = b.State(option),
                       .a = a.Find(option),
                       .b = b.Find(option)};
    if (d.a_state == ConfigState::kUnknown ||
        d.b_state == ConfigState::kUnknown) {
      return;
    }
    const bool values_differ = d.a_state == ConfigState::kValue &&
                               d.b_state == ConfigState::kValue &&
                               d.a->value != d.b->value;
    if (d.a_state != d.b_state || values_differ) out.push_back(std::move(d));
  };
  for (const ConfigEntry& e : a.Entries()) consider(e.option);
  for (const ConfigEntry& e : b.Entries()) {
    if (!a.Find(e.option)) consider(e.option);
  }
  return out;
}

}  // namespace ftriage
