#include "parser/funcgraph_tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/decimal_time.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::parser {
namespace {

FuncgraphLine Tok(std::string_view line) {
  FuncgraphLine out;
  EXPECT_TRUE(TokenizeFuncgraphLine(line, &out)) << line;
  return out;
}

// Lines below are copied from the real samples in testdata/corpus and
// testdata/seeds; each test checks one rule.

TEST(FuncgraphTokenizerTest, NestedEntryWithBlankDuration) {
  FuncgraphLine l = Tok(" 0)               |  __x64_sys_bpf() {");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kEntry);
  EXPECT_EQ(l.cpu, 0);
  EXPECT_EQ(l.depth, 0);
  EXPECT_EQ(l.func, "__x64_sys_bpf");
  EXPECT_EQ(l.duration, "");
}

TEST(FuncgraphTokenizerTest, LeafWithDurationAndDepth) {
  FuncgraphLine l = Tok(" 0)   0.186 us    |      check_stack_object();");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kLeaf);
  EXPECT_EQ(l.depth, 2);
  EXPECT_EQ(l.duration, "0.186");
  EXPECT_EQ(l.mark, ' ');
}

TEST(FuncgraphTokenizerTest, ExitWithTailName) {
  FuncgraphLine l = Tok(" 0)   0.602 us    |    } /* __check_object_size */");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kExit);
  EXPECT_EQ(l.depth, 1);
  EXPECT_EQ(l.tail, "__check_object_size");
}

TEST(FuncgraphTokenizerTest, EveryOverheadMark) {
  for (auto [line, mark] :
       {std::pair{"1) + 61.770 us   |            }", '+'},
        {"3) ! 140.417 us  |      } /* __schedule */", '!'},
        {"3) # 1837.709 us |          } /* __switch_to */", '#'},
        {"3) * 33998.59 us |  } /* schedule_preempt_disabled */", '*'},
        {"1) @ 119760.2 us |  }", '@'},
        {"2) $ 3594274 us  |  }", '$'}}) {
    FuncgraphLine l = Tok(line);
    EXPECT_EQ(l.kind, FuncgraphLineKind::kExit) << line;
    EXPECT_EQ(l.mark, mark) << line;
  }
  EXPECT_EQ(Tok("2) $ 3594274 us  |  }").duration, "3594274");
}

TEST(FuncgraphTokenizerTest, RetvalSixFiveFormat) {
  FuncgraphLine leaf =
      Tok(" 1)   0.651 us    |      cgroup_migrate_add_task(); /* = "
          "0xffff93fcfd346c00 */");
  EXPECT_EQ(leaf.kind, FuncgraphLineKind::kLeaf);
  EXPECT_EQ(ParseFuncgraphTail(leaf.tail).retval, "0xffff93fcfd346c00");
  FuncgraphTail exit = ParseFuncgraphTail(
      Tok(" 1)   2.335 us    |        } /* cpu_cgroup_can_attach = -22 */")
          .tail);
  EXPECT_EQ(exit.name, "cpu_cgroup_can_attach");
  EXPECT_EQ(exit.retval, "-22");
}

TEST(FuncgraphTokenizerTest, RetaddrAndRetOnLeafAndEntry) {
  FuncgraphLine leaf =
      Tok("0)   3.657 us  |       __cond_resched(); /* "
          "<-__kmalloc_noprof+0x28c/0x390 ret=0x0 */");
  FuncgraphTail t = ParseFuncgraphTail(leaf.tail);
  EXPECT_EQ(t.caller, "__kmalloc_noprof+0x28c/0x390");
  EXPECT_EQ(t.retval, "0x0");
  FuncgraphLine entry = Tok(
      "0)             | load_elf_binary() { /* <-bprm_execve+0x249/0x600 */");
  EXPECT_EQ(entry.kind, FuncgraphLineKind::kEntry);
  EXPECT_EQ(ParseFuncgraphTail(entry.tail).caller, "bprm_execve+0x249/0x600");
  FuncgraphTail exit =
      ParseFuncgraphTail(Tok("0) + 24.335 us |     } /* __kmalloc_noprof "
                             "ret=0xffff8882007f3000 */")
                             .tail);
  EXPECT_EQ(exit.name, "__kmalloc_noprof");
  EXPECT_EQ(exit.retval, "0xffff8882007f3000");
}

