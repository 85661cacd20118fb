#ifndef FTRIAGE_KERNEL_SOURCE_INDEX_H_
#define FTRIAGE_KERNEL_SOURCE_INDEX_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/source_model.h"

namespace ftriage::kernel {

// The name a traced function has in the source: compiler suffixes
// stripped (.isra.N, .constprop.N, .part.N, .cold, .llvm.N), and the
// syscall wrappers of every architecture mapped to the SYSCALL_DEFINE
// name: __x64_sys_mount, __se_sys_mount, __do_sys_mount -> sys_mount;
// __ia32_compat_sys_x, __x64_compat_sys_x -> compat_sys_x.
std::string SourceNameOf(std::string_view trace_name);

// What a Linux source tree defines, calls and references, for `ftriage
// explain`: read-only queries over SourceIndexData (built by
// BuildSourceIndex in kernel/source_index_builder.h, or loaded by
// LoadSourceIndex in kernel/source_index_file.h). Knows the source text
// only: whether a condition holds under a .config is for
// kernel/config_condition.h, and what calls what across files is for
// kernel/source_call_graph.h. Pointers and spans it returns live as long as
// the index.
//
//   for (const Definition* d : index.Lookup("__x64_sys_bpf"))
//     for (const CallSite& c : index.CallsOf(*d)) ...
class SourceIndex {
 public:
  SourceIndex() = default;
  explicit SourceIndex(SourceIndexData data);

  // Definitions of the function a trace calls |trace_name| (normalized with
  // SourceNameOf), in file and line order; empty when there is none.
  std::vector<const Definition*> Lookup(std::string_view trace_name) const;
  // The calls of |def|'s body, in source order.
  std::span<const CallSite> CallsOf(const Definition& def) const;
  // Where |identifier| is used outside function bodies, by file and line.
  std::span<const Reference> ReferencesTo(std::string_view identifier) const;
  // The Kbuild gates of a .c file, innermost first; empty for headers and
  // for files no makefile lists.
  std::span<const MakefileGate> FileGates(FileId file) const;
  // The path relative to the tree's root: "net/xdp/xskmap.c".
  std::string_view FilePath(FileId file) const;
  // The file at |path| (relative to the root), or None().
  FileId FindFile(std::string_view path) const;
  std::string_view String(StringId id) const { return strings().Get(id); }

  std::span<const Definition> definitions() const { return data_.definitions; }
  const SourceStrings& strings() const { return data_.strings; }
  const SourceIndexData& data() const { return data_; }

  size_t file_count() const { return data_.files.size(); }
  size_t definition_count() const { return data_.definitions.size(); }
  size_t call_count() const { return data_.calls.size(); }
  size_t reference_count() const { return data_.references.size(); }
  size_t gate_count() const { return data_.gates.size(); }

 private:
  SourceIndexData data_;
  // Definition indexes sorted by name id, then position.
  std::vector<uint32_t> by_name_;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_INDEX_H_
