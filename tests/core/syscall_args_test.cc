#include "core/syscall_args.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ftriage {
namespace {

// Argument lists of real syscall enter events, as captured in testdata.
// testdata/real/6.12.117+deb12-amd64_x86_64_func-stack_bpf.txt:15
constexpr std::string_view kBpfArgs = "cmd: 0, uattr: 7ffd63ffcca0, size: 90";
// testdata/real/6.12.117+deb12-amd64_x86_64_fgraph_openat.txt:8
constexpr std::string_view kOpenatArgs =
    "dfd: ffffff9c, filename: 47a0ea, flags: 0, mode: 0";
// testdata/real/6.12.117+deb12-amd64_x86_64_fgraph_openat.txt:190
constexpr std::string_view kOpenatModeArgs =
    "dfd: ffffff9c, filename: 47a0d8, flags: 0, mode: fe";
// testdata/corpus/function/ftrace-rst-instance-syscalls-events.txt:16
constexpr std::string_view kFcntlArgs = "fd: a, cmd: 1, arg: 0";
// testdata/corpus/function/ftrace-rst-instance-syscalls-events.txt:14
constexpr std::string_view kDup2Args = "oldfd: a, newfd: 1";
// testdata/real/6.1.0-56-amd64_x86_64_func-stack_mount.txt:43
constexpr std::string_view kMountArgs =
    "dev_name: 47a0a7, dir_name: 47a0c9, type: 47a08b, flags: 0, data: 47a09e";
// testdata/corpus/retsnoop/readme-args-compact-TAS.txt:6 (retsnoop, not
// ftrace: space-separated and cut short by retsnoop)
constexpr std::string_view kRetsnoopBpfArgs =
    "cmd=1 uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\u2026 size=32";

bool PointsInto(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() &&
         part.data() + part.size() <= whole.data() + whole.size();
}

TEST(SyscallArgsTest, RealBpfArgsSplitIntoNamedValues) {
  const std::vector<SyscallArg> args = SplitSyscallArgs(kBpfArgs);
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].name, "cmd");
  EXPECT_EQ(args[0].value, "0");
  EXPECT_EQ(args[1].name, "uattr");
  EXPECT_EQ(args[1].value, "7ffd63ffcca0");
  EXPECT_EQ(args[2].name, "size");
  EXPECT_EQ(args[2].value, "90");
}

TEST(SyscallArgsTest, ViewsPointIntoTheInput) {
  for (const SyscallArg& arg : SplitSyscallArgs(kOpenatArgs)) {
    EXPECT_TRUE(PointsInto(arg.name, kOpenatArgs)) << arg.name;
    EXPECT_TRUE(PointsInto(arg.value, kOpenatArgs)) << arg.value;
  }
}

TEST(SyscallArgsTest, RealOpenatAndFcntlArgs) {
  const std::vector<SyscallArg> openat = SplitSyscallArgs(kOpenatModeArgs);
  ASSERT_EQ(openat.size(), 4u);
  EXPECT_EQ(openat[0].name, "dfd");
  EXPECT_EQ(openat[0].value, "ffffff9c");
  EXPECT_EQ(openat[3].name, "mode");
  EXPECT_EQ(openat[3].value, "fe");

  const std::vector<SyscallArg> fcntl = SplitSyscallArgs(kFcntlArgs);
  ASSERT_EQ(fcntl.size(), 3u);
  EXPECT_EQ(fcntl[0].value, "a");
  EXPECT_EQ(fcntl[1].name, "cmd");
  EXPECT_EQ(fcntl[1].value, "1");
}

TEST(SyscallArgsTest, SyntheticEqualsSeparatorAndExtraSpaces) {
  const std::vector<SyscallArg> args =
      SplitSyscallArgs("  cmd=0 ,uattr =  c000097058 ,size:40 ");
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].name, "cmd");
  EXPECT_EQ(args[0].value, "0");
  EXPECT_EQ(args[1].name, "uattr");
  EXPECT_EQ(args[1].value, "c000097058");
  EXPECT_EQ(args[2].name, "size");
  EXPECT_EQ(args[2].value, "40");
}

TEST(SyscallArgsTest, SyntheticEmptyInputAndEmptyItemsGiveNothing) {
  EXPECT_TRUE(SplitSyscallArgs("").empty());
  EXPECT_TRUE(SplitSyscallArgs("  ").empty());
  EXPECT_EQ(SplitSyscallArgs("fd: 3,, ,").size(), 1u);
}

