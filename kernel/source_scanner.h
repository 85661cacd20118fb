#ifndef FTRIAGE_KERNEL_SOURCE_SCANNER_H_
#define FTRIAGE_KERNEL_SOURCE_SCANNER_H_

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/source_model.h"

namespace ftriage::kernel {

// What one C file defines, calls and references. Ids are indexes into
// |strings| (each string once); the file ids and the first_call/call_count
// fields are left for the index builder to fill in.
struct FileScan {
  std::string_view Get(StringId id) const { return strings[id.value]; }

  std::deque<std::string> strings;           // a deque: elements never move
  std::vector<Definition> definitions;       // in source order
  std::vector<std::vector<CallSite>> calls;  // per definition, source order
  std::vector<Reference> references;         // in source order
};

// Reads one .c or .h file's text the way the source index needs it,
// without a compiler or a preprocessor: function definitions (the
// declaration before a "{" that ends in "name(...)"), the calls in their
// bodies, the identifiers used in file-scope initializers and top-level
// macro invocations, and the #if condition around each. Function-like
// macros and prototypes are not definitions; struct, union and enum bodies
// are skipped. When the branches of an #if/#else leave the braces
// unbalanced, the state after the first branch wins (as ctags does).
FileScan ScanSource(std::string_view text);

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_SCANNER_H_
