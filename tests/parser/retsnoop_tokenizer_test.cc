#include "parser/retsnoop_tokenizer.h"

#include <gtest/gtest.h>

#include <string>

namespace ftriage::parser {
namespace {

// Lines are copied from testdata/corpus/retsnoop/ and
// testdata/seeds/veth-xdp-enospc/ unless the test name says Synthetic.

RetsnoopLine Tok(std::string_view line) {
  RetsnoopLine rl;
  TokenizeRetsnoopLine(line, &rl);
  return rl;
}

TEST(RetsnoopTokenizerTest, SessionHeader) {
  RetsnoopLine rl =
      Tok("20:19:36.372607 -> 20:19:36.372682 TID/PID 8346/8346 "
          "(simfail/simfail):");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kSessionHeader);
  EXPECT_EQ(rl.start_time, "20:19:36.372607");
  EXPECT_EQ(rl.end_time, "20:19:36.372682");
  EXPECT_EQ(rl.tid, 8346);
  EXPECT_EQ(rl.pid, 8346);
  EXPECT_EQ(rl.task_comm, "simfail");
  EXPECT_EQ(rl.proc_comm, "simfail");

  rl = Tok("09:41:44.427064 -> 09:41:44.427087 TID/PID 39601/38991 (xxx/xxx):");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kSessionHeader);
  EXPECT_EQ(rl.tid, 39601);
  EXPECT_EQ(rl.pid, 38991);
}

TEST(RetsnoopTokenizerTest, SyntheticSessionHeaderCommsWithSlashes) {
  RetsnoopLine rl =
      Tok("01:02:03.000004 -> 01:02:03.000005 TID/PID 7/7 "
          "(kworker/u8:2/kworker/u8:2):");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kSessionHeader);
  EXPECT_EQ(rl.task_comm, "kworker/u8:2");
  EXPECT_EQ(rl.proc_comm, "kworker/u8:2");
}

TEST(RetsnoopTokenizerTest, TableHeaderAndRule) {
  RetsnoopLine rl = Tok("FUNCTION CALLS    RESULT   DURATION");
  EXPECT_EQ(rl.kind, RetsnoopLineKind::kTableHeader);
  EXPECT_FALSE(rl.old_table_header);
  rl =
      Tok("FUNCTION CALL TRACE                     RESULT                "
          "DURATION");
  EXPECT_EQ(rl.kind, RetsnoopLineKind::kTableHeader);
  EXPECT_TRUE(rl.old_table_header);
  EXPECT_EQ(Tok("FUNCTION CALLS    RESULT  DURATION  ARGS").kind,
            RetsnoopLineKind::kTableHeader);
  EXPECT_EQ(Tok("---------------   ------  ---------").kind,
            RetsnoopLineKind::kTableRule);
  EXPECT_EQ(Tok("---------------   ------  --------  ----").kind,
            RetsnoopLineKind::kTableRule);
}

TEST(RetsnoopTokenizerTest, CallRows) {
  RetsnoopLine rl = Tok("\xE2\x86\x92 __x64_sys_bpf");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kCall);
  EXPECT_EQ(rl.mark, RetsnoopMark::kEntry);
  EXPECT_EQ(rl.indent, 0u);
  EXPECT_EQ(rl.name, "__x64_sys_bpf");
  EXPECT_EQ(rl.result, "");
  EXPECT_EQ(rl.args, "");

  rl =
      Tok("            \xE2\x86\x94 dev_xdp_install           [-ENOSPC]        "
          "      1.162us");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kCall);
  EXPECT_EQ(rl.mark, RetsnoopMark::kLeaf);
  EXPECT_EQ(rl.indent, 12u);
  EXPECT_EQ(rl.name, "dev_xdp_install");
  EXPECT_EQ(rl.result, "-ENOSPC");
  EXPECT_EQ(rl.duration, "1.162");

  rl = Tok(
      "\xE2\x86\x90 __x64_sys_bpf                         [-ENOSPC]          "
      "   31.859us");
  EXPECT_EQ(rl.mark, RetsnoopMark::kExit);
  EXPECT_EQ(rl.result, "-ENOSPC");
  EXPECT_EQ(rl.duration, "31.859");

  rl = Tok("        \xE2\x97\x8E kprobe:bprm_execve+0x5");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kCall);
  EXPECT_EQ(rl.mark, RetsnoopMark::kProbe);
  EXPECT_EQ(rl.name, "kprobe:bprm_execve+0x5");
}