TEST(SyscallArgsTest, SyntheticCommasInQuotesOrBracketsDoNotSplit) {
  const std::vector<SyscallArg> args =
      SplitSyscallArgs(R"(path: "a,\"b", attr: {x, [y, z]}, size: 8)");
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].value, R"("a,\"b")");
  EXPECT_EQ(args[1].value, "{x, [y, z]}");
  EXPECT_EQ(args[2].name, "size");
}

TEST(SyscallArgsTest, SyntheticItemWithoutNameIsAllValue) {
  const std::vector<SyscallArg> args =
      SplitSyscallArgs(R"(7f00, "a:b", fd: 3)");
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0].name, "");
  EXPECT_EQ(args[0].value, "7f00");
  EXPECT_EQ(args[1].name, "");
  EXPECT_EQ(args[1].value, R"("a:b")");
  EXPECT_EQ(args[2].name, "fd");
}

TEST(SyscallArgsTest, SyntheticUnterminatedQuoteKeepsTheRest) {
  const std::vector<SyscallArg> args = SplitSyscallArgs(R"(fd: 3, s: "ab\)");
  ASSERT_EQ(args.size(), 2u);
  EXPECT_EQ(args[1].value, R"("ab\)");
}

TEST(ParseSyscallArgValueTest, BareTokensAreHexAsFtracePrintsThem) {
  EXPECT_EQ(ParseSyscallArgValue("0"), 0);
  EXPECT_EQ(ParseSyscallArgValue("a"), 10);
  EXPECT_EQ(ParseSyscallArgValue("90"), 0x90);
  EXPECT_EQ(ParseSyscallArgValue("fe"), 0xfe);
  EXPECT_EQ(ParseSyscallArgValue("7ffd63ffcca0"), INT64_C(0x7ffd63ffcca0));
  EXPECT_EQ(ParseSyscallArgValue("C000097058"), INT64_C(0xc000097058));
}

TEST(ParseSyscallArgValueTest, NegativeIntKeepsItsZeroExtendedPattern) {
  EXPECT_EQ(ParseSyscallArgValue("ffffff9c"), INT64_C(0xffffff9c));
  EXPECT_EQ(ParseSyscallArgValue("ffffffffffffff9c"), -100);
  EXPECT_EQ(ParseSyscallArgValue("ffffffffffffffff"), -1);
}

TEST(ParseSyscallArgValueTest, SyntheticPrefixedHexAndSignedDecimal) {
  EXPECT_EQ(ParseSyscallArgValue("0x00000000"), 0);
  EXPECT_EQ(ParseSyscallArgValue("0x00000090"), 0x90);
  EXPECT_EQ(ParseSyscallArgValue("0XFFFFFF9C"), INT64_C(0xffffff9c));
  EXPECT_EQ(ParseSyscallArgValue("-100"), -100);
  EXPECT_EQ(ParseSyscallArgValue("-1"), -1);
}

TEST(ParseSyscallArgValueTest, SyntheticNonNumbersAreRejected) {
  for (const std::string_view text :
       {"", "0x", "-", "zz", "1g", "+1", "0x-1", "-0x10", "0x0x1", " 1", "1 ",
        "(null)", "10000000000000000"}) {
    EXPECT_EQ(ParseSyscallArgValue(text), std::nullopt) << text;
  }
}

TEST(DecodeSyscallArgTest, BpfCommands) {
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 0), "BPF_MAP_CREATE");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 1), "BPF_MAP_LOOKUP_ELEM");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 5), "BPF_PROG_LOAD");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 10), "BPF_PROG_TEST_RUN");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 18), "BPF_BTF_LOAD");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 28), "BPF_LINK_CREATE");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 36), "BPF_TOKEN_CREATE");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 37), "BPF_PROG_STREAM_READ_BY_FD");
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", 38), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("bpf", "cmd", -1), std::nullopt);
}

TEST(DecodeSyscallArgTest, EveryBpfCommandUpToTheNewestHasAName) {
  for (int64_t cmd = 0; cmd <= 37; ++cmd) {
    const std::optional<std::string_view> name =
        DecodeSyscallArg("bpf", "cmd", cmd);
    ASSERT_TRUE(name.has_value()) << cmd;
    EXPECT_TRUE(name->starts_with("BPF_")) << *name;
  }
}

