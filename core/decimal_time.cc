#include "core/decimal_time.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <limits>

namespace ftriage {

namespace {

// Digits before the '.' when there are more than 18 of them: every step
// checks for overflow. Returns false on a non-digit or overflow.
bool ParseLongWhole(std::string_view digits, int64_t* whole) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || v > (kMax - 9) / 10) return false;
    v = v * 10 + (c - '0');
  }
  *whole = v;
  return true;
}

// 10^k for k in 0..18.
constexpr std::array<uint64_t, 19> kPow10 = [] {
  std::array<uint64_t, 19> t{};
  uint64_t v = 1;
  for (uint64_t& x : t) {
    x = v;
    v *= 10;
  }
  return t;
}();

// How many decimals a unit of 10^k ns has (kNsPerUs -> 3); -1 if |unit_ns|
// is not a power of ten.
int UnitDecimals(int64_t unit_ns) {
  switch (unit_ns) {  // the callers' units first
    case kNsPerSec:
      return 9;
    case kNsPerUs:
      return 3;
    default:
      for (int k = 0; k < static_cast<int>(kPow10.size()); ++k) {
        if (kPow10[k] == static_cast<uint64_t>(unit_ns)) return k;
      }
      return -1;
  }
}

// kMax / 10^k: the largest whole part a unit of 10^k ns can hold.
constexpr std::array<int64_t, 19> kMaxWhole = [] {
  std::array<int64_t, 19> t{};
  for (size_t k = 0; k < t.size(); ++k) {
    t[k] =
        std::numeric_limits<int64_t>::max() / static_cast<int64_t>(kPow10[k]);
  }
  return t;
}();

// |whole| and |rest| ("" or ".123") in a unit that is not a power of ten:
// each fraction digit is worth unit_ns / 10^k nanoseconds.
std::optional<int64_t> ParseWithUnit(int64_t whole, std::string_view rest,
                                     int64_t unit_ns) {
  if (whole > std::numeric_limits<int64_t>::max() / unit_ns) {
    return std::nullopt;
  }
  uint64_t ns = static_cast<uint64_t>(whole * unit_ns);
  if (rest.empty()) return static_cast<int64_t>(ns);
  if (rest.size() == 1) return std::nullopt;  // "5."
  int64_t scale = unit_ns;
  for (char c : rest.substr(1)) {
    unsigned d = static_cast<unsigned>(c - '0');
    if (d > 9) return std::nullopt;
    scale /= 10;
    ns += d * static_cast<uint64_t>(scale);
  }
  return static_cast<int64_t>(ns);
}

// The shape ftrace prints, "8312.407170" (s) or "11.504" (us): digits, then
// optionally '.' and at most |decimals| digits, where the whole part and a
// unit's decimals fit 18 digits (no overflow possible). One pass and one
// multiply. False for any other shape, which the general path then reads
// (or rejects).
bool ParseCommonShape(std::string_view text, int decimals, int64_t* ns) {
  size_t n = text.size();
  if (n == 0 || n > 19) return false;
  uint64_t v = 0;
  size_t dot = n;
  for (size_t i = 0; i < n; ++i) {
    unsigned d = static_cast<unsigned>(text[i] - '0');
    if (d <= 9) {
      v = v * 10 + d;
    } else if (text[i] == '.' && dot == n) {
      dot = i;
    } else {
      return false;
    }
  }
  size_t fraction = dot == n ? 0 : n - dot - 1;
  size_t kept = static_cast<size_t>(decimals);
  if (dot == 0 || (dot < n && fraction == 0) || fraction > kept ||
      dot + kept > 18) {
    return false;
  }
  *ns = static_cast<int64_t>(v * kPow10[kept - fraction]);
  return true;
}

}  // namespace

std::optional<int64_t> ParseDecimalNs(std::string_view text, int64_t unit_ns) {
  int decimals = UnitDecimals(unit_ns);
  if (int64_t ns; decimals >= 0 && ParseCommonShape(text, decimals, &ns)) {
    return ns;
  }
  const char* p = text.data();
  const char* end = p + text.size();
  const char* dot = p;
  // Up to 18 digits cannot overflow: no check inside the loop (unsigned, so
  // that longer ones wrap harmlessly before they are parsed again).
  uint64_t digits = 0;
  for (; dot < end; ++dot) {
    unsigned d = static_cast<unsigned>(*dot - '0');
    if (d > 9) break;
    digits = digits * 10 + d;
  }
  if (dot == p) return std::nullopt;  // ftrace always prints the integer part
  if (dot < end && *dot != '.') return std::nullopt;
  int64_t whole = static_cast<int64_t>(digits);
  if (dot - p > 18 && !ParseLongWhole(text.substr(0, dot - p), &whole)) {
    return std::nullopt;
  }
  if (decimals < 0) return ParseWithUnit(whole, text.substr(dot - p), unit_ns);
  if (whole > kMaxWhole[decimals]) return std::nullopt;
  uint64_t ns = static_cast<uint64_t>(whole) * kPow10[decimals];
  if (dot == end) return static_cast<int64_t>(ns);
  // The first |decimals| digits of the fraction count, the rest are only
  // checked. Unsigned, and checked at the end: a whole part just below the
  // limit may still overflow with its fraction.
  const char* fraction = dot + 1;
  size_t n = static_cast<size_t>(end - fraction);
  if (n == 0) return std::nullopt;  // "5."
  size_t kept = std::min(n, static_cast<size_t>(decimals));
  uint64_t value = 0;
  for (size_t i = 0; i < kept; ++i) {
    unsigned d = static_cast<unsigned>(fraction[i] - '0');
    if (d > 9) return std::nullopt;
    value = value * 10 + d;
  }
  for (size_t i = kept; i < n; ++i) {
    if (static_cast<unsigned>(fraction[i] - '0') > 9) return std::nullopt;
  }
  uint64_t part = value * kPow10[decimals - kept];
  constexpr auto kMax = static_cast<uint64_t>(INT64_MAX);
  if (part > kMax - ns) return std::nullopt;
  return static_cast<int64_t>(ns + part);
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

char* WriteDurationUs(int64_t ns, char* out) {
  if (ns < 0) {
    int n = std::snprintf(out, kDurationUsMax, "%lld.%03lld us",
                          static_cast<long long>(ns / kNsPerUs),
                          static_cast<long long>(ns % kNsPerUs));
    return out + std::min<size_t>(static_cast<size_t>(n), kDurationUsMax - 1);
  }
  // The common case, without printf: a tree prints millions.
  char* p = std::to_chars(out, out + 20, ns / kNsPerUs).ptr;
  int64_t frac = ns % kNsPerUs;
  *p++ = '.';
  *p++ = static_cast<char>('0' + frac / 100);
  *p++ = static_cast<char>('0' + frac / 10 % 10);
  *p++ = static_cast<char>('0' + frac % 10);
  for (char c : {' ', 'u', 's'}) *p++ = c;
  return p;
}

std::string FormatDurationUs(int64_t ns) {
  char buf[kDurationUsMax];
  return std::string(buf, WriteDurationUs(ns, buf));
}

std::string FormatTimestamp(int64_t ns) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%06lld",
                static_cast<long long>(ns / kNsPerSec),
                static_cast<long long>((ns % kNsPerSec) / kNsPerUs));
  return buf;
}

}  // namespace ftriage
