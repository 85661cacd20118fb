#include "core/syscall_args.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <span>
#include <system_error>

namespace ftriage {
namespace {

struct NamedValue {
  int64_t value;
  std::string_view name;
};

constexpr bool SortedUnique(std::span<const NamedValue> table) {
  return std::ranges::adjacent_find(
             table, [](const NamedValue& a, const NamedValue& b) {
               return a.value >= b.value;
             }) == table.end();
}

// enum bpf_cmd, include/uapi/linux/bpf.h (linux-next, 2025), 0..36;
// BPF_PROG_STREAM_READ_BY_FD (37) from the 6.17 patch context of the same
// header. BPF_PROG_RUN is an alias of BPF_PROG_TEST_RUN (10).
constexpr auto kBpfCmds = std::to_array<NamedValue>({
    {0, "BPF_MAP_CREATE"},
    {1, "BPF_MAP_LOOKUP_ELEM"},
    {2, "BPF_MAP_UPDATE_ELEM"},
    {3, "BPF_MAP_DELETE_ELEM"},
    {4, "BPF_MAP_GET_NEXT_KEY"},
    {5, "BPF_PROG_LOAD"},
    {6, "BPF_OBJ_PIN"},
    {7, "BPF_OBJ_GET"},
    {8, "BPF_PROG_ATTACH"},
    {9, "BPF_PROG_DETACH"},
    {10, "BPF_PROG_TEST_RUN"},
    {11, "BPF_PROG_GET_NEXT_ID"},
    {12, "BPF_MAP_GET_NEXT_ID"},
    {13, "BPF_PROG_GET_FD_BY_ID"},
    {14, "BPF_MAP_GET_FD_BY_ID"},
    {15, "BPF_OBJ_GET_INFO_BY_FD"},
    {16, "BPF_PROG_QUERY"},
    {17, "BPF_RAW_TRACEPOINT_OPEN"},
    {18, "BPF_BTF_LOAD"},
    {19, "BPF_BTF_GET_FD_BY_ID"},
    {20, "BPF_TASK_FD_QUERY"},
    {21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM"},
    {22, "BPF_MAP_FREEZE"},
    {23, "BPF_BTF_GET_NEXT_ID"},
    {24, "BPF_MAP_LOOKUP_BATCH"},
    {25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH"},
    {26, "BPF_MAP_UPDATE_BATCH"},
    {27, "BPF_MAP_DELETE_BATCH"},
    {28, "BPF_LINK_CREATE"},
    {29, "BPF_LINK_UPDATE"},
    {30, "BPF_LINK_GET_FD_BY_ID"},
    {31, "BPF_LINK_GET_NEXT_ID"},
    {32, "BPF_ENABLE_STATS"},
    {33, "BPF_ITER_CREATE"},
    {34, "BPF_LINK_DETACH"},
    {35, "BPF_PROG_BIND_MAP"},
    {36, "BPF_TOKEN_CREATE"},
    {37, "BPF_PROG_STREAM_READ_BY_FD"},
});

// include/uapi/asm-generic/fcntl.h and include/uapi/linux/fcntl.h
// (F_LINUX_SPECIFIC_BASE is 1024). F_GETLK64..F_SETLKW64 exist only on
// 32-bit ABIs, where they reach the kernel through fcntl64.
constexpr auto kFcntlCmds = std::to_array<NamedValue>({
    {0, "F_DUPFD"},
    {1, "F_GETFD"},
    {2, "F_SETFD"},
    {3, "F_GETFL"},
    {4, "F_SETFL"},
    {5, "F_GETLK"},
    {6, "F_SETLK"},
    {7, "F_SETLKW"},
    {8, "F_SETOWN"},
    {9, "F_GETOWN"},
    {10, "F_SETSIG"},
    {11, "F_GETSIG"},
    {12, "F_GETLK64"},
    {13, "F_SETLK64"},
    {14, "F_SETLKW64"},
    {15, "F_SETOWN_EX"},
    {16, "F_GETOWN_EX"},
    {17, "F_GETOWNER_UIDS"},
    {36, "F_OFD_GETLK"},
    {37, "F_OFD_SETLK"},
    {38, "F_OFD_SETLKW"},
    {1024, "F_SETLEASE"},
    {1025, "F_GETLEASE"},
    {1026, "F_NOTIFY"},
    {1027, "F_DUPFD_QUERY"},
    {1028, "F_CREATED_QUERY"},
    {1029, "F_CANCELLK"},
    {1030, "F_DUPFD_CLOEXEC"},
    {1031, "F_SETPIPE_SZ"},
    {1032, "F_GETPIPE_SZ"},
    {1033, "F_ADD_SEALS"},
    {1034, "F_GET_SEALS"},
    {1035, "F_GET_RW_HINT"},
    {1036, "F_SET_RW_HINT"},
    {1037, "F_GET_FILE_RW_HINT"},
    {1038, "F_SET_FILE_RW_HINT"},
});

// include/uapi/linux/futex.h: the commands, indexed by number (0..13 are
// all assigned). The op argument ORs in the two flags below.
constexpr auto kFutexCmds = std::to_array<std::string_view>({
    "FUTEX_WAIT",
    "FUTEX_WAKE",
    "FUTEX_FD",
    "FUTEX_REQUEUE",
    "FUTEX_CMP_REQUEUE",
    "FUTEX_WAKE_OP",
    "FUTEX_LOCK_PI",
    "FUTEX_UNLOCK_PI",
    "FUTEX_TRYLOCK_PI",
    "FUTEX_WAIT_BITSET",
    "FUTEX_WAKE_BITSET",
    "FUTEX_WAIT_REQUEUE_PI",
    "FUTEX_CMP_REQUEUE_PI",
    "FUTEX_LOCK_PI2",
});
constexpr int64_t kFutexPrivateFlag = 128;
constexpr int64_t kFutexClockRealtime = 256;

// include/uapi/linux/prctl.h (linux-next, 2025: up to PR_FUTEX_HASH). 17,
// 18, 48 and 49 are unassigned; the last three are ASCII tags.
constexpr auto kPrctlOptions = std::to_array<NamedValue>({
    {1, "PR_SET_PDEATHSIG"},
    {2, "PR_GET_PDEATHSIG"},
    {3, "PR_GET_DUMPABLE"},
    {4, "PR_SET_DUMPABLE"},
    {5, "PR_GET_UNALIGN"},
    {6, "PR_SET_UNALIGN"},
    {7, "PR_GET_KEEPCAPS"},
    {8, "PR_SET_KEEPCAPS"},
    {9, "PR_GET_FPEMU"},
    {10, "PR_SET_FPEMU"},
    {11, "PR_GET_FPEXC"},
    {12, "PR_SET_FPEXC"},
    {13, "PR_GET_TIMING"},
    {14, "PR_SET_TIMING"},
    {15, "PR_SET_NAME"},
    {16, "PR_GET_NAME"},
    {19, "PR_GET_ENDIAN"},
    {20, "PR_SET_ENDIAN"},
    {21, "PR_GET_SECCOMP"},
    {22, "PR_SET_SECCOMP"},
    {23, "PR_CAPBSET_READ"},
    {24, "PR_CAPBSET_DROP"},
    {25, "PR_GET_TSC"},
    {26, "PR_SET_TSC"},
    {27, "PR_GET_SECUREBITS"},
    {28, "PR_SET_SECUREBITS"},
    {29, "PR_SET_TIMERSLACK"},
    {30, "PR_GET_TIMERSLACK"},
    {31, "PR_TASK_PERF_EVENTS_DISABLE"},
    {32, "PR_TASK_PERF_EVENTS_ENABLE"},
    {33, "PR_MCE_KILL"},
    {34, "PR_MCE_KILL_GET"},
    {35, "PR_SET_MM"},
    {36, "PR_SET_CHILD_SUBREAPER"},
    {37, "PR_GET_CHILD_SUBREAPER"},
    {38, "PR_SET_NO_NEW_PRIVS"},
    {39, "PR_GET_NO_NEW_PRIVS"},
    {40, "PR_GET_TID_ADDRESS"},
    {41, "PR_SET_THP_DISABLE"},
    {42, "PR_GET_THP_DISABLE"},
    {43, "PR_MPX_ENABLE_MANAGEMENT"},
    {44, "PR_MPX_DISABLE_MANAGEMENT"},
    {45, "PR_SET_FP_MODE"},
    {46, "PR_GET_FP_MODE"},
    {47, "PR_CAP_AMBIENT"},
    {50, "PR_SVE_SET_VL"},
    {51, "PR_SVE_GET_VL"},
    {52, "PR_GET_SPECULATION_CTRL"},
    {53, "PR_SET_SPECULATION_CTRL"},
    {54, "PR_PAC_RESET_KEYS"},
    {55, "PR_SET_TAGGED_ADDR_CTRL"},
    {56, "PR_GET_TAGGED_ADDR_CTRL"},
    {57, "PR_SET_IO_FLUSHER"},
    {58, "PR_GET_IO_FLUSHER"},
    {59, "PR_SET_SYSCALL_USER_DISPATCH"},
    {60, "PR_PAC_SET_ENABLED_KEYS"},
    {61, "PR_PAC_GET_ENABLED_KEYS"},
    {62, "PR_SCHED_CORE"},
    {63, "PR_SME_SET_VL"},
    {64, "PR_SME_GET_VL"},
    {65, "PR_SET_MDWE"},
    {66, "PR_GET_MDWE"},
    {67, "PR_SET_MEMORY_MERGE"},
    {68, "PR_GET_MEMORY_MERGE"},
    {69, "PR_RISCV_V_SET_CONTROL"},
    {70, "PR_RISCV_V_GET_CONTROL"},
    {71, "PR_RISCV_SET_ICACHE_FLUSH_CTX"},
    {72, "PR_PPC_GET_DEXCR"},
    {73, "PR_PPC_SET_DEXCR"},
    {74, "PR_GET_SHADOW_STACK_STATUS"},
    {75, "PR_SET_SHADOW_STACK_STATUS"},
    {76, "PR_LOCK_SHADOW_STACK_STATUS"},
    {77, "PR_TIMER_CREATE_RESTORE_IDS"},
    {78, "PR_FUTEX_HASH"},
    {0x41555856, "PR_GET_AUXV"},
    {0x53564d41, "PR_SET_VMA"},
    {0x59616d61, "PR_SET_PTRACER"},
});

// include/uapi/linux/keyctl.h, 0..32.
constexpr auto kKeyctlCmds = std::to_array<NamedValue>({
    {0, "KEYCTL_GET_KEYRING_ID"},
    {1, "KEYCTL_JOIN_SESSION_KEYRING"},
    {2, "KEYCTL_UPDATE"},
    {3, "KEYCTL_REVOKE"},
    {4, "KEYCTL_CHOWN"},
    {5, "KEYCTL_SETPERM"},
    {6, "KEYCTL_DESCRIBE"},
    {7, "KEYCTL_CLEAR"},
    {8, "KEYCTL_LINK"},
    {9, "KEYCTL_UNLINK"},
    {10, "KEYCTL_SEARCH"},
    {11, "KEYCTL_READ"},
    {12, "KEYCTL_INSTANTIATE"},
    {13, "KEYCTL_NEGATE"},
    {14, "KEYCTL_SET_REQKEY_KEYRING"},
    {15, "KEYCTL_SET_TIMEOUT"},
    {16, "KEYCTL_ASSUME_AUTHORITY"},
    {17, "KEYCTL_GET_SECURITY"},
    {18, "KEYCTL_SESSION_TO_PARENT"},
    {19, "KEYCTL_REJECT"},
    {20, "KEYCTL_INSTANTIATE_IOV"},
    {21, "KEYCTL_INVALIDATE"},
    {22, "KEYCTL_GET_PERSISTENT"},
    {23, "KEYCTL_DH_COMPUTE"},
    {24, "KEYCTL_PKEY_QUERY"},
    {25, "KEYCTL_PKEY_ENCRYPT"},
    {26, "KEYCTL_PKEY_DECRYPT"},
    {27, "KEYCTL_PKEY_SIGN"},
    {28, "KEYCTL_PKEY_VERIFY"},
    {29, "KEYCTL_RESTRICT_KEYRING"},
    {30, "KEYCTL_MOVE"},
    {31, "KEYCTL_CAPABILITIES"},
    {32, "KEYCTL_WATCH_KEY"},
});

// include/uapi/linux/ptrace.h: the architecture-independent requests only.
// Architecture requests (x86 PTRACE_GETREGS is 12, arm64 has no 12) cannot
// be told apart from the argument alone and are left undecoded.
constexpr auto kPtraceRequests = std::to_array<NamedValue>({
    {0, "PTRACE_TRACEME"},
    {1, "PTRACE_PEEKTEXT"},
    {2, "PTRACE_PEEKDATA"},
    {3, "PTRACE_PEEKUSR"},
    {4, "PTRACE_POKETEXT"},
    {5, "PTRACE_POKEDATA"},
    {6, "PTRACE_POKEUSR"},
    {7, "PTRACE_CONT"},
    {8, "PTRACE_KILL"},
    {9, "PTRACE_SINGLESTEP"},
    {16, "PTRACE_ATTACH"},
    {17, "PTRACE_DETACH"},
    {24, "PTRACE_SYSCALL"},
    {0x4200, "PTRACE_SETOPTIONS"},
    {0x4201, "PTRACE_GETEVENTMSG"},
    {0x4202, "PTRACE_GETSIGINFO"},
    {0x4203, "PTRACE_SETSIGINFO"},
    {0x4204, "PTRACE_GETREGSET"},
    {0x4205, "PTRACE_SETREGSET"},
    {0x4206, "PTRACE_SEIZE"},
    {0x4207, "PTRACE_INTERRUPT"},
    {0x4208, "PTRACE_LISTEN"},
    {0x4209, "PTRACE_PEEKSIGINFO"},
    {0x420a, "PTRACE_GETSIGMASK"},
    {0x420b, "PTRACE_SETSIGMASK"},
    {0x420c, "PTRACE_SECCOMP_GET_FILTER"},
    {0x420d, "PTRACE_SECCOMP_GET_METADATA"},
    {0x420e, "PTRACE_GET_SYSCALL_INFO"},
    {0x420f, "PTRACE_GET_RSEQ_CONFIGURATION"},
    {0x4210, "PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG"},
    {0x4211, "PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG"},
    {0x4212, "PTRACE_SET_SYSCALL_INFO"},
});

// include/linux/socket.h, 0..45 (AF_MAX is 46). AF_LOCAL and AF_ROUTE are
// aliases of AF_UNIX and AF_NETLINK.
constexpr auto kAddressFamilies = std::to_array<NamedValue>({
    {0, "AF_UNSPEC"},      {1, "AF_UNIX"},       {2, "AF_INET"},
    {3, "AF_AX25"},        {4, "AF_IPX"},        {5, "AF_APPLETALK"},
    {6, "AF_NETROM"},      {7, "AF_BRIDGE"},     {8, "AF_ATMPVC"},
    {9, "AF_X25"},         {10, "AF_INET6"},     {11, "AF_ROSE"},
    {12, "AF_DECnet"},     {13, "AF_NETBEUI"},   {14, "AF_SECURITY"},
    {15, "AF_KEY"},        {16, "AF_NETLINK"},   {17, "AF_PACKET"},
    {18, "AF_ASH"},        {19, "AF_ECONET"},    {20, "AF_ATMSVC"},
    {21, "AF_RDS"},        {22, "AF_SNA"},       {23, "AF_IRDA"},
    {24, "AF_PPPOX"},      {25, "AF_WANPIPE"},   {26, "AF_LLC"},
    {27, "AF_IB"},         {28, "AF_MPLS"},      {29, "AF_CAN"},
    {30, "AF_TIPC"},       {31, "AF_BLUETOOTH"}, {32, "AF_IUCV"},
    {33, "AF_RXRPC"},      {34, "AF_ISDN"},      {35, "AF_PHONET"},
    {36, "AF_IEEE802154"}, {37, "AF_CAIF"},      {38, "AF_ALG"},
    {39, "AF_NFC"},        {40, "AF_VSOCK"},     {41, "AF_KCM"},
    {42, "AF_QIPCRTR"},    {43, "AF_SMC"},       {44, "AF_XDP"},
    {45, "AF_MCTP"},
});

static_assert(SortedUnique(kBpfCmds));
static_assert(SortedUnique(kFcntlCmds));
static_assert(SortedUnique(kPrctlOptions));
static_assert(SortedUnique(kKeyctlCmds));
static_assert(SortedUnique(kPtraceRequests));
static_assert(SortedUnique(kAddressFamilies));

// include/uapi/linux/fcntl.h. An int argument arrives sign-extended or,
// as on x86-64 where glibc loads it into a 32-bit register, zero-extended.
constexpr int64_t kAtFdcwd = -100;
constexpr int64_t kAtFdcwdZeroExtended = 0xffffff9c;

// Which argument of which syscall each table names.
struct ArgTable {
  std::string_view syscall;
  std::string_view arg;
  std::span<const NamedValue> values;
};

constexpr auto kArgTables = std::to_array<ArgTable>({
    {"bpf", "cmd", kBpfCmds},
    {"fcntl", "cmd", kFcntlCmds},
    {"fcntl64", "cmd", kFcntlCmds},
    {"prctl", "option", kPrctlOptions},
    {"keyctl", "option", kKeyctlCmds},
    {"keyctl", "cmd", kKeyctlCmds},
    {"ptrace", "request", kPtraceRequests},
    {"socket", "family", kAddressFamilies},
    {"socketpair", "family", kAddressFamilies},
});

std::optional<std::string_view> Lookup(std::span<const NamedValue> table,
                                       int64_t value) {
  const auto it =
      std::ranges::lower_bound(table, value, {}, &NamedValue::value);
  if (it == table.end() || it->value != value) return std::nullopt;
  return it->name;
}

// Every command with each flag combination, spelled as strace does:
// FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME. Built once; the strings
// live for the whole program so that callers can keep views into them.
std::optional<std::string_view> DecodeFutexOp(int64_t op) {
  constexpr int64_t kFlags = kFutexPrivateFlag | kFutexClockRealtime;
  constexpr size_t kVariants = 4;  // none, private, realtime, both
  static const auto* const kNames = [] {
    auto* names = new std::array<std::string, kFutexCmds.size() * kVariants>();
    for (size_t cmd = 0; cmd < kFutexCmds.size(); ++cmd) {
      for (size_t variant = 0; variant < kVariants; ++variant) {
        std::string& name = (*names)[cmd * kVariants + variant];
        name = kFutexCmds[cmd];
        if (variant & 1) name += "_PRIVATE";
        if (variant & 2) name += "|FUTEX_CLOCK_REALTIME";
      }
    }
    return names;
  }();
  const int64_t cmd = op & ~kFlags;
  if (cmd < 0 || cmd >= static_cast<int64_t>(kFutexCmds.size())) {
    return std::nullopt;
  }
  const size_t variant = ((op & kFutexPrivateFlag) != 0 ? 1 : 0) |
                         ((op & kFutexClockRealtime) != 0 ? 2 : 0);
  return (*kNames)[static_cast<size_t>(cmd) * kVariants + variant];
}

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

// "name: value" or "name=value"; an item whose text before the separator is
// not a name ("\"a:b\"") is all value.
SyscallArg SplitItem(std::string_view item) {
  const size_t sep = item.find_first_of(":=");
  if (sep == std::string_view::npos) return {{}, item};
  const std::string_view name = Trim(item.substr(0, sep));
  if (name.empty() || !std::ranges::all_of(name, IsNameChar)) return {{}, item};
  return {name, Trim(item.substr(sep + 1))};
}

}  // namespace

std::vector<SyscallArg> SplitSyscallArgs(std::string_view args) {
  std::vector<SyscallArg> result;
  int depth = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i <= args.size(); ++i) {
    if (i < args.size()) {
      const char c = args[i];
      if (quoted) {
        if (c == '\\' && i + 1 < args.size()) {
          ++i;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        --depth;
      }
      if (c != ',' || depth > 0) continue;
    }
    const std::string_view item = Trim(args.substr(start, i - start));
    if (!item.empty()) result.push_back(SplitItem(item));
    start = i + 1;
  }
  return result;
}

std::optional<int64_t> ParseSyscallArgValue(std::string_view value) {
  int base = 16;
  if (value.starts_with("0x") || value.starts_with("0X")) {
    value.remove_prefix(2);
  } else if (value.starts_with('-')) {
    base = 10;
  }
  // from_chars would accept a sign on the hex path and "0x" twice.
  if (value.empty() ||
      (base == 16 && !std::ranges::all_of(value, IsHexDigit))) {
    return std::nullopt;
  }
  const char* const end = value.data() + value.size();
  if (base == 10) {
    int64_t parsed = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), end, parsed, 10);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return parsed;
  }
  uint64_t parsed = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), end, parsed, 16);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return static_cast<int64_t>(parsed);
}