TEST(DecodeSyscallArgTest, FcntlCommands) {
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 0), "F_DUPFD");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 1), "F_GETFD");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 4), "F_SETFL");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 7), "F_SETLKW");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 16), "F_GETOWN_EX");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 38), "F_OFD_SETLKW");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 1024), "F_SETLEASE");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 1030), "F_DUPFD_CLOEXEC");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 1034), "F_GET_SEALS");
  EXPECT_EQ(DecodeSyscallArg("fcntl64", "cmd", 1031), "F_SETPIPE_SZ");
  EXPECT_EQ(DecodeSyscallArg("fcntl", "cmd", 18), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("fcntl", "fd", 1), std::nullopt);
}

TEST(DecodeSyscallArgTest, FutexOpsNameTheirFlagsAsSuffixes) {
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 0), "FUTEX_WAIT");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 1), "FUTEX_WAKE");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 128), "FUTEX_WAIT_PRIVATE");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 129), "FUTEX_WAKE_PRIVATE");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 11), "FUTEX_WAIT_REQUEUE_PI");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 13), "FUTEX_LOCK_PI2");
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 9 | 256),
            "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME");
  EXPECT_EQ(DecodeSyscallArg("futex_time32", "op", 9 | 128 | 256),
            "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME");
}

TEST(DecodeSyscallArgTest, FutexOpsOutsideTheKnownSetHaveNoName) {
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 14), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 128 | 14), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("futex", "op", 512 | 1), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("futex", "op", -1), std::nullopt);
}

TEST(DecodeSyscallArgTest, FutexNamesStayInPlace) {
  const std::optional<std::string_view> first =
      DecodeSyscallArg("futex", "op", 129);
  const std::optional<std::string_view> second =
      DecodeSyscallArg("futex", "op", 129);
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(first->data(), second->data());
}

TEST(DecodeSyscallArgTest, PrctlOptions) {
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 1), "PR_SET_PDEATHSIG");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 15), "PR_SET_NAME");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 22), "PR_SET_SECCOMP");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 38), "PR_SET_NO_NEW_PRIVS");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 47), "PR_CAP_AMBIENT");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 78), "PR_FUTEX_HASH");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 0x59616d61), "PR_SET_PTRACER");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 0x53564d41), "PR_SET_VMA");
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 0), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 17), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("prctl", "option", 48), std::nullopt);
}

TEST(DecodeSyscallArgTest, KeyctlCommandsUnderEitherArgumentName) {
  EXPECT_EQ(DecodeSyscallArg("keyctl", "option", 0), "KEYCTL_GET_KEYRING_ID");
  EXPECT_EQ(DecodeSyscallArg("keyctl", "cmd", 11), "KEYCTL_READ");
  EXPECT_EQ(DecodeSyscallArg("keyctl", "option", 32), "KEYCTL_WATCH_KEY");
  EXPECT_EQ(DecodeSyscallArg("keyctl", "option", 33), std::nullopt);
}

TEST(DecodeSyscallArgTest, PtraceRequests) {
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 0), "PTRACE_TRACEME");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 1), "PTRACE_PEEKTEXT");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 16), "PTRACE_ATTACH");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 17), "PTRACE_DETACH");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 24), "PTRACE_SYSCALL");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 0x4206), "PTRACE_SEIZE");
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 0x420e),
            "PTRACE_GET_SYSCALL_INFO");
  // Architecture-specific (x86 PTRACE_GETREGS): not decoded.
  EXPECT_EQ(DecodeSyscallArg("ptrace", "request", 12), std::nullopt);
}

TEST(DecodeSyscallArgTest, SocketFamilies) {
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 1), "AF_UNIX");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 2), "AF_INET");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 10), "AF_INET6");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 16), "AF_NETLINK");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 17), "AF_PACKET");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 44), "AF_XDP");
  EXPECT_EQ(DecodeSyscallArg("socketpair", "family", 1), "AF_UNIX");
  EXPECT_EQ(DecodeSyscallArg("socket", "family", 46), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("socket", "type", 1), std::nullopt);
}

