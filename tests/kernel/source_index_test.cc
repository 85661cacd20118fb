#include "kernel/source_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kernel/source_index_builder.h"
#include "kernel/source_index_file.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::kernel {
namespace {

using Strings = std::vector<std::string>;

// testdata/kernel/synthetic: a hand-made tree shaped like the kernel's.
std::string SyntheticTree() {
  return ftriage::testing::TestdataPath("kernel/synthetic");
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/ftriage_source_index_" + name;
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(SourceNameOfTest, SyntheticTraceNames) {
  for (const char* name :
       {"__x64_sys_mount", "__ia32_sys_mount", "__arm64_sys_mount",
        "__riscv_sys_mount", "__s390x_sys_mount", "__se_sys_mount",
        "__do_sys_mount", "sys_mount", "__x64_sys_mount.cold"}) {
    EXPECT_EQ(SourceNameOf(name), "sys_mount") << name;
  }
  for (const char* name :
       {"__ia32_compat_sys_x", "__x64_compat_sys_x", "__arm64_compat_sys_x"}) {
    EXPECT_EQ(SourceNameOf(name), "compat_sys_x") << name;
  }
  for (const char* name : {"foo.isra.0", "foo.constprop.3.isra.1", "foo.part.0",
                           "foo.cold", "foo.llvm.123456"}) {
    EXPECT_EQ(SourceNameOf(name), "foo") << name;
  }
  EXPECT_EQ(SourceNameOf("ksys_mount"), "ksys_mount");
  EXPECT_EQ(SourceNameOf("do_mount"), "do_mount");
}

class SourceIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    index_ = new SourceIndex;
    Status s = BuildSourceIndex(SyntheticTree(), 2, nullptr, index_);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }

  static const SourceIndex& index() { return *index_; }

  // "path:line" of each definition of |trace_name|.
  static Strings Where(const SourceIndex& idx, std::string_view trace_name) {
    Strings out;
    for (const Definition* d : idx.Lookup(trace_name)) {
      out.push_back(std::string(idx.FilePath(d->file)) + ":" +
                    std::to_string(d->line));
    }
    return out;
  }

  // "[!]CONFIG_X Makefile:line" of each gate of |path|.
  static Strings Gates(std::string_view path) {
    Strings out;
    for (const MakefileGate& g : index().FileGates(index().FindFile(path))) {
      out.push_back(std::string(g.negated ? "!" : "") +
                    std::string(index().String(g.option)) + " " +
                    std::string(index().FilePath(g.makefile)) + ":" +
                    std::to_string(g.line));
    }
    return out;
  }

  static std::string SavedBytes(const SourceIndex& idx,
                                const std::string& name) {
    const std::string path = TempPath(name);
    Status s = SaveSourceIndex(idx, path);
    EXPECT_TRUE(s.ok()) << s.message();
    return ftriage::testing::ReadFile(path);
  }

  static SourceIndex* index_;
};

SourceIndex* SourceIndexTest::index_ = nullptr;

TEST_F(SourceIndexTest, SyntheticTreeFilesSkipDocumentationToolsHidden) {
  Strings paths;
  for (uint32_t i = 0; i < index().file_count(); ++i) {
    paths.emplace_back(index().FilePath(FileId{i}));
  }
  EXPECT_EQ(
      paths,
      (Strings{"Kbuild", "fs/Makefile", "fs/namespace.c",
               "include/linux/bpf_types.h", "include/linux/security.h",
               "kernel/Makefile", "kernel/sys_ni.c", "kernel/time/Makefile",
               "kernel/time/posix-stubs.c", "kernel/time/posix-timers.c",
               "mm/Makefile", "mm/madvise.c", "net/Makefile",
               "net/xdp/Makefile", "net/xdp/xskmap.c"}));
  EXPECT_TRUE(index().Lookup("documentation_function").empty());
  EXPECT_TRUE(index().Lookup("tools_function").empty());
  EXPECT_TRUE(index().Lookup("hidden_function").empty());
  EXPECT_EQ(index().FindFile("net/xdp/xskmap.c"), FileId{14});
  EXPECT_TRUE(index().FindFile("net/xdp/nope.c").is_none());
}

