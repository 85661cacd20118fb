#ifndef FTRIAGE_KERNEL_KERNEL_SYMBOL_TABLE_H_
#define FTRIAGE_KERNEL_KERNEL_SYMBOL_TABLE_H_

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/string_pool.h"

namespace ftriage {

// One line of a symbol listing. Views stay valid while the table lives.
struct KernelSymbol {
  std::string_view name;    // as listed: "foo.isra.0"
  char type = 0;            // kallsyms type letter; 0 where the file has none
  std::string_view module;  // "" for the core kernel
  LineNo line = 0;          // 1-based line in the file, for evidence
};

// The lines of one symbol listing (kallsyms, System.map,
// available_filter_functions) indexed by exact name and by base name: the
// name without the suffixes compilers give clones and split-off parts
// (NormalizeSymbol: "foo.isra.0", "foo.constprop.0", "foo.part.0",
// "foo.cold", "foo.llvm.123" all have base name "foo"). Names and modules
// are interned in one StringPool; a line costs 16 bytes plus 4 of index.
// It does not parse files nor know what the type letters mean: Kallsyms and
// FilterFunctions do. Move-only.
//
//   KernelSymbolTable t;
//   t.Add("foo.isra.0", 't', "", 7);
//   t.BuildIndex();
//   t.FindVariants("foo");  // {foo.isra.0 t line 7}
class KernelSymbolTable {
 public:
  KernelSymbolTable();

  // Appends one line. Only before BuildIndex().
  void Add(std::string_view name, char type, std::string_view module,
           LineNo line);
  // Makes the lines searchable; call once, after the last Add().
  void BuildIndex();

  // The lines whose name is exactly |name|, in file order.
  std::vector<KernelSymbol> Find(std::string_view name) const;
  // The lines whose base name is the base name of |name| (|name| itself,
  // its clones and its split-off parts), in file order.
  std::vector<KernelSymbol> FindVariants(std::string_view name) const;
  // Number of lines added.
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    StringId name;
    StringId module;
    LineNo line;
    char type;
  };

  KernelSymbol Expand(const Entry& e) const;
  // Indices into entries_ of the lines whose base name is |base|.
  std::span<const uint32_t> Group(StringId base) const;

  std::unique_ptr<StringPool> pool_;  // behind a pointer so moves keep views
  std::vector<Entry> entries_;
  std::vector<StringId> base_of_;     // pool id -> pool id of its base name
  std::vector<uint32_t> base_begin_;  // pool id -> first slot in by_base_
  std::vector<uint32_t> by_base_;     // entry indices grouped by base name
};

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_SYMBOL_TABLE_H_
