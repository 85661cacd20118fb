#include "kernel/source_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage::kernel {
namespace {

// Hand-made C snippets; the expectations name lines of the snippet.

std::string Str(const FileScan& s, StringId id) {
  return std::string(s.Get(id));
}

// "name line-end" for every definition, in order.
std::vector<std::string> Defs(const FileScan& s) {
  std::vector<std::string> out;
  for (const Definition& d : s.definitions) {
    out.push_back(Str(s, d.name) + " " + std::to_string(d.line) + "-" +
                  std::to_string(d.end_line));
  }
  return out;
}

const Definition& Def(const FileScan& s, std::string_view name,
                      size_t nth = 0) {
  for (const Definition& d : s.definitions) {
    if (s.Get(d.name) == name && nth-- == 0) return d;
  }
  ADD_FAILURE() << "no definition " << name;
  static const Definition kNone;
  return kNone;
}

std::string Cond(const FileScan& s, std::string_view name, size_t nth = 0) {
  return Str(s, Def(s, name, nth).condition);
}

// "callee@line", "->callee@line" for calls through a member.
std::vector<std::string> Calls(const FileScan& s, std::string_view name,
                               size_t nth = 0) {
  const Definition& d = Def(s, name, nth);
  std::vector<std::string> out;
  for (size_t i = 0; i < s.definitions.size(); ++i) {
    if (&s.definitions[i] != &d) continue;
    for (const CallSite& c : s.calls[i]) {
      out.push_back((c.through_member ? "->" : "") + Str(s, c.callee) + "@" +
                    std::to_string(c.line));
    }
  }
  return out;
}

std::string CallCond(const FileScan& s, std::string_view def,
                     std::string_view callee) {
  for (size_t i = 0; i < s.definitions.size(); ++i) {
    if (s.Get(s.definitions[i].name) != def) continue;
    for (const CallSite& c : s.calls[i]) {
      if (s.Get(c.callee) == callee) return Str(s, c.condition);
    }
  }
  ADD_FAILURE() << def << " does not call " << callee;
  return {};
}

// "name@line in context"
std::vector<std::string> Refs(const FileScan& s) {
  std::vector<std::string> out;
  for (const Reference& r : s.references) {
    out.push_back(Str(s, r.name) + "@" + std::to_string(r.line) + " in " +
                  Str(s, r.context));
  }
  return out;
}

std::string RefCond(const FileScan& s, std::string_view name) {
  for (const Reference& r : s.references) {
    if (s.Get(r.name) == name) return Str(s, r.condition);
  }
  ADD_FAILURE() << "no reference " << name;
  return {};
}

using Strings = std::vector<std::string>;

TEST(SourceScannerTest, SyntheticDefinitionFlags) {
  FileScan s = ScanSource(
      "static inline int a(void) { return 0; }\n"
      "static __always_inline void b(int x)\n"
      "{\n"
      "}\n"
      "notrace void c(void) {}\n"
      "int __weak d(void) { return 1; }\n"
      "static int __init e(void) { return 0; }\n"
      "noinline int f(void) { return 0; }\n"
      "extern inline int g(void) { return 0; }\n"
      "int plain(void) { return 0; }\n"
      "noinstr void h(void) {}\n");
  EXPECT_EQ(Defs(s), (Strings{"a 1-1", "b 2-4", "c 5-5", "d 6-6", "e 7-7",
                              "f 8-8", "g 9-9", "plain 10-10", "h 11-11"}));
  EXPECT_EQ(Def(s, "a").flags, kStatic | kInline);
  EXPECT_EQ(Def(s, "b").flags, kStatic | kAlwaysInline);
  EXPECT_EQ(Def(s, "c").flags, kNotrace);
  EXPECT_EQ(Def(s, "d").flags, kWeak);
  EXPECT_EQ(Def(s, "e").flags, kStatic | kInit);
  EXPECT_EQ(Def(s, "f").flags, kNoinline);
  EXPECT_EQ(Def(s, "g").flags, kExtern | kInline);
  EXPECT_EQ(Def(s, "plain").flags, 0);
  EXPECT_EQ(Def(s, "h").flags, kNotrace | kNoinline);
}

TEST(SourceScannerTest, SyntheticMultiLineSignature) {
  FileScan s = ScanSource(
      "static long\n"
      "do_thing(struct foo *f,\n"
      "\t unsigned long flags)\n"
      "\t__acquires(f->lock)\n"
      "{\n"
      "\thelper(f,\n"
      "\t       flags);\n"
      "}\n");
  EXPECT_EQ(Defs(s), Strings{"do_thing 2-8"});
  EXPECT_EQ(Def(s, "do_thing").flags, kStatic);
  EXPECT_EQ(Calls(s, "do_thing"), Strings{"helper@6"});
}

TEST(SourceScannerTest, SyntheticMacrosAndPrototypesAreNotDefinitions) {
  FileScan s = ScanSource(
      "#define max(a, b) ({ (a) > (b) ? (a) : (b); })\n"
      "#define DEFINE_FN(n) \\\n"
      "\tint n(void) { return 0; }\n"
      "int proto(int a);\n"
      "extern void proto2(void) __attribute__((noreturn));\n"
      "static int (*fp)(int);\n"
      "typedef void (*cb_t)(void);\n"
      "asm(\".globl x\");\n");
  EXPECT_TRUE(s.definitions.empty()) << ::testing::PrintToString(Defs(s));
  EXPECT_TRUE(s.references.empty()) << ::testing::PrintToString(Refs(s));
}

TEST(SourceScannerTest, SyntheticAggregatesAndInitializersAreNotFunctions) {
  FileScan s = ScanSource(
      "struct ops {\n"
      "\tint (*open)(int);\n"
      "\tvoid (*close)(void);\n"
      "};\n"
      "enum { A = 1, B };\n"
      "union u { int x; long y; };\n"
      "struct s { int a; } __packed;\n"
      "static struct ops my_ops = {\n"
      "\t.open = my_open,\n"
      "\t.close = my_close,\n"
      "};\n"
      "int real(void) { return 0; }\n");
  EXPECT_EQ(Defs(s), Strings{"real 12-12"});
  EXPECT_EQ(Refs(s), (Strings{"my_open@9 in my_ops", "my_close@10 in my_ops"}));
}

TEST(SourceScannerTest, SyntheticConditionsOnDefinitions) {
  FileScan s = ScanSource(
      "#ifdef CONFIG_A\n"
      "int a1(void) { return 0; }\n"
      "#else\n"
      "int a2(void) { return 0; }\n"
      "#endif\n"
      "#ifndef CONFIG_B\n"
      "int b1(void) { return 0; }\n"
      "#endif\n"
      "#if defined(CONFIG_C) && IS_ENABLED(CONFIG_D)\n"
      "int c1(void) { return 0; }\n"
      "#elif IS_ENABLED(CONFIG_E) /* comment */\n"
      "int c2(void) { return 0; }\n"
      "#else\n"
      "int c3(void) { return 0; }\n"
      "#endif\n"
      "#ifdef CONFIG_F\n"
      "# ifdef CONFIG_G\n"
      "int fg(void) { return 0; }\n"
      "# endif\n"
      "int f(void) { return 0; }\n"
      "#endif\n"
      "int none(void) { return 0; }\n");
  EXPECT_EQ(Cond(s, "a1"), "(defined(CONFIG_A))");
  EXPECT_EQ(Cond(s, "a2"), "!(defined(CONFIG_A))");
  EXPECT_EQ(Cond(s, "b1"), "(!defined(CONFIG_B))");
  EXPECT_EQ(Cond(s, "c1"), "(defined(CONFIG_C) && IS_ENABLED(CONFIG_D))");
  EXPECT_EQ(Cond(s, "c2"),
            "!(defined(CONFIG_C) && IS_ENABLED(CONFIG_D)) && "
            "(IS_ENABLED(CONFIG_E))");
  EXPECT_EQ(Cond(s, "c3"),
            "!(defined(CONFIG_C) && IS_ENABLED(CONFIG_D)) && "
            "!(IS_ENABLED(CONFIG_E))");
  EXPECT_EQ(Cond(s, "fg"), "(defined(CONFIG_F)) && (defined(CONFIG_G))");
  EXPECT_EQ(Cond(s, "f"), "(defined(CONFIG_F))");
  EXPECT_EQ(Cond(s, "none"), "");
}

TEST(SourceScannerTest, SyntheticConditionsOnCallsAndReferences) {
  FileScan s = ScanSource(
      "void f(void)\n"
      "{\n"
      "\talways();\n"
      "#ifdef CONFIG_X\n"
      "\tonly_x();\n"
      "#else\n"
      "\tnot_x();\n"
      "#endif\n"
      "}\n"
      "#ifdef CONFIG_OUT\n"
      "void g(void)\n"
      "{\n"
      "#if IS_ENABLED(CONFIG_IN)\n"
      "\tinner();\n"
      "#endif\n"
      "}\n"
      "#endif\n"
      "static const struct ops o = {\n"
      "#ifdef CONFIG_Y\n"
      "\t.open = y_open,\n"
      "#endif\n"
      "\t.close = any_close,\n"
      "};\n");
  EXPECT_EQ(Calls(s, "f"), (Strings{"always@3", "only_x@5", "not_x@7"}));
  EXPECT_EQ(CallCond(s, "f", "always"), "");
  EXPECT_EQ(CallCond(s, "f", "only_x"), "(defined(CONFIG_X))");
  EXPECT_EQ(CallCond(s, "f", "not_x"), "!(defined(CONFIG_X))");
  EXPECT_EQ(Cond(s, "g"), "(defined(CONFIG_OUT))");
  EXPECT_EQ(CallCond(s, "g", "inner"),
            "(defined(CONFIG_OUT)) && (IS_ENABLED(CONFIG_IN))");
  EXPECT_EQ(Refs(s), (Strings{"y_open@20 in o", "any_close@22 in o"}));
  EXPECT_EQ(RefCond(s, "y_open"), "(defined(CONFIG_Y))");
  EXPECT_EQ(RefCond(s, "any_close"), "");
}

TEST(SourceScannerTest, SyntheticIncludeGuardIsNotACondition) {
  FileScan s = ScanSource(
      "/* SPDX-License-Identifier: GPL-2.0 */\n"
      "#ifndef _LINUX_FOO_H\n"
      "#define _LINUX_FOO_H\n"
      "#ifdef CONFIG_Z\n"
      "static inline int z(void) { return 1; }\n"
      "#endif\n"
      "static inline int always(void) { return 0; }\n"
      "#endif /* _LINUX_FOO_H */\n");
  EXPECT_EQ(Cond(s, "z"), "(defined(CONFIG_Z))");
  EXPECT_EQ(Cond(s, "always"), "");

  // Code before the #ifndef, or between it and the #define: no guard.
  FileScan late = ScanSource(
      "int x;\n"
      "#ifndef FOO\n"
      "#define FOO 1\n"
      "int y(void) { return 0; }\n"
      "#endif\n");
  EXPECT_EQ(Cond(late, "y"), "(!defined(FOO))");
  FileScan other = ScanSource(
      "#ifndef BAR\n"
      "int w(void) { return 0; }\n"
      "#define BAR\n"
      "#endif\n");
  EXPECT_EQ(Cond(other, "w"), "(!defined(BAR))");
}

TEST(SourceScannerTest, SyntheticCommentsAndLiteralsHideBracesAndParens) {
  FileScan s = ScanSource(
      "/* a comment with { braces ( and calls() */\n"
      "int f(void)\n"
      "{\n"
      "\t// not_a_call(x) {\n"
      "\tputs(\"} not_a_call( {\");\n"
      "\tchar c = '{';\n"
      "\tchar d = '\\'';\n"
      "\treal_call(/* ) } */ 1);\n"
      "\treturn 0;\n"
      "}\n"
      "/*\n"
      " * multi-line { comment\n"
      " */\n"
      "int after(void) { return L\"(\"[0]; }\n");
  EXPECT_EQ(Defs(s), (Strings{"f 2-10", "after 14-14"}));
  EXPECT_EQ(Calls(s, "f"), (Strings{"puts@5", "real_call@8"}));
}

TEST(SourceScannerTest, SyntheticLineContinuations) {
  FileScan s = ScanSource(
      "#define LONG_MACRO(x) \\\n"
      "\tdo { \\\n"
      "\t\tcall_in_macro(x); \\\n"
      "\t} while (0)\n"
      "int h(void)\n"
      "{\n"
      "\tLONG_MACRO(1);\n"
      "\treturn 0;\n"
      "}\n"
      "#if defined(CONFIG_A) && \\\n"
      "    defined(CONFIG_B)\n"
      "int ab(void) { return 0; }\n"
      "#endif\n");
  EXPECT_EQ(Defs(s), (Strings{"h 5-9", "ab 12-12"}));
  EXPECT_EQ(Calls(s, "h"), Strings{"LONG_MACRO@7"});
  EXPECT_EQ(Cond(s, "ab"), "(defined(CONFIG_A) && defined(CONFIG_B))");
}

TEST(SourceScannerTest, SyntheticSyscallDefinitions) {
  FileScan s = ScanSource(
      "SYSCALL_DEFINE2(clock_gettime32, clockid_t, which,\n"
      "\t\tstruct old_timespec32 __user *, tp)\n"
      "{\n"
      "\treturn do_clock_gettime(which, tp);\n"
      "}\n"
      "COMPAT_SYSCALL_DEFINE1(foo, int, x)\n"
      "{\n"
      "\treturn 0;\n"
      "}\n"
      "SYSCALL_DEFINE0(getpid)\n"
      "{\n"
      "\treturn task_tgid_vnr(current);\n"
      "}\n"
      "BPF_CALL_2(bpf_map_lookup_elem, struct bpf_map *, map, void *, key)\n"
      "{\n"
      "\treturn map_lookup(map, key);\n"
      "}\n"
      "COND_SYSCALL(io_setup);\n"
      "COND_SYSCALL_COMPAT(io_setup);\n"
      "DEFINE_IDTENTRY_IRQ(common_interrupt)\n"
      "{\n"
      "\thandle(regs);\n"
      "}\n"
      "static inline union sctp_arg SCTP_FORCE(void)\n"
      "{\n"
      "\treturn SCTP_I32(1);\n"
      "}\n");
  EXPECT_EQ(Defs(s), (Strings{"sys_clock_gettime32 1-5", "compat_sys_foo 6-9",
                              "sys_getpid 10-13", "bpf_map_lookup_elem 14-17",
                              "sys_io_setup 18-18", "compat_sys_io_setup 19-19",
                              "common_interrupt 20-23", "SCTP_FORCE 24-27"}));
  EXPECT_EQ(Def(s, "sys_clock_gettime32").flags, kSyscallDefine);
  EXPECT_EQ(Def(s, "compat_sys_foo").flags, kSyscallDefine);
  EXPECT_EQ(Def(s, "bpf_map_lookup_elem").flags, kBpfCall);
  EXPECT_EQ(Def(s, "sys_io_setup").flags, kCondSyscall);
  EXPECT_EQ(Def(s, "compat_sys_io_setup").flags, kCondSyscall);
  EXPECT_EQ(Def(s, "common_interrupt").flags, kMacroDefined);
  EXPECT_EQ(Def(s, "SCTP_FORCE").flags, kStatic | kInline);
  EXPECT_EQ(Calls(s, "sys_clock_gettime32"), Strings{"do_clock_gettime@4"});
  EXPECT_EQ(Calls(s, "bpf_map_lookup_elem"), Strings{"map_lookup@16"});
  EXPECT_TRUE(s.references.empty()) << ::testing::PrintToString(Refs(s));
}

TEST(SourceScannerTest, SyntheticTableEntriesFromMacroInvocations) {
  FileScan s = ScanSource(
      "#ifdef CONFIG_NET\n"
      "BPF_MAP_TYPE(BPF_MAP_TYPE_DEVMAP, dev_map_ops)\n"
      "#if defined(CONFIG_XDP_SOCKETS)\n"
      "BPF_MAP_TYPE(BPF_MAP_TYPE_XSKMAP, xsk_map_ops)\n"
      "#endif\n"
      "#endif\n"
      "BPF_LINK_TYPE(BPF_LINK_TYPE_RAW_TRACEPOINT, raw_tracepoint)\n"
      "BPF_LINK_TYPE(BPF_LINK_TYPE_TRACING, tracing)\n"
      "EXPORT_SYMBOL_GPL(some_func);\n"
      "module_init(my_init);\n"
      "static DEFINE_MUTEX(my_lock);\n"
      "__setup(\"opt=\", opt_setup);\n"
      "TRACE_EVENT(ev, TP_PROTO(int nested), TP_fast_assign(x = 1;));\n");
  EXPECT_EQ(
      Refs(s),
      (Strings{"dev_map_ops@2 in BPF_MAP_TYPE(BPF_MAP_TYPE_DEVMAP",
               "xsk_map_ops@4 in BPF_MAP_TYPE(BPF_MAP_TYPE_XSKMAP",
               "raw_tracepoint@7 in "
               "BPF_LINK_TYPE(BPF_LINK_TYPE_RAW_TRACEPOINT",
               "tracing@8 in BPF_LINK_TYPE(BPF_LINK_TYPE_TRACING",
               "some_func@9 in EXPORT_SYMBOL_GPL(some_func",
               "my_init@10 in module_init(my_init",
               "my_lock@11 in DEFINE_MUTEX(my_lock",
               "opt_setup@12 in __setup(\"opt=\"", "ev@13 in TRACE_EVENT(ev"}));
  EXPECT_EQ(RefCond(s, "dev_map_ops"), "(defined(CONFIG_NET))");
  EXPECT_EQ(RefCond(s, "xsk_map_ops"),
            "(defined(CONFIG_NET)) && (defined(CONFIG_XDP_SOCKETS))");
  EXPECT_EQ(RefCond(s, "raw_tracepoint"), "");
  EXPECT_TRUE(s.definitions.empty());
}

TEST(SourceScannerTest, SyntheticInitializerReferences) {
  FileScan s = ScanSource(
      "static struct bpf_map *xsk_map_alloc(union bpf_attr *attr)\n"
      "{\n"
      "\treturn NULL;\n"
      "}\n"
      "const struct bpf_map_ops xsk_map_ops = {\n"
      "\t.map_meta_equal = bpf_map_meta_equal,\n"
      "\t.map_alloc = xsk_map_alloc,\n"
      "\t.map_btf_id = &xsk_map_btf_ids[0],\n"
      "};\n"
      "static int (*handlers[])(void) = { h_one, h_two };\n"
      "static u32 table[NR_X] __read_mostly = { [0] = first_val };\n"
      "static void *ptr = &some_object;\n");
  EXPECT_EQ(Defs(s), Strings{"xsk_map_alloc 1-4"});
  EXPECT_EQ(Refs(s),
            (Strings{"bpf_map_meta_equal@6 in xsk_map_ops",
                     "xsk_map_alloc@7 in xsk_map_ops",
                     "xsk_map_btf_ids@8 in xsk_map_ops", "h_one@10 in handlers",
                     "h_two@10 in handlers", "first_val@11 in table",
                     "some_object@12 in ptr"}));
}

TEST(SourceScannerTest, SyntheticCallsThroughMembersAndKeywords) {
  FileScan s = ScanSource(
      "int f(struct bpf_map *map, struct obj o)\n"
      "{\n"
      "\tif (x) while (y) return (z);\n"
      "\tn = sizeof(int) + sizeof (long);\n"
      "\ttypeof(a) b = __builtin_expect(c, 0);\n"
      "\tasm volatile(\"nop\");\n"
      "\tmap->ops->map_alloc(attr);\n"
      "\to.fn(1);\n"
      "\tfor (;;) switch (v) { case 1: direct (); }\n"
      "\treturn (int)(long)x;\n"
      "}\n");
  EXPECT_EQ(Calls(s, "f"), (Strings{"__builtin_expect@5", "->map_alloc@7",
                                    "->fn@8", "direct@9"}));
}

TEST(SourceScannerTest, SyntheticUnbalancedBranchesKeepTheFirst) {
  FileScan s = ScanSource(
      "void f(int a)\n"
      "{\n"
      "#ifdef CONFIG_X\n"
      "\tif (a) {\n"
      "#else\n"
      "\tif (!a) {\n"
      "#endif\n"
      "\t\tinner();\n"
      "\t}\n"
      "}\n"
      "#ifdef CONFIG_X\n"
      "static void h(int a)\n"
      "{\n"
      "\tx_only();\n"
      "#else\n"
      "static void h(void)\n"
      "{\n"
      "#endif\n"
      "\tcommon();\n"
      "}\n"
      "#if 0\n"
      "static void old(void) {\n"
      "#endif\n"
      "int last(void) { return 0; }\n");
  EXPECT_EQ(Defs(s), (Strings{"f 1-10", "h 12-15", "h 16-20", "old 22-23",
                              "last 24-24"}));
  EXPECT_EQ(Calls(s, "f"), Strings{"inner@8"});
  EXPECT_EQ(Calls(s, "h", 0), Strings{"x_only@14"});
  EXPECT_EQ(Calls(s, "h", 1), Strings{"common@19"});
  EXPECT_EQ(Cond(s, "h", 1), "!(defined(CONFIG_X))");
  EXPECT_EQ(Cond(s, "old"), "(0)");
}

}  // namespace
}  // namespace ftriage::kernel
