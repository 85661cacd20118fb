#ifndef FTRIAGE_KERNEL_FILTER_FUNCTIONS_H_
#define FTRIAGE_KERNEL_FILTER_FUNCTIONS_H_

#include <string_view>
#include <vector>

#include "core/ids.h"
#include "kernel/kernel_listing.h"
#include "kernel/kernel_symbol_table.h"

namespace ftriage {

// The functions ftrace can trace in one kernel, from
// available_filter_functions ("name" or "name [module]") or
// available_filter_functions_addrs (6.5+: "ADDR name [module]"). A function
// missing from a complete list is not traceable (notrace, inlined, or not
// built); a text symbol of kallsyms that is not here is notrace or noinstr. It
// does not know symbol types (see Kallsyms) and does not read files (see
// KernelContext).
//
//   FilterFunctions f = FilterFunctions::FromText("vfs_read\nfoo.isra.0\n");
//   f.Contains("foo")  // true: foo.isra.0 is a clone of foo
class FilterFunctions {
 public:
  // Parses a whole list held in memory.
  static FilterFunctions FromText(std::string_view text,
                                  Coverage coverage = Coverage::kComplete);

  bool complete() const { return coverage_ == Coverage::kComplete; }
  // Number of function lines read.
  size_t size() const { return table_.size(); }
  const SkippedLines& skipped() const { return skipped_; }

  // True when |name| or another variant of its base name is listed.
  bool Contains(std::string_view name) const {
    return !table_.FindVariants(name).empty();
  }
  // The lines listing exactly |name|, with module and line number.
  std::vector<KernelSymbol> Find(std::string_view name) const {
    return table_.Find(name);
  }
  // The lines listing any variant of |name|'s base name.
  std::vector<KernelSymbol> FindVariants(std::string_view name) const {
    return table_.FindVariants(name);
  }

 private:
  friend class FilterFunctionsReader;

  KernelSymbolTable table_;
  Coverage coverage_ = Coverage::kComplete;
  SkippedLines skipped_;
};

// Builds a FilterFunctions from lines pushed one at a time. Lines of neither
// form are counted in skipped(); blank lines are ignored.
class FilterFunctionsReader {
 public:
  explicit FilterFunctionsReader(Coverage coverage);
  void Line(std::string_view line, LineNo number);
  FilterFunctions Finish() &&;

 private:
  FilterFunctions out_;
};

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_FILTER_FUNCTIONS_H_