TEST(FuncgraphTokenizerTest, TailDocDriftAndTypedRetvals) {
  EXPECT_EQ(ParseFuncgraphTail("kmem_cache_free()").name, "kmem_cache_free");
  EXPECT_EQ(ParseFuncgraphTail("ret=true").retval, "true");
  EXPECT_EQ(ParseFuncgraphTail("f ret=0x69380649(trunc)").retval, "0x69380649");
}

TEST(FuncgraphTokenizerTest, ModuleSymbolWithArguments) {
  FuncgraphLine l =
      Tok("6)              | dummy_xmit [dummy](skb = 0x8887c100, dev = "
          "0x872ca000) {");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kEntry);
  EXPECT_EQ(l.func, "dummy_xmit [dummy]");
  EXPECT_EQ(l.args, "skb = 0x8887c100, dev = 0x872ca000");
}

TEST(FuncgraphTokenizerTest, CallWithoutSemicolonIsALeaf) {
  FuncgraphLine l = Tok("6)  0.178 us    |       sock_wfree(skb = 0x8887c100)");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kLeaf);
  EXPECT_EQ(l.func, "sock_wfree");
}

TEST(FuncgraphTokenizerTest, ProcColumn) {
  FuncgraphLine l = Tok(" 0)    sh-4802     |               |  d_free() {");
  EXPECT_EQ(l.comm, "sh");
  EXPECT_EQ(l.pid, 4802);
  EXPECT_EQ(l.func, "d_free");
}

TEST(FuncgraphTokenizerTest, AbsTimeColumn) {
  FuncgraphLine l =
      Tok(" 3853.341540 |   0)   0.164 us    |                  "
          "__rcu_read_lock();");
  EXPECT_EQ(l.abstime, "3853.341540");
  EXPECT_EQ(l.cpu, 0);
  EXPECT_EQ(l.func, "__rcu_read_lock");
}

TEST(FuncgraphTokenizerTest, LatencyColumnsRelTimeProcFlags) {
  FuncgraphLine l =
      Tok("        0 us |   0)   bash-1507    |  d..1 |   0.378 us    |    "
          "do_raw_spin_trylock();");
  EXPECT_EQ(l.cpu, 0);
  EXPECT_EQ(l.comm, "bash");
  EXPECT_EQ(l.pid, 1507);
  EXPECT_EQ(l.lat_flags, "d..1");
  EXPECT_EQ(l.duration, "0.378");
  EXPECT_EQ(l.depth, 1);
}

TEST(FuncgraphTokenizerTest, NoDurationColumn) {
  FuncgraphLine l = Tok(" 1)   getname() {");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kEntry);
  EXPECT_EQ(l.depth, 1);
  EXPECT_EQ(Tok(" 1) }").kind, FuncgraphLineKind::kExit);
}

TEST(FuncgraphTokenizerTest, CommentMayContainBracesAndApostrophes) {
  FuncgraphLine l = Tok(" 1)               |  /* I'm a comment! */");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kComment);
  EXPECT_EQ(l.comment, "I'm a comment!");
  FuncgraphLine s =
      Tok(" 0)               |  /* sys_bpf -> 0xffffffffffffffea */");
  EXPECT_EQ(s.comment, "sys_bpf -> 0xffffffffffffffea");
}

TEST(FuncgraphTokenizerTest, TaskSwitchBanner) {
  FuncgraphLine l = Tok(" 0)  platfor-3210  =>  vmstat-2854  ");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kTaskSwitch);
  EXPECT_EQ(l.prev_comm, "platfor");
  EXPECT_EQ(l.prev_pid, 3210);
  EXPECT_EQ(l.comm, "vmstat");
  EXPECT_EQ(l.pid, 2854);
  EXPECT_EQ(Tok(" ------------------------------------------").kind,
            FuncgraphLineKind::kSeparator);
}

TEST(FuncgraphTokenizerTest, SyntheticIrqMarkersAndOverrun) {
  EXPECT_EQ(Tok(" 0)   ==========> |").kind, FuncgraphLineKind::kIrqEnter);
  EXPECT_EQ(Tok(" 0)   <========== |").kind, FuncgraphLineKind::kIrqExit);
  FuncgraphLine o = Tok(" 1)               |  (Overruns: 12)");
  EXPECT_EQ(o.kind, FuncgraphLineKind::kOverrun);
  EXPECT_EQ(o.overruns, 12);
}

TEST(FuncgraphTokenizerTest, TraceCmdBodyWithoutCpu) {
  FuncgraphLine l = Tok("       + 15.548 us  |      }");
  EXPECT_EQ(l.kind, FuncgraphLineKind::kExit);
  EXPECT_EQ(l.depth, 2);
  EXPECT_EQ(l.mark, '+');
}

