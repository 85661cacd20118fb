#ifndef FTRIAGE_KERNEL_SOURCE_MODEL_H_
#define FTRIAGE_KERNEL_SOURCE_MODEL_H_

#include <cstdint>
#include <vector>

#include "core/ids.h"
#include "kernel/source_strings.h"

namespace ftriage::kernel {

// The records of a kernel source index (kernel/source_index.h). Every name,
// path and condition is a StringId into the index's one SourceStrings; a
// condition is the #if stack around a place as one preprocessor expression
// (see kernel/config_condition.h), "" when unconditional.

// What the tokens before a function's name say about it, and which macro
// defined it.
enum DefinitionFlag : uint16_t {
  kStatic = 1 << 0,
  kInline = 1 << 1,  // inline, __inline, __inline__
  kAlwaysInline = 1 << 2,
  kNoinline = 1 << 3,  // noinline, noinstr
  kNotrace = 1 << 4,   // notrace, noinstr
  kInit = 1 << 5,      // __init
  kWeak = 1 << 6,      // __weak
  kExtern = 1 << 7,
  // SYSCALL_DEFINEn(x, ...) = sys_x, COMPAT_SYSCALL_DEFINEn = compat_sys_x.
  kSyscallDefine = 1 << 8,
  // COND_SYSCALL(x) / COND_SYSCALL_COMPAT(x): the weak stub that returns
  // -ENOSYS when the real definition is configured out.
  kCondSyscall = 1 << 9,
  kBpfCall = 1 << 10,  // BPF_CALL_n(x, ...)
  // Any other all-caps macro followed by a body, named by its first
  // argument: DEFINE_IDTENTRY_IRQ(common_interrupt) { ... }.
  kMacroDefined = 1 << 11,
};

// One function definition (never a prototype or a function-like macro).
struct Definition {
  StringId name;  // "sys_mount" for SYSCALL_DEFINE5(mount, ...)
  FileId file;
  LineNo line = 0;      // of the name
  LineNo end_line = 0;  // of the closing brace
  StringId condition;
  uint16_t flags = 0;       // DefinitionFlag bits
  uint32_t first_call = 0;  // the calls of the body: SourceIndex::CallsOf()
  uint32_t call_count = 0;
};

// An identifier followed by "(" in a function body: a call of a function
// or of a function-like macro.
struct CallSite {
  StringId callee;
  LineNo line = 0;
  StringId condition;  // the #if stack at the call, outside the body too
  bool through_member = false;  // ops->map_alloc(...): a function pointer
};

// An identifier used outside function bodies: in an initializer or as an
// argument of a top-level macro invocation.
struct Reference {
  StringId name;
  FileId file;
  LineNo line = 0;
  StringId condition;
  // The object initialized ("xsk_map_ops"), or the macro and its first
  // argument ("BPF_MAP_TYPE(BPF_MAP_TYPE_XSKMAP").
  StringId context;
};

// A Kbuild condition for compiling a .c file: obj-$(CONFIG_X) += a.o, a
// composite object's member list, ifdef/ifeq blocks, or the line that
// descends into one of its directories.
struct MakefileGate {
  StringId option;  // "CONFIG_XDP_SOCKETS"
  FileId makefile;
  LineNo line = 0;
  bool negated = false;  // ifndef CONFIG_X, ifeq ($(CONFIG_X),)
};

// A .c, .h, Makefile or Kbuild file, by path relative to the tree's root.
struct SourceFile {
  StringId path;
  uint32_t first_gate = 0;  // SourceIndex::FileGates()
  uint32_t gate_count = 0;
};

// Everything an index holds, as built or as loaded. Files are sorted by
// path; definitions by file and line; each definition's calls are
// contiguous and in source order; references are sorted by name id.
struct SourceIndexData {
  SourceStrings strings;
  std::vector<SourceFile> files;
  std::vector<Definition> definitions;
  std::vector<CallSite> calls;
  std::vector<Reference> references;
  std::vector<MakefileGate> gates;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_MODEL_H_