TEST(RetsnoopTokenizerTest, CallRowsWithCompactArgs) {
  RetsnoopLine rl =
      Tok("\xE2\x86\x92 __x64_sys_bpf                     "
          "regs=&{.r15=0x959998935,.r14=0x171abb7677,.r\xE2\x80\xA6");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kCall);
  EXPECT_EQ(rl.args,
            "regs=&{.r15=0x959998935,.r14=0x171abb7677,.r\xE2\x80\xA6");
  rl =
      Tok("    \xE2\x86\x94 __sys_bpf   [0]      3.366us  cmd=1 "
          "uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\xE2\x80\xA6 size=32");
  EXPECT_EQ(rl.mark, RetsnoopMark::kLeaf);
  EXPECT_EQ(rl.result, "0");
  EXPECT_EQ(rl.duration, "3.366");
  EXPECT_EQ(rl.args,
            "cmd=1 uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\xE2\x80\xA6 "
            "size=32");
}

TEST(RetsnoopTokenizerTest, SyntheticGapRows) {
  RetsnoopLine rl =
      Tok("\xE2\x80\xBC ... missing 3 records ...                 ...         "
          "...");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kGap);
  EXPECT_EQ(rl.count, 3);
  rl = Tok("                                ...          ...");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kGap);
  EXPECT_EQ(rl.count, -1);
}

TEST(RetsnoopTokenizerTest, ArgLinesAndSyntheticDataMissing) {
  RetsnoopLine rl = Tok("                  \xE2\x80\xBA cmd=1");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kArg);
  EXPECT_EQ(rl.indent, 18u);
  EXPECT_EQ(rl.args, "cmd=1");
  rl = Tok("         \xE2\x80\xBA regs = &{");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kArg);
  EXPECT_EQ(rl.args, "regs = &{");
  rl = Tok("                                        ... data missing ...");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kArg);
  EXPECT_EQ(rl.args, "... data missing ...");
  // The lines inside a verbose dump are the reader's business.
  EXPECT_EQ(Tok("                      .r15 = 0x7ffc86cfd05c,").kind,
            RetsnoopLineKind::kOther);
  EXPECT_EQ(Tok("                  }").kind, RetsnoopLineKind::kOther);
}

TEST(RetsnoopTokenizerTest, StackFrames) {
  RetsnoopLine rl =
      Tok("    73us [-ENOMEM]  __x64_sys_bpf+0x1a                   "
          "(kernel/bpf/syscall.c:5067:1)");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_EQ(rl.duration, "73");
  EXPECT_EQ(rl.result, "-ENOMEM");
  EXPECT_EQ(rl.name, "__x64_sys_bpf+0x1a");
  EXPECT_EQ(rl.source, "kernel/bpf/syscall.c:5067:1");
  EXPECT_FALSE(rl.no_stack_frame);

  rl = Tok("!*   2us [NULL]     bpf_map_alloc_percpu");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.no_stack_frame);
  EXPECT_TRUE(rl.stitched);
  EXPECT_EQ(rl.result, "NULL");
  EXPECT_EQ(rl.duration, "2");

  rl = Tok("                    entry_SYSCALL_64_after_hwframe+0x44");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_EQ(rl.result, "");
  EXPECT_EQ(rl.duration, "");
  EXPECT_EQ(rl.name, "entry_SYSCALL_64_after_hwframe+0x44");

  rl = Tok(
      "              entry_SYSCALL_64_after_hwframe+0x46  (entry_SYSCALL_64 @ "
      "arch/x86/entry/entry_64.S:120)");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_EQ(rl.source, "entry_SYSCALL_64 @ arch/x86/entry/entry_64.S:120");
}

TEST(RetsnoopTokenizerTest, StackFramesWithAddressesAndArgs) {
  RetsnoopLine rl = Tok(
      "           63us [-EINVAL]     ffffffff8116de95 __x64_sys_bpf+0x5      "
      "                   (kernel/bpf/syscall.c:4351:1)");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.has_address);
  EXPECT_FALSE(rl.filtered);
  EXPECT_EQ(rl.name, "__x64_sys_bpf+0x5");

  rl =
      Tok("                             ~ffffffffa1ac4057 "
          "bpf_trampoline_6442464085_1+0x57");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.filtered);
  EXPECT_EQ(rl.name, "bpf_trampoline_6442464085_1+0x57");

  rl = Tok(
      "!    3us [0]  __sys_bpf                                               "
      "            cmd=1 uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\xE2\x80"
      "\xA6 size=32");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.no_stack_frame);
  EXPECT_EQ(rl.name, "__sys_bpf");
  EXPECT_EQ(rl.source, "");
  EXPECT_EQ(rl.args,
            "cmd=1 uattr={{.kernel=0x7f1c73665120,.user=0x7f1c73\xE2\x80\xA6 "
            "size=32");
}

