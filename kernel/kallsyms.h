#ifndef FTRIAGE_KERNEL_KALLSYMS_H_
#define FTRIAGE_KERNEL_KALLSYMS_H_

#include <string_view>
#include <vector>

#include "core/ids.h"
#include "kernel/kernel_listing.h"
#include "kernel/kernel_symbol_table.h"

namespace ftriage {

// nm type letters. Weak: W/w (weak function) and V/v (weak object). Text
// (code): T/t and W/w. Upper case is global, lower case file-local.
bool IsWeak(char type);
bool IsText(char type);

// The symbols of one kernel, from /proc/kallsyms or a System.map: per name,
// every line listing it (type letter, module or "" for the core kernel,
// line number). Lookups by exact name and by base name (see
// KernelSymbolTable). complete() is false for an excerpt: then a name that is
// not listed may still exist, and callers must not report it as absent. It
// does not read files: KernelContext does, through KallsymsReader.
//
//   Kallsyms k = Kallsyms::FromText("ffffffff8144d5a0 T security_bpf\n");
//   k.Find("security_bpf")[0].type == 'T'
class Kallsyms {
 public:
  // Parses a whole listing held in memory.
  static Kallsyms FromText(std::string_view text,
                           Coverage coverage = Coverage::kComplete);

  bool complete() const { return coverage_ == Coverage::kComplete; }
  // Number of symbol lines read.
  size_t size() const { return table_.size(); }
  const SkippedLines& skipped() const { return skipped_; }

  // The lines listing exactly |name| ("foo.isra.0" finds only that clone).
  std::vector<KernelSymbol> Find(std::string_view name) const {
    return table_.Find(name);
  }
  // The lines listing |name| or another variant of its base name ("foo",
  // "foo.isra.0", "foo.cold", ...).
  std::vector<KernelSymbol> FindVariants(std::string_view name) const {
    return table_.FindVariants(name);
  }
  // True when the base function of |name| has out-of-line code: a text
  // symbol named |name|, its base name, or a clone of it (.isra, .constprop,
  // .part, .llvm, .lto_priv). A .cold fragment alone does not count: it is
  // split off a caller's body and is not an entry point. False says nothing
  // about an excerpt (see complete()).
  bool HasFunction(std::string_view name) const;

 private:
  friend class KallsymsReader;

  KernelSymbolTable table_;
  Coverage coverage_ = Coverage::kComplete;
  SkippedLines skipped_;
};

// Builds a Kallsyms from lines pushed one at a time (push-style, as files
// are read in chunks). Lines that are not "ADDR TYPE NAME [MODULE]" are
// counted in skipped(); blank lines are ignored.
class KallsymsReader {
 public:
  explicit KallsymsReader(Coverage coverage);
  void Line(std::string_view line, LineNo number);
  Kallsyms Finish() &&;

 private:
  Kallsyms out_;
};

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KALLSYMS_H_
