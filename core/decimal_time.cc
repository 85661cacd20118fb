#include "core/decimal_time.h"

#include <cstdio>
#include <limits>

namespace ftriage {

std::optional<int64_t> ParseDecimalNs(std::string_view text, int64_t unit_ns) {
  if (text.empty()) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (whole > (kMax - 9) / 10) return std::nullopt;
    whole = whole * 10 + (c - '0');
  }
  if (i == 0) return std::nullopt;  // ftrace always prints the integer part
  if (whole > kMax / unit_ns) return std::nullopt;
  int64_t ns = whole * unit_ns;
  if (i == text.size()) return ns;
  // Fraction: each digit is worth unit_ns / 10^k nanoseconds.
  int64_t scale = unit_ns;
  bool any_digit = false;
  for (++i; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    scale /= 10;
    ns += (c - '0') * scale;
  }
  if (!any_digit) return std::nullopt;
  return ns;
}

std::optional<int64_t> ParseDurationArg(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    int64_t ns;
  };
  static constexpr Unit kUnits[] = {
      {"ns", 1}, {"us", kNsPerUs}, {"ms", 1000 * kNsPerUs}, {"s", kNsPerSec}};
  for (const Unit& u : kUnits) {
    if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
      return ParseDecimalNs(text.substr(0, text.size() - u.suffix.size()),
                            u.ns);
    }
  }
  return ParseDecimalNs(text, kNsPerUs);
}

std::string FormatDurationUs(int64_t ns) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%03lld us",
                static_cast<long long>(ns / kNsPerUs),
                static_cast<long long>(ns % kNsPerUs));
  return buf;
}

std::string FormatTimestamp(int64_t ns) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%06lld",
                static_cast<long long>(ns / kNsPerSec),
                static_cast<long long>((ns % kNsPerSec) / kNsPerUs));
  return buf;
}

}  // namespace ftriage
