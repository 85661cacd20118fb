#include "core/symbol_name.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace ftriage {
namespace {

TEST(NormalizeSymbolTest, PlainNameIsUnchanged) {
  EXPECT_EQ(NormalizeSymbol("vfs_read"), "vfs_read");
  EXPECT_EQ(NormalizeSymbol("entry_SYSCALL_64_after_hwframe"),
            "entry_SYSCALL_64_after_hwframe");
}

TEST(NormalizeSymbolTest, EmptyInputStaysEmpty) {
  EXPECT_EQ(NormalizeSymbol(""), "");
  EXPECT_EQ(NormalizeSymbol("   "), "");
}

TEST(NormalizeSymbolTest, StripsEachCompilerSuffix) {
  EXPECT_EQ(NormalizeSymbol("foo.isra.0"), "foo");
  EXPECT_EQ(NormalizeSymbol("foo.constprop.3"), "foo");
  EXPECT_EQ(NormalizeSymbol("fs_reclaim_acquire.part.0"), "fs_reclaim_acquire");
  EXPECT_EQ(NormalizeSymbol("bpf_link_free_id.part.0"), "bpf_link_free_id");
  EXPECT_EQ(NormalizeSymbol("foo.cold"), "foo");
  EXPECT_EQ(NormalizeSymbol("foo.cold.7"), "foo");
  EXPECT_EQ(NormalizeSymbol("baz.lto_priv.0"), "baz");
}

TEST(NormalizeSymbolTest, StripsLlvmSuffixWithLongHash) {
  EXPECT_EQ(NormalizeSymbol("bar.llvm.1234567890123"), "bar");
  EXPECT_EQ(NormalizeSymbol("bar.llvm.17845871523487937145"), "bar");
}

TEST(NormalizeSymbolTest, StripsChainedSuffixesInAnyOrder) {
  EXPECT_EQ(NormalizeSymbol("validate_xmit_skb.isra.105.part.106"),
            "validate_xmit_skb");
  EXPECT_EQ(NormalizeSymbol("do_one.constprop.0.isra.0"), "do_one");
  EXPECT_EQ(NormalizeSymbol("f.part.0.cold"), "f");
  EXPECT_EQ(NormalizeSymbol("f.isra.0.part.1.cold.2"), "f");
}

TEST(NormalizeSymbolTest, KeepsUnrecognizedDottedParts) {
  EXPECT_EQ(NormalizeSymbol("__func.static.x"), "__func.static.x");
  EXPECT_EQ(NormalizeSymbol("foo.12"), "foo.12");
  EXPECT_EQ(NormalizeSymbol("foo.localalias"), "foo.localalias");
  EXPECT_EQ(NormalizeSymbol("foo.partial.0"), "foo.partial.0");
  EXPECT_EQ(NormalizeSymbol("foo.isra.0x1"), "foo.isra.0x1");
  EXPECT_EQ(NormalizeSymbol("__func.static.x.isra.0"), "__func.static.x");
}

TEST(NormalizeSymbolTest, SuffixAloneIsNotStrippedToNothing) {
  EXPECT_EQ(NormalizeSymbol(".isra.0"), ".isra.0");
  EXPECT_EQ(NormalizeSymbol(".cold"), ".cold");
}

TEST(NormalizeSymbolTest, StripsModuleSuffix) {
  EXPECT_EQ(NormalizeSymbol("dummy_xmit [dummy]"), "dummy_xmit");
  EXPECT_EQ(NormalizeSymbol("nf_hook_slow.isra.0 [nf_tables]"), "nf_hook_slow");
}

TEST(NormalizeSymbolTest, BracketsWithoutNameOrSpaceAreNotAModule) {
  EXPECT_EQ(NormalizeSymbol("[unknown/kretprobe'd]"), "[unknown/kretprobe'd]");
  EXPECT_EQ(NormalizeSymbol("foo[bar]"), "foo[bar]");
  EXPECT_EQ(NormalizeSymbol("foo []"), "foo []");
}

TEST(NormalizeSymbolTest, StripsHexOffsetWithAndWithoutSize) {
  EXPECT_EQ(NormalizeSymbol("do_fault+0x1c/0x30"), "do_fault");
  EXPECT_EQ(NormalizeSymbol("entry_SYSCALL_64_after_hwframe+0x44"),
            "entry_SYSCALL_64_after_hwframe");
}

TEST(NormalizeSymbolTest, StripsDecimalOffset) {
  EXPECT_EQ(NormalizeSymbol("do_fault+28"), "do_fault");
}

TEST(NormalizeSymbolTest, KeepsPlusThatIsNotAnOffset) {
  EXPECT_EQ(NormalizeSymbol("foo+bar"), "foo+bar");
  EXPECT_EQ(NormalizeSymbol("foo+"), "foo+");
  EXPECT_EQ(NormalizeSymbol("foo+0x"), "foo+0x");
  EXPECT_EQ(NormalizeSymbol("foo+0x1c/"), "foo+0x1c/");
  EXPECT_EQ(NormalizeSymbol("foo+28/48"), "foo+28/48");
  EXPECT_EQ(NormalizeSymbol("+0x1c/0x30"), "+0x1c/0x30");
}

TEST(NormalizeSymbolTest, StripsTrailingCallParens) {
  EXPECT_EQ(NormalizeSymbol("kmem_cache_free()"), "kmem_cache_free");
  EXPECT_EQ(NormalizeSymbol("()"), "()");
}

TEST(NormalizeSymbolTest, StripsCombinedDecorations) {
  EXPECT_EQ(NormalizeSymbol("tcp_v4_rcv.cold+0x1c/0x30 [nf]"), "tcp_v4_rcv");
  EXPECT_EQ(NormalizeSymbol("dummy_xmit [dummy]()"), "dummy_xmit");
  EXPECT_EQ(NormalizeSymbol("foo.part.0()"), "foo");
  EXPECT_EQ(NormalizeSymbol("foo.isra.0+28"), "foo");
}

TEST(NormalizeSymbolTest, TrimsSurroundingWhitespace) {
  EXPECT_EQ(NormalizeSymbol("  vfs_read\t"), "vfs_read");
  EXPECT_EQ(NormalizeSymbol("vfs_read\r"), "vfs_read");
  EXPECT_EQ(NormalizeSymbol("\xc2\xa0vfs_read\xc2\xa0"), "vfs_read");
  EXPECT_EQ(NormalizeSymbol(" dummy_xmit [dummy] "), "dummy_xmit");
}

TEST(NormalizeSymbolTest, HexAddressIsUnchanged) {
  EXPECT_EQ(NormalizeSymbol("0xffffffff81234567"), "0xffffffff81234567");
}

TEST(NormalizeSymbolTest, SymbolModuleReturnsModuleName) {
  EXPECT_EQ(SymbolModule("dummy_xmit [dummy]"), "dummy");
  EXPECT_EQ(SymbolModule("nft_do_chain+0x1c/0x30 [nf_tables]"), "nf_tables");
  EXPECT_EQ(SymbolModule("dummy_xmit [dummy]()"), "dummy");
  EXPECT_EQ(SymbolModule(" dummy_xmit [dummy] "), "dummy");
}

TEST(NormalizeSymbolTest, SymbolModuleIsEmptyForCoreKernel) {
  EXPECT_EQ(SymbolModule("vfs_read"), "");
  EXPECT_EQ(SymbolModule(""), "");
  EXPECT_EQ(SymbolModule("[unknown/kretprobe'd]"), "");
  EXPECT_EQ(SymbolModule("foo []"), "");
}

TEST(NormalizeSymbolTest, SymbolModuleIsAViewIntoTheInput) {
  const std::string raw = "dummy_xmit [dummy]";
  const std::string_view module = SymbolModule(raw);
  EXPECT_EQ(module.data(), raw.data() + raw.find("dummy]"));
}

TEST(SyscallNameTest, StripsArchitectureWrapperPrefixes) {
  EXPECT_EQ(SyscallName("__x64_sys_openat"), "openat");
  EXPECT_EQ(SyscallName("__ia32_sys_clock_gettime32"), "clock_gettime32");
  EXPECT_EQ(SyscallName("__arm64_sys_mount"), "mount");
  EXPECT_EQ(SyscallName("__riscv_sys_read"), "read");
  EXPECT_EQ(SyscallName("__s390x_sys_write"), "write");
  EXPECT_EQ(SyscallName("__s390_sys_write"), "write");
}

TEST(SyscallNameTest, StripsCompatWrapperPrefixes) {
  EXPECT_EQ(SyscallName("__ia32_compat_sys_io_pgetevents_time32"),
            "io_pgetevents_time32");
  EXPECT_EQ(SyscallName("__x64_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("__arm64_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("__riscv_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("__s390_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("__se_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("__do_compat_sys_ioctl"), "ioctl");
  EXPECT_EQ(SyscallName("compat_sys_ioctl"), "ioctl");
}

TEST(SyscallNameTest, StripsGenericWrapperPrefixes) {
  EXPECT_EQ(SyscallName("__se_sys_bpf"), "bpf");
  EXPECT_EQ(SyscallName("__do_sys_bpf"), "bpf");
  EXPECT_EQ(SyscallName("SyS_nanosleep"), "nanosleep");
  EXPECT_EQ(SyscallName("sys_bpf"), "bpf");
}

TEST(SyscallNameTest, StripsFunctionPaddingPrefixFirst) {
  EXPECT_EQ(SyscallName("__pfx___x64_sys_bpf"), "bpf");
  EXPECT_EQ(SyscallName("__pfx_sys_bpf"), "bpf");
  EXPECT_EQ(SyscallName("__pfx_vfs_read"), "");
}

TEST(SyscallNameTest, HelpersAndEntryCodeAreNotSyscalls) {
  EXPECT_EQ(SyscallName("ksys_read"), "");
  EXPECT_EQ(SyscallName("__sys_bpf"), "");
  EXPECT_EQ(SyscallName("do_syscall_64"), "");
  EXPECT_EQ(SyscallName("syscall_trace_enter"), "");
  EXPECT_EQ(SyscallName("vfs_read"), "");
  EXPECT_EQ(SyscallName(""), "");
}

TEST(SyscallNameTest, PrefixWithoutNameGivesEmpty) {
  EXPECT_EQ(SyscallName("sys_"), "");
  EXPECT_EQ(SyscallName("__x64_sys_"), "");
}

TEST(SyscallNameTest, PrefixesAreCaseSensitive) {
  EXPECT_EQ(SyscallName("SYS_bpf"), "");
  EXPECT_EQ(SyscallName("sYs_bpf"), "");
}

TEST(SyscallNameTest, ResultIsAViewIntoTheInput) {
  const std::string name = "__x64_sys_openat";
  const std::string_view syscall = SyscallName(name);
  EXPECT_EQ(syscall.data(), name.data() + 10);
}

}  // namespace
}  // namespace ftriage