TEST_F(SourceIndexTest, SyntheticSyscallLookupFromTraceNames) {
  EXPECT_EQ(Where(index(), "__x64_sys_clock_gettime32"),
            (Strings{"kernel/sys_ni.c:5", "kernel/time/posix-stubs.c:4",
                     "kernel/time/posix-timers.c:10"}));
  const std::vector<const Definition*> defs =
      index().Lookup("__ia32_sys_clock_gettime32");
  ASSERT_EQ(defs.size(), 3u);
  EXPECT_EQ(defs[0]->flags, kCondSyscall);
  EXPECT_EQ(index().String(defs[0]->condition), "");
  EXPECT_EQ(defs[2]->flags, kSyscallDefine);
  EXPECT_EQ(index().String(defs[2]->condition),
            "(defined(CONFIG_COMPAT_32BIT_TIME))");
  EXPECT_EQ(Where(index(), "__ia32_compat_sys_clock_gettime32"),
            Strings{"kernel/sys_ni.c:6"});
  EXPECT_EQ(Gates("kernel/time/posix-timers.c"),
            Strings{"CONFIG_POSIX_TIMERS kernel/time/Makefile:3"});
  EXPECT_EQ(Gates("kernel/time/posix-stubs.c"),
            Strings{"!CONFIG_POSIX_TIMERS kernel/time/Makefile:5"});
  EXPECT_TRUE(Gates("kernel/sys_ni.c").empty());
}

TEST_F(SourceIndexTest, SyntheticHeaderStubUnderElse) {
  const std::vector<const Definition*> defs = index().Lookup("security_bpf");
  ASSERT_EQ(defs.size(), 1u);
  EXPECT_EQ(index().FilePath(defs[0]->file), "include/linux/security.h");
  EXPECT_EQ(defs[0]->line, 13u);
  EXPECT_EQ(defs[0]->end_line, 17u);
  EXPECT_EQ(defs[0]->flags, kStatic | kInline);
  EXPECT_EQ(index().String(defs[0]->condition),
            "(defined(CONFIG_BPF_SYSCALL)) && !(defined(CONFIG_SECURITY))");
  EXPECT_TRUE(index().FileGates(defs[0]->file).empty());
}

TEST_F(SourceIndexTest, SyntheticMapOpsReferencesAndGates) {
  EXPECT_EQ(Where(index(), "xsk_map_alloc.isra.0"),
            Strings{"net/xdp/xskmap.c:5"});
  EXPECT_EQ(
      Gates("net/xdp/xskmap.c"),
      (Strings{"CONFIG_XDP_SOCKETS net/xdp/Makefile:2",
               "CONFIG_XDP_SOCKETS net/Makefile:2", "CONFIG_NET Kbuild:6"}));
  const std::span<const Reference> alloc =
      index().ReferencesTo("xsk_map_alloc");
  ASSERT_EQ(alloc.size(), 1u);
  EXPECT_EQ(index().String(alloc[0].context), "xsk_map_ops");
  EXPECT_EQ(alloc[0].line, 23u);
  const std::span<const Reference> ops = index().ReferencesTo("xsk_map_ops");
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(index().FilePath(ops[0].file), "include/linux/bpf_types.h");
  EXPECT_EQ(ops[0].line, 7u);
  EXPECT_EQ(index().String(ops[0].context), "BPF_MAP_TYPE(BPF_MAP_TYPE_XSKMAP");
  EXPECT_EQ(index().String(ops[0].condition),
            "(defined(CONFIG_NET)) && (defined(CONFIG_XDP_SOCKETS))");
  EXPECT_TRUE(index().ReferencesTo("no_such_identifier").empty());
}

TEST_F(SourceIndexTest, SyntheticConditionInsideBodyAndMakefileBlock) {
  const std::vector<const Definition*> defs =
      index().Lookup("madvise_inject_error");
  ASSERT_EQ(defs.size(), 1u);
  EXPECT_EQ(index().String(defs[0]->condition),
            "(defined(CONFIG_MEMORY_FAILURE))");
  EXPECT_EQ(Gates("mm/madvise.c"),
            (Strings{"CONFIG_ADVISE_SYSCALLS mm/Makefile:6",
                     "CONFIG_MMU mm/Makefile:6"}));
  const std::vector<const Definition*> madvise =
      index().Lookup("__x64_sys_madvise");
  ASSERT_EQ(madvise.size(), 1u);
  Strings calls;
  for (const CallSite& c : index().CallsOf(*madvise[0])) {
    calls.push_back(std::string(index().String(c.callee)) + " [" +
                    std::string(index().String(c.condition)) + "]");
  }
  EXPECT_EQ(calls, (Strings{"madvise_inject_error "
                            "[(defined(CONFIG_MEMORY_FAILURE))]",
                            "madvise_dontneed_free []"}));
}