TEST(RetsnoopTokenizerTest, SyntheticStackFrameMarksOfNewerVersions) {
  // v0.10+ stitched mark and a call that had not returned.
  RetsnoopLine rl = Tok("!\xE2\x8C\x87   8us [-ENOSPC]  dev_xdp_attach");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.stitched);
  EXPECT_TRUE(rl.no_stack_frame);
  rl = Tok("   ... [...]      do_sys_poll+0x5");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kFrame);
  EXPECT_TRUE(rl.unfinished);
  EXPECT_EQ(rl.result, "...");
}

TEST(RetsnoopTokenizerTest, InlineFrames) {
  RetsnoopLine rl =
      Tok("                    . do_syscall_x64                     "
          "(arch/x86/entry/common.c:50:12)");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kInlineFrame);
  EXPECT_EQ(rl.name, "do_syscall_x64");
  EXPECT_EQ(rl.source, "arch/x86/entry/common.c:50:12");
  EXPECT_EQ(rl.args, "");
  // An LBR continuation row: a second inline frame follows the source.
  rl = Tok(
      "      . bpf_map_attr_numa_node    (include/linux/bpf.h:1735:19)      . "
      "bpf_map_attr_numa_node    (include/linux/bpf.h:1735:19)");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kInlineFrame);
  EXPECT_NE(rl.args, "");
}

TEST(RetsnoopTokenizerTest, LbrRow) {
  RetsnoopLine rl = Tok(
      "[#19] array_map_alloc_check+0x1d  (kernel/bpf/arraymap.c:57:5)   ->  "
      "array_map_alloc_check+0x6f  (kernel/bpf/arraymap.c:62:10)");
  EXPECT_EQ(rl.kind, RetsnoopLineKind::kLbr);
}

TEST(RetsnoopTokenizerTest, SyntheticWarningsAndNotes) {
  RetsnoopLine rl =
      Tok("WARNING! Sample data incomplete! 3 record(s) dropped. Consider "
          "increasing --ringbuf-map-size.");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kLost);
  EXPECT_EQ(rl.count, 3);
  rl = Tok("WARNING! 12 samples were dropped, you are missing data!");
  ASSERT_EQ(rl.kind, RetsnoopLineKind::kLost);
  EXPECT_EQ(rl.count, 12);
  EXPECT_EQ(Tok("LBR data was dropped and is missing in this sample!").kind,
            RetsnoopLineKind::kNote);
  EXPECT_EQ(Tok("Failed to capture LBR entries: -2").kind,
            RetsnoopLineKind::kNote);
  EXPECT_EQ(Tok("[LBR] No relevant LBR data were captured, showing "
                "unfiltered LBR stack!")
                .kind,
            RetsnoopLineKind::kNote);
}

TEST(RetsnoopTokenizerTest, ChatterAndElisions) {
  for (std::string_view line :
       {"Receiving data...", "Detaching... DONE in 251 ms.", "^C",
        "$ sudo ./retsnoop -e '*sys_bpf' -a ':kernel/bpf/*.c'",
        "Using vmlinux image at "
        "/lib/modules/5.12.0-rc2-00442-g87d77e59d1eb/build/vmlinux.",
        "Discovered 46315 available kprobes!",
        "Found 1016 attachable functions in total.",
        "Skipped 44660 functions in total.",
        "Function '__x64_sys_bpf' is marked as an entry point.",
        "Total 2032 BPF programs attached successfully!"}) {
    EXPECT_EQ(Tok(line).kind, RetsnoopLineKind::kChatter) << line;
  }
  EXPECT_EQ(Tok("...").kind, RetsnoopLineKind::kElision);
  EXPECT_EQ(Tok("    [...]").kind, RetsnoopLineKind::kElision);
  EXPECT_EQ(Tok("").kind, RetsnoopLineKind::kBlank);
}

TEST(RetsnoopTokenizerTest, SyntheticProseIsOther) {
  EXPECT_EQ(Tok("this is prose").kind, RetsnoopLineKind::kOther);
  EXPECT_EQ(Tok("12us").kind, RetsnoopLineKind::kOther);
  EXPECT_EQ(Tok("\xE2\x86\x92").kind, RetsnoopLineKind::kOther);
  EXPECT_EQ(Tok(std::string(10000, 'x')).kind, RetsnoopLineKind::kOther);
}

}  // namespace
}  // namespace ftriage::parser
