#include "kernel/kernel_symbol_line.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace ftriage {
namespace {

constexpr size_t kMaxFields = 5;  // one more than any valid line has

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

bool IsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsIdentifierStart(char c) { return IsLetter(c) || c == '_' || c == '.'; }

bool IsIdentifierChar(char c) {
  return IsIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
}

// Splits |line| at runs of blanks; at most kMaxFields fields are kept and
// |count| tells how many there were (capped at kMaxFields).
struct Fields {
  std::array<std::string_view, kMaxFields> field;
  size_t count = 0;
};

Fields Split(std::string_view line) {
  Fields fields;
  size_t i = 0;
  while (i < line.size() && fields.count < kMaxFields) {
    while (i < line.size() && IsBlank(line[i])) ++i;
    if (i == line.size()) break;
    const size_t start = i;
    while (i < line.size() && !IsBlank(line[i])) ++i;
    fields.field[fields.count++] = line.substr(start, i - start);
  }
  return fields;
}

bool IsAddress(std::string_view s) {
  return !s.empty() && s.size() <= 16 && std::ranges::all_of(s, IsHex);
}

bool IsIdentifier(std::string_view s) {
  return !s.empty() && IsIdentifierStart(s.front()) &&
         std::ranges::all_of(s, IsIdentifierChar);
}

// "[module]" -> "module"; "" when |s| is not a bracketed name.
std::string_view ModuleField(std::string_view s) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return {};
  return s.substr(1, s.size() - 2);
}

}  // namespace

std::optional<SymbolLine> ParseKallsymsLine(std::string_view line) {
  const Fields f = Split(line);
  if (f.count != 3 && f.count != 4) return std::nullopt;
  if (!IsAddress(f.field[0]) || f.field[1].size() != 1 ||
      !IsLetter(f.field[1][0]) || f.field[2].empty()) {
    return std::nullopt;
  }
  SymbolLine out{.name = f.field[2], .type = f.field[1][0], .module = {}};
  if (f.count == 4) {
    out.module = ModuleField(f.field[3]);
    if (out.module.empty()) return std::nullopt;
  }
  return out;
}

std::optional<SymbolLine> ParseFilterFunctionLine(std::string_view line) {
  const Fields f = Split(line);
  size_t name = 0;
  // "ADDR NAME ..." (the _addrs file): a leading hex field followed by a
  // name. A lone hex-looking field is a name ("add", "dead").
  if (f.count >= 2 && IsAddress(f.field[0]) &&
      ModuleField(f.field[1]).empty()) {
    name = 1;
  }
  const size_t rest = f.count - name;
  if (rest != 1 && rest != 2) return std::nullopt;
  if (!IsIdentifier(f.field[name])) return std::nullopt;
  SymbolLine out{.name = f.field[name], .type = 0, .module = {}};
  if (rest == 2) {
    out.module = ModuleField(f.field[name + 1]);
    if (out.module.empty()) return std::nullopt;
  }
  return out;
}

}  // namespace ftriage