TEST(FuncgraphTokenizerTest, ProseAndHeadersAreNotGraph) {
  FuncgraphLine out;
  for (std::string_view line :
       {"# CPU  DURATION                  FUNCTION CALLS",
        "# |     |   |                     |   |   |   |",
        "Tracing \"do_sys_open\"... Ctrl-C to end.", "CPU:2 [LOST 3 EVENTS]",
        "            ruby-2564  [000] 104284.076140: funcgraph_entry: |  f() {",
        "", "[...]"}) {
    EXPECT_FALSE(TokenizeFuncgraphLine(line, &out)) << line;
  }
}

// The times are converted while the columns are matched; they must be what
// ParseDecimalNs (the general path) makes of the column text.
TEST(FuncgraphTokenizerTest, TimesInNanosecondsAsParseDecimalNsReadsThem) {
  for (std::string_view abstime :
       {"5.000801", "8312.407170", "0.1", "123456789.123456789",
        "1234567890.123456", "12.1234567891", "99999999999999999999.5"}) {
    for (std::string_view duration :
         {"0.211", "15", "11.504", "1.5", "123456789.123", "1234567890.1",
          "1.12345", "99999999999999999999"}) {
      for (std::string_view rest : {"  f();", "  }"}) {
        std::string line = std::string(abstime) + " |   1)   " +
                           std::string(duration) + " us    |" +
                           std::string(rest);
        FuncgraphLine l = Tok(line);
        EXPECT_EQ(l.abstime_ns, ParseDecimalNs(abstime, kNsPerSec).value_or(-1))
            << line;
        EXPECT_EQ(l.duration_ns,
                  ParseDecimalNs(duration, kNsPerUs).value_or(-1))
            << line;
      }
    }
  }
  FuncgraphLine none = Tok(" 0)               |  f() {");
  EXPECT_EQ(none.abstime_ns, -1);
  EXPECT_EQ(none.duration_ns, -1);
}

// Blank runs, column ends and names are scanned 16 bytes at a time with a
// byte loop for the rest: every field must come out the same wherever the
// vector boundaries fall, tabs included.
TEST(FuncgraphTokenizerTest, SameTokensAtEveryAlignment) {
  for (int pad = 0; pad < 40; ++pad) {
    std::string blanks(static_cast<size_t>(pad), ' ');
    std::string tabbed = blanks;
    if (pad > 0) tabbed[static_cast<size_t>(pad) / 2] = '\t';
    std::string name =
        "f" + std::string(static_cast<size_t>(pad), 'x') + "_$.Z9";
    std::string line = blanks + " 5.000801 |   6)  " + tabbed + "contain-6107" +
                       blanks + "  | + 15.864 us   |  " + blanks + blanks +
                       name + "(a, (b)); /* = -2 */" + tabbed;
    FuncgraphLine l = Tok(line);
    EXPECT_EQ(l.kind, FuncgraphLineKind::kLeaf) << line;
    EXPECT_EQ(l.abstime, "5.000801") << line;
    EXPECT_EQ(l.cpu, 6) << line;
    EXPECT_EQ(l.comm, "contain") << line;
    EXPECT_EQ(l.pid, 6107) << line;
    EXPECT_EQ(l.mark, '+') << line;
    EXPECT_EQ(l.duration, "15.864") << line;
    EXPECT_EQ(l.depth, pad) << line;
    EXPECT_EQ(l.func, name) << line;
    EXPECT_EQ(l.args, "a, (b)") << line;
    EXPECT_EQ(l.tail, "= -2") << line;
    // A '/' that does not start a comment does not end the proc column.
    std::string kworker = blanks + " 0)  kworker/u36:1-51219" + blanks +
                          " |               |  " + blanks + "}";
    FuncgraphLine k = Tok(kworker);
    EXPECT_EQ(k.comm, "kworker/u36:1") << pad;
    EXPECT_EQ(k.kind, FuncgraphLineKind::kExit) << pad;
    // A name character set that stops mid-vector: "f [mod]" takes the
    // general path.
    std::string module = " 6)              |  " + blanks + name + " [dummy](x)";
    FuncgraphLine m = Tok(module);
    EXPECT_EQ(m.func, name + " [dummy]") << pad;
  }
}

