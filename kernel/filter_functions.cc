#include "kernel/filter_functions.h"

#include <utility>

#include "kernel/kernel_read_lines.h"
#include "kernel/kernel_symbol_line.h"

namespace ftriage {

FilterFunctions FilterFunctions::FromText(std::string_view text,
                                          Coverage coverage) {
  FilterFunctionsReader reader(coverage);
  ForEachLine(text,
              [&](std::string_view line, LineNo n) { reader.Line(line, n); });
  return std::move(reader).Finish();
}

FilterFunctionsReader::FilterFunctionsReader(Coverage coverage) {
  out_.coverage_ = coverage;
}

void FilterFunctionsReader::Line(std::string_view line, LineNo number) {
  if (const auto parsed = ParseFilterFunctionLine(line)) {
    out_.table_.Add(parsed->name, parsed->type, parsed->module, number);
  } else if (!IsBlankLine(line)) {
    out_.skipped_.Add(number);
  }
}

FilterFunctions FilterFunctionsReader::Finish() && {
  out_.table_.BuildIndex();
  return std::move(out_);
}

}  // namespace ftriage
