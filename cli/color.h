#ifndef FTRIAGE_CLI_COLOR_H_
#define FTRIAGE_CLI_COLOR_H_

#include <string>

namespace ftriage::cli {

// Terminal colors for roles (errno red, notes yellow, GOOD-only red,
// BAD-only green, titles bold). Whether to use them: UseColor().
inline constexpr const char* kRed = "\033[31m";
inline constexpr const char* kGreen = "\033[32m";
inline constexpr const char* kYellow = "\033[33m";
inline constexpr const char* kBold = "\033[1m";
inline constexpr const char* kReset = "\033[0m";

inline std::string Paint(bool color, const char* code, const std::string& s) {
  return color ? code + s + kReset : s;
}

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_COLOR_H_
