#include "kernel/kallsyms.h"

#include <utility>

#include "kernel/kernel_read_lines.h"
#include "kernel/kernel_symbol_line.h"

namespace ftriage {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "foo.cold", "foo.cold.3", "foo.isra.0.cold".
bool IsColdFragment(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && IsDigits(name.substr(dot + 1))) {
    name = name.substr(0, dot);
  }
  return name.ends_with(".cold");
}

}  // namespace

bool IsWeak(char type) {
  return type == 'W' || type == 'w' || type == 'V' || type == 'v';
}

bool IsText(char type) {
  return type == 'T' || type == 't' || type == 'W' || type == 'w';
}

Kallsyms Kallsyms::FromText(std::string_view text, Coverage coverage) {
  KallsymsReader reader(coverage);
  ForEachLine(text,
              [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  return std::move(reader).Finish();
}

bool Kallsyms::HasFunction(std::string_view name) const {
  for (const KernelSymbol& s : table_.FindVariants(name)) {
    if (IsText(s.type) && !IsColdFragment(s.name)) return true;
  }
  return false;
}

KallsymsReader::KallsymsReader(Coverage coverage) { out_.coverage_ = coverage; }

void KallsymsReader::Line(std::string_view line, LineNo number) {
  if (const auto parsed = ParseKallsymsLine(line)) {
    out_.table_.Add(parsed->name, parsed->type, parsed->module, number);
  } else if (!IsBlankLine(line)) {
    out_.skipped_.Add(number);
  }
}

Kallsyms KallsymsReader::Finish() && {
  out_.table_.BuildIndex();
  return std::move(out_);
}

}  // namespace ftriage