TEST_F(SourceIndexTest, SyntheticSameIndexForAnyThreadCount) {
  SourceIndex one;
  ASSERT_TRUE(BuildSourceIndex(SyntheticTree(), 1, nullptr, &one).ok());
  SourceIndex five;
  ASSERT_TRUE(BuildSourceIndex(SyntheticTree(), 5, nullptr, &five).ok());
  const std::string bytes = SavedBytes(index(), "two.idx");
  EXPECT_EQ(SavedBytes(one, "one.idx"), bytes);
  EXPECT_EQ(SavedBytes(five, "five.idx"), bytes);
}

TEST_F(SourceIndexTest, SyntheticProgressCountsEveryFile) {
  std::vector<size_t> done;
  SourceIndex idx;
  ASSERT_TRUE(BuildSourceIndex(
                  SyntheticTree(), 2,
                  [&](size_t d, size_t total) {
                    EXPECT_EQ(total, 15u);
                    done.push_back(d);
                  },
                  &idx)
                  .ok());
  ASSERT_EQ(done.size(), 15u);
  EXPECT_EQ(done.front(), 1u);
  EXPECT_EQ(done.back(), 15u);
}

TEST_F(SourceIndexTest, SyntheticSaveLoadRoundTrip) {
  const std::string path = TempPath("roundtrip.idx");
  ASSERT_TRUE(SaveSourceIndex(index(), path).ok());
  SourceIndex loaded;
  Status s = LoadSourceIndex(path, &loaded);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(loaded.file_count(), index().file_count());
  EXPECT_EQ(loaded.definition_count(), index().definition_count());
  EXPECT_EQ(loaded.call_count(), index().call_count());
  EXPECT_EQ(loaded.reference_count(), index().reference_count());
  EXPECT_EQ(loaded.gate_count(), index().gate_count());
  EXPECT_EQ(Where(loaded, "__x64_sys_clock_gettime32"),
            Where(index(), "__x64_sys_clock_gettime32"));
  EXPECT_EQ(loaded.ReferencesTo("xsk_map_ops").size(), 1u);
  EXPECT_EQ(SavedBytes(loaded, "resaved.idx"),
            ftriage::testing::ReadFile(path));
}

TEST_F(SourceIndexTest, SyntheticBadFilesAreErrorsNamingTheFile) {
  const std::string good = SavedBytes(index(), "good.idx");
  const std::string path = TempPath("bad.idx");
  auto load_fails = [&](const std::string& bytes, const std::string& what) {
    WriteBytes(path, bytes);
    SourceIndex out;
    Status s = LoadSourceIndex(path, &out);
    EXPECT_FALSE(s.ok()) << what;
    EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
    EXPECT_EQ(out.file_count(), 0u) << what;
    return s.message();
  };
  EXPECT_NE(load_fails("", "empty").find("not an ftriage source index"),
            std::string::npos);
  load_fails("#include <stdio.h>\n", "text");
  std::string version = good;
  version[8] = 2;
  EXPECT_NE(load_fails(version, "version").find("version 2"),
            std::string::npos);
  for (size_t size :
       {size_t{5}, size_t{12}, size_t{13}, good.size() / 2, good.size() - 1}) {
    load_fails(good.substr(0, size), "truncated to " + std::to_string(size));
  }
  // Any damaged byte is an error, or (in zstd's window size, which no
  // checksum covers) yields the same index.
  for (size_t i = 0; i < good.size(); ++i) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    WriteBytes(path, flipped);
    SourceIndex out;
    Status s = LoadSourceIndex(path, &out);
    if (s.ok()) {
      EXPECT_EQ(SavedBytes(out, "reloaded.idx"), good) << "byte " << i;
    } else {
      EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
    }
  }
  SourceIndex out;
  Status missing = LoadSourceIndex(TempPath("missing.idx"), &out);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("missing.idx"), std::string::npos);
}

TEST_F(SourceIndexTest, SyntheticBuildFailsForMissingRoot) {
  SourceIndex out;
  Status s =
      BuildSourceIndex(SyntheticTree() + "/no_such_dir", 2, nullptr, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no_such_dir"), std::string::npos);
}

TEST_F(SourceIndexTest, SyntheticIndexCommand) {
  const std::string path = TempPath("cli.idx");
  ftriage::testing::CliResult r = ftriage::testing::RunCliInTestdata(
      {"index", "kernel/synthetic", "-o", path, "-j", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 15 files: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("wrote " + path), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");  // no progress bar when stderr is not a terminal
  SourceIndex loaded;
  EXPECT_TRUE(LoadSourceIndex(path, &loaded).ok());
  EXPECT_EQ(loaded.definition_count(), index().definition_count());

  r = ftriage::testing::RunCliInTestdata(
      {"index", "kernel/no_such_tree", "-o", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kernel/no_such_tree"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ftriage::kernel