TEST(DecodeSyscallArgTest, RealOpenatDfdIsAtFdcwd) {
  const std::vector<SyscallArg> args = SplitSyscallArgs(kOpenatArgs);
  ASSERT_FALSE(args.empty());
  const std::optional<int64_t> dfd = ParseSyscallArgValue(args[0].value);
  ASSERT_TRUE(dfd.has_value());
  EXPECT_EQ(DecodeSyscallArg("openat", args[0].name, *dfd), "AT_FDCWD");
}

TEST(DecodeSyscallArgTest, SyntheticAtFdcwdInEitherWidth) {
  EXPECT_EQ(DecodeSyscallArg("openat", "dfd", -100), "AT_FDCWD");
  EXPECT_EQ(DecodeSyscallArg("openat2", "dfd", 0xffffff9c), "AT_FDCWD");
  EXPECT_EQ(DecodeSyscallArg("renameat2", "olddfd", -100), "AT_FDCWD");
  EXPECT_EQ(DecodeSyscallArg("openat", "dfd", 3), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("openat", "dfd", -99), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("openat", "flags", -100), std::nullopt);
}

TEST(DecodeSyscallArgTest, UnknownSyscallsAndPrefixedNamesHaveNoNames) {
  EXPECT_EQ(DecodeSyscallArg("sys_bpf", "cmd", 0), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("bpf", "size", 0), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("ioctl", "cmd", 0), std::nullopt);
  EXPECT_EQ(DecodeSyscallArg("", "", 0), std::nullopt);
}

TEST(DescribeSyscallArgsTest, RealBpfCommandIsNamed) {
  EXPECT_EQ(DescribeSyscallArgs("bpf", kBpfArgs),
            "cmd: 0 (BPF_MAP_CREATE), uattr: 7ffd63ffcca0, size: 90");
}

TEST(DescribeSyscallArgsTest, RealOpenatDfdIsNamed) {
  EXPECT_EQ(DescribeSyscallArgs("openat", kOpenatModeArgs),
            "dfd: ffffff9c (AT_FDCWD), filename: 47a0d8, flags: 0, mode: fe");
}

TEST(DescribeSyscallArgsTest, RealFcntlCommandIsNamed) {
  EXPECT_EQ(DescribeSyscallArgs("fcntl", kFcntlArgs),
            "fd: a, cmd: 1 (F_GETFD), arg: 0");
}

TEST(DescribeSyscallArgsTest, RealArgsWithoutCommandsAreUnchanged) {
  EXPECT_EQ(DescribeSyscallArgs("dup2", kDup2Args), kDup2Args);
  EXPECT_EQ(DescribeSyscallArgs("mount", kMountArgs), kMountArgs);
}

TEST(DescribeSyscallArgsTest, RealRetsnoopArgsAreLeftAlone) {
  EXPECT_EQ(DescribeSyscallArgs("bpf", kRetsnoopBpfArgs), kRetsnoopBpfArgs);
}

TEST(DescribeSyscallArgsTest, SyntheticTraceCmdPrefixedHex) {
  EXPECT_EQ(
      DescribeSyscallArgs(
          "bpf", "cmd: 0x00000005, uattr: 0x7ffd63ffcca0, size: 0x00000090"),
      "cmd: 0x00000005 (BPF_PROG_LOAD), uattr: 0x7ffd63ffcca0, "
      "size: 0x00000090");
}

TEST(DescribeSyscallArgsTest, SyntheticSpacingIsKept) {
  EXPECT_EQ(DescribeSyscallArgs("bpf", " cmd=0 ,  size=40 "),
            " cmd=0 (BPF_MAP_CREATE) ,  size=40 ");
}

TEST(DescribeSyscallArgsTest, SyntheticFutexOpReadAsHex) {
  EXPECT_EQ(DescribeSyscallArgs(
                "futex", "uaddr: 7f2a1c0008a0, op: 81, val: 1, utime: 0"),
            "uaddr: 7f2a1c0008a0, op: 81 (FUTEX_WAKE_PRIVATE), val: 1, "
            "utime: 0");
}

TEST(DescribeSyscallArgsTest, SyntheticEmptyAndUnknown) {
  EXPECT_EQ(DescribeSyscallArgs("bpf", ""), "");
  EXPECT_EQ(DescribeSyscallArgs("read", "fd: 3, buf: 7ffd, count: 1000"),
            "fd: 3, buf: 7ffd, count: 1000");
}

}  // namespace
}  // namespace ftriage
