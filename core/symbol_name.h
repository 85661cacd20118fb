#ifndef FTRIAGE_CORE_SYMBOL_NAME_H_
#define FTRIAGE_CORE_SYMBOL_NAME_H_

#include <string>
#include <string_view>

namespace ftriage {

// Normalizes kernel symbol names as printed by tracers so that the same
// function compares equal across builds, kernels and architectures. The raw
// name is always kept by callers; this only computes comparison keys.
//
//   NormalizeSymbol("validate_xmit_skb.isra.105.part.106") ==
//   "validate_xmit_skb" NormalizeSymbol("dummy_xmit [dummy]") == "dummy_xmit"
//   NormalizeSymbol("do_fault+0x1c/0x30")                   == "do_fault"
//   SyscallName("__x64_sys_openat") == "openat"

// Strips, repeatedly, compiler suffixes (.isra.N, .constprop.N, .part.N,
// .cold, .cold.N, .llvm.N, .lto_priv.N), a " [module]" suffix, a
// "+0xoff/0xsize" or "+0xoff" offset, and a trailing "()".
std::string NormalizeSymbol(std::string_view raw);

// The module of "f [mod]", or "" for core kernel symbols.
std::string_view SymbolModule(std::string_view raw);

// The syscall a normalized handler name implements, or "" when it is not a
// syscall entry point. Recognized prefixes: __x64_sys_, __ia32_sys_,
// __ia32_compat_sys_, __x64_compat_sys_, __arm64_sys_, __arm64_compat_sys_,
// __se_sys_, __do_sys_, __se_compat_sys_, __riscv_sys_, __s390x_sys_,
// __s390_sys_, __pfx_ (then one of the others), SyS_, sys_, compat_sys_.
// ksys_X helpers are not entry points and give "".
std::string_view SyscallName(std::string_view normalized);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_SYMBOL_NAME_H_
