#ifndef FTRIAGE_PARSER_TEXT_SCAN_H_
#define FTRIAGE_PARSER_TEXT_SCAN_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/unaligned_load.h"

namespace ftriage::parser {

// Small helpers for hand-written scanners over string_view. ASCII only on
// purpose: trace text is ASCII except task names and retsnoop marks, which
// are never split by these.

inline bool IsSpace(char c) { return c == ' ' || c == '\t'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}
inline std::string_view TrimRight(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && IsSpace(s[n - 1])) --n;
  return s.substr(0, n);
}
inline std::string_view Trim(std::string_view s) {
  return TrimRight(TrimLeft(s));
}
inline size_t LeadingSpaces(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

inline bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// "123" -> 123; nullopt for anything else (sign, spaces, overflow).
// A loop, not std::from_chars: this runs on every pid and CPU column.
inline std::optional<int64_t> ParseInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    int64_t d = c - '0';
    // 18 digits cannot overflow: check only beyond.
    if (s.size() > 18 && v > (INT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

// a == b. Strings of 4 to 16 bytes (task names, which a reader compares
// on every line) take two word compares, not a call to memcmp.
inline bool SameText(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8 && n <= 16) {
    return Load8(x) == Load8(y) && Load8(x + n - 8) == Load8(y + n - 8);
  }
  if (n >= 4 && n < 8) {
    return Load4(x) == Load4(y) && Load4(x + n - 4) == Load4(y + n - 4);
  }
  return a == b;
}

// NUL bytes or mostly control characters: not text a tool wrote.
inline bool LooksBinary(std::string_view line) {
  size_t control = 0;
  for (char c : line) {
    if (c == '\0') return true;
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') ++control;
  }
  return control > 0 && control * 10 > line.size();
}

// Splits "comm-pid" at the last '-' followed only by digits. Task names may
// contain '-' themselves ("kworker/u36:1-51219", "trace-cmd-13585").
// The pid is read from the end of |s|: the '-' must come right before its
// digits, and then it is the last one. One pass, as this runs on the proc
// column of every line (rfind() then ParseInt() read the pid twice).
inline bool SplitCommPid(std::string_view s, std::string_view* comm,
                         int32_t* pid) {
  size_t first = s.size();
  uint64_t value = 0;
  for (uint64_t place = 1; first > 0; --first, place *= 10) {
    auto d = static_cast<unsigned>(s[first - 1] - '0');
    if (d > 9) break;
    value += d * place;  // exact for the 9 digits used; more wrap
  }
  size_t digits = s.size() - first;
  if (first == 0 || s[first - 1] != '-' || digits == 0) return false;
  if (digits > 9) {  // may not fit int32_t: ParseInt checks every step
    auto n = ParseInt(s.substr(first));
    if (!n || *n > INT32_MAX) return false;
    value = static_cast<uint64_t>(*n);
  }
  *comm = s.substr(0, first - 1);
  *pid = static_cast<int32_t>(value);
  return true;
}

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_TEXT_SCAN_H_
