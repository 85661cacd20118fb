// The kallsyms / System.map reader, content recognition of its lines, and
// lookups of the names it holds.
#include <string_view>

#include "kernel/kallsyms.h"
#include "kernel/kernel_file_kind.h"
#include "kernel/kernel_read_lines.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Coverage coverage = size % 2 == 0 ? Coverage::kComplete : Coverage::kExcerpt;
  Kallsyms k = Kallsyms::FromText(text, coverage);
  ForEachLine(text, [&](std::string_view line, LineNo n) {
    if (n > 64) return;
    (void)KindFromLine(line);
    std::string_view name = line.substr(line.find_last_of(" \t") + 1);
    (void)k.Find(name);
    (void)k.FindVariants(name);
    (void)k.HasFunction(name);
  });
  return 0;
}
