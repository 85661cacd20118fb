#ifndef FTRIAGE_CORE_SYSCALL_ARGS_H_
#define FTRIAGE_CORE_SYSCALL_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ftriage {

// Reading the argument list of a syscall enter event
// ("sys_bpf(cmd: 0, uattr: c000097058, size: 40)") and naming the values of
// command-like arguments (cmd: 0 is BPF_MAP_CREATE). The names are the
// kernel's UAPI constants for the generic ABI (x86, arm64, riscv; alpha, mips,
// parisc and sparc number some fcntl commands differently), not a C library's.
// Only the argument that selects the operation is decoded: no flag sets, no
// pointers, no structures behind uattr.

struct SyscallArg {
  std::string_view name;   // "cmd"; empty if the item had no "name:" part
  std::string_view value;  // "0", "c000097058", "0x00000000"
};

// Splits the text between the parentheses of a syscall enter event,
// "cmd: 0, uattr: c000097058, size: 40", into name/value pairs. Accepts
// "name=value" as well as "name: value", and any spacing; commas inside
// quotes or brackets do not split. Views point into |args|.
std::vector<SyscallArg> SplitSyscallArgs(std::string_view args);

// Parses one printed argument value as its 64-bit pattern:
//  - "0x..." is hex (trace-cmd, mainline kernels);
//  - "-123" is signed decimal;
//  - any other run of hex digits is hex. Kernels up to 6.12 print every
//    syscall argument as hex without a prefix ("fd: a" is 10, "dfd:
//    ffffff9c" is the 32-bit -100 zero-extended). Mainline prints values
//    below 10 in decimal and larger ones with 0x; a bare 0-9 reads the same
//    in both bases, so "bare means hex" is right for every kernel.
// A 32-bit negative int printed as ffffff9c stays 4294967196 (DecodeSyscallArg
// takes AT_FDCWD in both widths). nullopt if |value| is not a number.
std::optional<int64_t> ParseSyscallArgValue(std::string_view value);

// The symbolic name of |value| passed as argument |arg_name| of syscall
// |syscall| (bare name: "bpf", not "sys_bpf"), for:
//   bpf cmd, fcntl/fcntl64 cmd, futex/futex_time32 op, prctl option,
//   keyctl option (or cmd), ptrace request, socket/socketpair family,
//   and any argument named dfd, olddfd or newdfd (AT_FDCWD).
// futex ops carry their flags as suffixes in the strace style:
// 129 -> "FUTEX_WAKE_PRIVATE", 393 -> "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME".
// The view points to static storage. nullopt for other syscalls and
// arguments and for values without a name.
std::optional<std::string_view> DecodeSyscallArg(std::string_view syscall,
                                                 std::string_view arg_name,
                                                 int64_t value);

// |args| with the name of each decodable value appended in parentheses:
// ("bpf", "cmd: 0, uattr: c000097058, size: 40") ->
// "cmd: 0 (BPF_MAP_CREATE), uattr: c000097058, size: 40". Everything else,
// spacing included, is kept as it was.
std::string DescribeSyscallArgs(std::string_view syscall,
                                std::string_view args);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_SYSCALL_ARGS_H_
