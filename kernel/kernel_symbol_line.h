#ifndef FTRIAGE_KERNEL_KERNEL_SYMBOL_LINE_H_
#define FTRIAGE_KERNEL_KERNEL_SYMBOL_LINE_H_

#include <optional>
#include <string_view>

namespace ftriage {

// The fields of one line of a symbol listing. Views into the parsed line.
struct SymbolLine {
  std::string_view name;
  char type = 0;            // kallsyms/System.map type letter; 0 otherwise
  std::string_view module;  // "" for the core kernel
};

// Parses one line of /proc/kallsyms or System.map: "ADDR TYPE NAME" or
// "ADDR TYPE NAME\t[MODULE]". ADDR is 1-16 hex digits (all zeros when read
// without privileges), TYPE one letter. Fields may be separated by spaces or
// tabs. nullopt for any other line, blank lines included.
std::optional<SymbolLine> ParseKallsymsLine(std::string_view line);

// Parses one line of available_filter_functions ("NAME" or "NAME [MODULE]")
// or of available_filter_functions_addrs (the same after "ADDR "). NAME must
// look like a C identifier (dots and '$' allowed after the first character,
// as in "foo.isra.0"). nullopt for any other line, blank lines included.
std::optional<SymbolLine> ParseFilterFunctionLine(std::string_view line);

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_SYMBOL_LINE_H_
