#ifndef FTRIAGE_PARSER_CONSOLE_PREFIX_H_
#define FTRIAGE_PARSER_CONSOLE_PREFIX_H_

#include <string_view>

#include "parser/text_scan.h"

namespace ftriage::parser {

namespace console_prefix_internal {
// StripConsolePrefix() for a line that starts with '<' or '[': out of the
// wrapper below, so that the common line pays one test, not a call.
inline std::string_view StripFrom(std::string_view line) {
  std::string_view s = line;
  if (s.size() > 3 && s[0] == '<' && IsDigit(s[1]) && s[2] == '>') {
    s.remove_prefix(3);
  }
  if (s.empty() || s[0] != '[') return line;
  size_t close = s.find(']');
  if (close == std::string_view::npos) return line;
  std::string_view stamp = Trim(s.substr(1, close - 1));
  size_t dot = stamp.find('.');
  if (dot == std::string_view::npos || !AllDigits(stamp.substr(0, dot)) ||
      !AllDigits(stamp.substr(dot + 1))) {
    return line;
  }
  s.remove_prefix(close + 1);
  // Caller id: "[ T1234]" (task) or "[ C3]" (CPU).
  if (!s.empty() && s[0] == '[') {
    size_t end = s.find(']');
    std::string_view id = end == std::string_view::npos
                              ? std::string_view()
                              : Trim(s.substr(1, end - 1));
    if (id.size() >= 2 && (id[0] == 'T' || id[0] == 'C') &&
        AllDigits(id.substr(1))) {
      s.remove_prefix(end + 1);
    }
  }
  if (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}
}  // namespace console_prefix_internal

// Strips the kernel console / dmesg prefix that ftrace_dump_on_oops and
// `echo z > /proc/sysrq-trigger` output carries, so the trace text behind it
// reads like any other capture:
//
//   [   12.345678] bash-1234  [001] d..1. 12.345600: f <-g
//   [   12.345678][ T1234]  0)   0.211 us    |  f(); CONFIG_PRINTK_CALLER <4>[
//   12.345678] ...                                    raw kmsg level
//
// Lines without the prefix are returned unchanged. "[...]" and "[LINE TOO
// BIG]" are not prefixes: the brackets must hold "seconds.micros".
inline std::string_view StripConsolePrefix(std::string_view line) {
  if (line.empty() || (line[0] != '<' && line[0] != '[')) return line;
  return console_prefix_internal::StripFrom(line);
}

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_CONSOLE_PREFIX_H_