// Every function_graph line of the test corpus: the times converted on
// the way agree with ParseDecimalNs on the column text.
TEST(FuncgraphTokenizerTest, CorpusTimesAgreeWithParseDecimalNs) {
  namespace fs = std::filesystem;
  size_t lines = 0;
  for (const char* dir : {"corpus/function_graph", "corpus/perf_ftrace",
                          "corpus/trace_cmd", "real", "seeds"}) {
    for (const auto& e :
         fs::recursive_directory_iterator(testing::TestdataPath(dir))) {
      if (!e.is_regular_file()) continue;
      std::istringstream in(testing::ReadFile(e.path().string()));
      FuncgraphLine l;
      for (std::string line; std::getline(in, line);) {
        if (!TokenizeFuncgraphLine(line, &l)) continue;
        ++lines;
        EXPECT_EQ(l.abstime_ns,
                  l.abstime.empty()
                      ? -1
                      : ParseDecimalNs(l.abstime, kNsPerSec).value_or(-1))
            << line;
        EXPECT_EQ(l.duration_ns,
                  l.duration.empty()
                      ? -1
                      : ParseDecimalNs(l.duration, kNsPerUs).value_or(-1))
            << line;
      }
    }
  }
  EXPECT_GT(lines, 1000u);
}

// The memo's fields are the scan's: the same views into the line, the same
// values, and the same result.
// Returns whether it is a graph line.
bool ExpectSameAsWithoutMemo(std::string_view line, FuncgraphColumnMemo* memo) {
  FuncgraphLine a;
  FuncgraphLine b;
  bool ra = TokenizeFuncgraphLine(line, &a);
  bool rb = TokenizeFuncgraphLine(line, &b, memo);
  auto same = [](std::string_view x, std::string_view y) {
    return x.data() == y.data() && x.size() == y.size();
  };
  EXPECT_EQ(ra, rb) << line;
  EXPECT_EQ(a.kind, b.kind) << line;
  EXPECT_EQ(a.cpu, b.cpu) << line;
  EXPECT_TRUE(same(a.abstime, b.abstime)) << line;
  EXPECT_EQ(a.abstime_ns, b.abstime_ns) << line;
  EXPECT_TRUE(same(a.comm, b.comm)) << line;
  EXPECT_EQ(a.pid, b.pid) << line;
  EXPECT_TRUE(same(a.prev_comm, b.prev_comm)) << line;
  EXPECT_EQ(a.prev_pid, b.prev_pid) << line;
  EXPECT_TRUE(same(a.lat_flags, b.lat_flags)) << line;
  EXPECT_TRUE(same(a.duration, b.duration)) << line;
  EXPECT_EQ(a.duration_ns, b.duration_ns) << line;
  EXPECT_EQ(a.mark, b.mark) << line;
  EXPECT_EQ(a.depth, b.depth) << line;
  EXPECT_TRUE(same(a.func, b.func)) << line;
  EXPECT_TRUE(same(a.args, b.args)) << line;
  EXPECT_TRUE(same(a.tail, b.tail)) << line;
  EXPECT_TRUE(same(a.comment, b.comment)) << line;
  EXPECT_EQ(a.overruns, b.overruns) << line;
  return ra;
}

// Every line of every testdata trace and corpus file, read in order with
// one memo, as a reader reads them.
TEST(FuncgraphTokenizerTest, MemoGivesTheScannedFieldsOnEveryTestdataLine) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& f : testing::TraceInputs()) {
    files.push_back(testing::TestdataPath(f));
  }
  for (const char* dir : {"corpus/function_graph", "corpus/perf_ftrace",
                          "corpus/trace_cmd", "seeds"}) {
    for (const auto& e :
         fs::recursive_directory_iterator(testing::TestdataPath(dir))) {
      if (e.is_regular_file()) files.push_back(e.path().string());
    }
  }
  uint64_t graph_lines = 0;
  uint64_t hits = 0;
  uint64_t body_hits = 0;
  for (const std::string& file : files) {
    FuncgraphColumnMemo memo;
    std::istringstream in(testing::ReadFile(file));
    for (std::string line; std::getline(in, line);) {
      graph_lines += ExpectSameAsWithoutMemo(line, &memo);
    }
    hits += memo.hits();
    body_hits += memo.body_hits();
  }
  EXPECT_GT(graph_lines, 10000u);
  EXPECT_GT(hits, graph_lines / 2);
  EXPECT_GT(body_hits, graph_lines / 4);
}