std::optional<std::string_view> DecodeSyscallArg(std::string_view syscall,
                                                 std::string_view arg_name,
                                                 int64_t value) {
  if (arg_name == "dfd" || arg_name == "olddfd" || arg_name == "newdfd") {
    if (value == kAtFdcwd || value == kAtFdcwdZeroExtended) {
      return "AT_FDCWD";
    }
    return std::nullopt;
  }
  if ((syscall == "futex" || syscall == "futex_time32") && arg_name == "op") {
    return DecodeFutexOp(value);
  }
  for (const ArgTable& table : kArgTables) {
    if (table.syscall == syscall && table.arg == arg_name) {
      return Lookup(table.values, value);
    }
  }
  return std::nullopt;
}

std::string DescribeSyscallArgs(std::string_view syscall,
                                std::string_view args) {
  std::string result;
  size_t copied = 0;
  for (const SyscallArg& arg : SplitSyscallArgs(args)) {
    const std::optional<int64_t> value = ParseSyscallArgValue(arg.value);
    if (!value) continue;
    const std::optional<std::string_view> name =
        DecodeSyscallArg(syscall, arg.name, *value);
    if (!name) continue;
    const size_t value_end =
        static_cast<size_t>(arg.value.data() - args.data()) + arg.value.size();
    result.append(args.substr(copied, value_end - copied));
    result.append(" (").append(*name).append(")");
    copied = value_end;
  }
  result.append(args.substr(copied));
  return result;
}

}  // namespace ftriage