// Lines that share the CPU and proc columns' bytes with the line before
// but differ right after them, or end inside them, or start alike without
// a CPU column (synthetic).
TEST(FuncgraphTokenizerTest, SyntheticMemoEdges) {
  const char* lines[] = {
      "  1)  bash-1   |               |  f() {",
      "  1)  bash-1   |   0.211 us    |    g();",
      "  1)  bash-1   | ! 101.5 us    |  }",
      "  1)  bash-1   |",
      "  1)  bash-1   |x",
      "  1)  bash-1   |  ==========> |",
      "  1)  bash-1   |  ==========>  |",
      " 0)               |  f() {",
      " 0)   0.211 us    |    g();",
      " 0) f() {",
      " 0)x f() {",
      " 0)  a-1  =>  b-2",
      "     0 us |   0)   bash-1507    |  d..1 |   0.378 us    |    f();",
      "     1 us |   0)   bash-1507    |  d..1 |               |    g() {",
      "     1 us |   0)   bash-1507    |  d..1 |",
      "  812.407170 |   1)   0.156 us    |  f();",
      "  812.407171 |   1)   0.156 us    |  f();",
      "  812.407172 |   1)  -1   |               |  f() {",
      "  812.407173 |   1)  -1   |  g();",
      "  812.407174 |   1)  -1   |",
      "  812.407175 |   1)  -1   | 3 us |  h();",
      "812.407176 |   2.5 |   1)  x-1   |  f();",
      // Found by the fuzzer: a line without CPU column is not remembered
      // (its failed tests read past the bytes a slot would hold).
      "     3750 us |  f();",
      "     3750 us |   0)   bash-1507    |  d..1 |   0.516 us    |  g();",
  };
  FuncgraphColumnMemo memo;
  for (int round = 0; round < 2; ++round) {
    for (const char* line : lines) ExpectSameAsWithoutMemo(line, &memo);
  }
  EXPECT_GT(memo.hits(), 10u);
}

// Function columns seen again: at other depths, after a '|' or not, at
// the size limits, with tails and arguments, and statements that are not
// kept (comments, overruns, broken calls) (synthetic).
TEST(FuncgraphTokenizerTest, SyntheticBodyMemoEdges) {
  const char* kLongest =
      " 0)               |  "
      "a_function_whose_text_is_56_bytes_long_xxxxxxxxxxxxxx();";
  const char* kTooLong =
      " 0)               |  "
      "a_function_whose_text_is_57_bytes_long_xxxxxxxxxxxxxxx();";
  const char* lines[] = {
      " 0)               |  vfs_read() {",
      " 0)               |      vfs_read() {",
      " 0)               | vfs_read() {",
      " 0) vfs_read() {",
      " 0)   vfs_read() {",
      " 0)   0.211 us    |  vfs_read();",
      " 0)   0.211 us    |  vfs_read(); /* ret=0x0 */",
      " 0)   0.211 us    |  vfs_read(); (ret=-22)",
      " 0)   0.211 us    |  vfs_read(); (3)",
      " 0)   1.000 us    |  } /* vfs_read ret=-14 */",
      " 0)   1.000 us    |  } /* vfs_read */",
      " 0)               |  f(a=1, b=(2)) {",
      " 0)               |  dummy_xmit [dummy]() {",
      " 0)               |  ab(cdef);",
      " 0)               |  abc(def;",
      " 0)               |  abcdefgh",
      " 0)               |  f()   ;   ",
      " 0)               |  /* a comment */",
      " 0)               |  /* a comment",
      " 0)               |  (Overruns: 12345)",
      kLongest,
      kTooLong,
      " 0)               |  f1234();",
  };
  FuncgraphColumnMemo memo;
  for (int round = 0; round < 2; ++round) {
    for (const char* line : lines) ExpectSameAsWithoutMemo(line, &memo);
  }
  EXPECT_GT(memo.body_hits(), 12u);
  // The size limit: 56 bytes after the indentation are kept, 57 are not.
  auto body_size = [](std::string_view line) {
    return line.substr(line.find("|  ") + 3).size();
  };
  ASSERT_EQ(body_size(kLongest), 56u);
  ASSERT_EQ(body_size(kTooLong), 57u);
  for (const char* line : {kLongest, kTooLong}) {
    FuncgraphColumnMemo fresh;
    ExpectSameAsWithoutMemo(line, &fresh);
    ExpectSameAsWithoutMemo(line, &fresh);
    EXPECT_EQ(fresh.body_hits(), line == kLongest ? 1u : 0u) << line;
  }
}

}  // namespace
}  // namespace ftriage::parser
