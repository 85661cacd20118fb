#include "kernel/kernel_context.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kernel/kernel_file_kind.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kConfig =
    "#\n"
    "# Automatically generated file; DO NOT EDIT.\n"
    "# Linux/x86 6.1.192 Kernel Configuration\n"
    "#\n"
    "CONFIG_MEMORY_FAILURE=y\n";
constexpr std::string_view kKallsyms =
    "ffffffff81356540 T memory_failure\n"
    "ffffffffc0a01000 t dummy_xmit\t[dummy]\n";
constexpr std::string_view kFilterFunctions =
    "memory_failure\n"
    "dummy_xmit [dummy]\n";
constexpr std::string_view kDmesg =
    "[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists) #1\n"
    "[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz\n";

// A fresh, empty directory for one test.
class KernelContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::path(::testing::TempDir()) /
        ("ftriage_kctx_" +
         std::string(
             ::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }
  std::string Write(const std::string& name, std::string_view text) const {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }
  std::string WriteGzip(const std::string& name, std::string_view text) const {
    gzFile f = gzopen(Path(name).c_str(), "wb");
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
    return Path(name);
  }
  std::string WriteZstd(const std::string& name, std::string_view text) const {
    std::string out(ZSTD_compressBound(text.size()), '\0');
    out.resize(
        ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
    return Write(name, out);
  }
  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
};

std::vector<std::string> IgnoredNames(const KernelContext& ctx) {
  std::vector<std::string> names;
  for (const IgnoredFile& f : ctx.ignored) {
    names.push_back(fs::path(f.path).filename().string() + ": " + f.reason);
  }
  return names;
}

TEST_F(KernelContextTest, SyntheticSingleFilesAreRecognizedByContent) {
  const std::string config = Write("a.txt", kConfig);
  const std::string kallsyms = Write("b.txt", kKallsyms);
  const std::string filter = Write("c.txt", kFilterFunctions);
  const std::string dmesg = Write("d.txt", kDmesg);
  KernelContext ctx;
  const Status s = LoadKernelContext({config, kallsyms, filter, dmesg}, &ctx);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(ctx.config && ctx.kallsyms && ctx.filter_functions);
  EXPECT_EQ(ctx.config->path, config);
  EXPECT_EQ(ctx.kallsyms->path, kallsyms);
  EXPECT_EQ(ctx.filter_functions->path, filter);
  EXPECT_EQ(ctx.kallsyms->data.Find("dummy_xmit").at(0).module, "dummy");
  EXPECT_TRUE(ctx.filter_functions->data.Contains("memory_failure"));
  ASSERT_TRUE(ctx.release);
  EXPECT_EQ(ctx.release->release, "6.1.0-56-amd64");
  EXPECT_EQ(ctx.release->path, dmesg);
  EXPECT_EQ(ctx.release->line, 1u);
  EXPECT_TRUE(ctx.ignored.empty());
}

TEST_F(KernelContextTest, SyntheticContentSniffingRules) {
  EXPECT_EQ(KindFromLine("CONFIG_A=y"), KernelFileKind::kConfig);
  EXPECT_EQ(KindFromLine("# CONFIG_A is not set"), KernelFileKind::kConfig);
  EXPECT_EQ(KindFromLine("# Automatically generated file; DO NOT EDIT."),
            KernelFileKind::kConfig);
  EXPECT_EQ(KindFromLine("# Linux/arm64 6.12.1 Kernel Configuration"),
            KernelFileKind::kConfig);
  EXPECT_EQ(KindFromLine("ffffffff81000000 T _stext"),
            KernelFileKind::kKallsyms);
  EXPECT_EQ(KindFromLine("0000000000000000 t f\t[m]"),
            KernelFileKind::kKallsyms);
  EXPECT_EQ(KindFromLine("vfs_read"), KernelFileKind::kFilterFunctions);
  EXPECT_EQ(KindFromLine("f [m]"), KernelFileKind::kFilterFunctions);
  EXPECT_EQ(KindFromLine("ffffffff81000000 vfs_read"),
            KernelFileKind::kFilterFunctions);
  EXPECT_EQ(KindFromLine("[    1.234567] usb 1-1: new device"),
            KernelFileKind::kDmesg);
  EXPECT_EQ(KindFromLine("Linux version 6.1.0 (x@y) #1"),
            KernelFileKind::kDmesg);
  EXPECT_EQ(KindFromLine(""), std::nullopt);
  EXPECT_EQ(KindFromLine("#"), std::nullopt);
  EXPECT_EQ(KindFromLine("# tracer: function_graph"), std::nullopt);
  EXPECT_EQ(KindFromLine(" 0)   0.239 us |  vfs_read();"),
            KernelFileKind::kUnknown);
}

TEST_F(KernelContextTest, SyntheticDirectoryNamesRules) {
  const std::pair<const char*, KernelFileKind> names[] = {
      {"kallsyms", KernelFileKind::kKallsyms},
      {"kallsyms.gz", KernelFileKind::kKallsyms},
      {"kallsyms-excerpt.txt", KernelFileKind::kKallsyms},
      {"System.map", KernelFileKind::kKallsyms},
      {"System.map-6.1.0-56-amd64", KernelFileKind::kKallsyms},
      {"available_filter_functions.zst", KernelFileKind::kFilterFunctions},
      {"available_filter_functions_addrs", KernelFileKind::kFilterFunctions},
      {".config", KernelFileKind::kConfig},
      {"config", KernelFileKind::kConfig},
      {"config.gz", KernelFileKind::kConfig},
      {"config-6.1.0-56-amd64", KernelFileKind::kConfig},
      {"dmesg.txt", KernelFileKind::kDmesg},
      {"kallsymsfoo", KernelFileKind::kUnknown},
      {"configure", KernelFileKind::kUnknown},
      {"trace.txt", KernelFileKind::kUnknown},
      {".gz", KernelFileKind::kUnknown}};
  for (const auto& [name, kind] : names) {
    EXPECT_EQ(KindFromName(name).kind, kind) << name;
  }
  EXPECT_LT(KindFromName("kallsyms").rank, KindFromName("System.map").rank);
  EXPECT_LT(KindFromName("available_filter_functions").rank,
            KindFromName("available_filter_functions_addrs").rank);
  EXPECT_EQ(CoverageFromPath("/x/kallsyms-excerpt.txt"), Coverage::kExcerpt);
  EXPECT_EQ(CoverageFromPath("/excerpt/kallsyms"), Coverage::kComplete);
}

TEST_F(KernelContextTest, SyntheticDirectoryWithCompressedFiles) {
  WriteGzip("kallsyms.gz", kKallsyms);
  WriteZstd("available_filter_functions.zst", kFilterFunctions);
  WriteGzip("config.gz", kConfig);
  Write("dmesg.txt", kDmesg);
  Write("notes.md", "# what I did\n");
  fs::create_directory(Path("sub"));
  KernelContext ctx;
  const Status s = LoadKernelContext({dir()}, &ctx);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(ctx.kallsyms && ctx.filter_functions && ctx.config);
  EXPECT_EQ(ctx.kallsyms->path, Path("kallsyms.gz"));
  EXPECT_TRUE(ctx.kallsyms->data.complete());
  EXPECT_EQ(ctx.kallsyms->data.size(), 2u);
  EXPECT_EQ(ctx.filter_functions->data.size(), 2u);
  EXPECT_EQ(ctx.config->data.State("CONFIG_MEMORY_FAILURE"),
            ConfigState::kBuiltin);
  EXPECT_EQ(ctx.release->release, "6.1.0-56-amd64");
  EXPECT_EQ(IgnoredNames(ctx), (std::vector<std::string>{
                                   "notes.md: not a kernel context file name",
                                   "sub: not a regular file"}));
}

TEST_F(KernelContextTest, SyntheticConfigHeaderGivesReleaseWithoutDmesg) {
  Write(".config", kConfig);
  KernelContext ctx;
  ASSERT_TRUE(LoadKernelContext({dir()}, &ctx).ok());
  ASSERT_TRUE(ctx.release);
  EXPECT_EQ(ctx.release->release, "6.1.192");
  EXPECT_EQ(ctx.release->path, Path(".config"));
  EXPECT_EQ(ctx.release->line, 3u);
  EXPECT_FALSE(ctx.kallsyms);
  EXPECT_FALSE(ctx.filter_functions);
}

TEST_F(KernelContextTest, SyntheticBetterRankedNameWins) {
  Write("System.map-6.1.0-56-amd64", "ffffffff81000000 T from_map\n");
  Write("kallsyms", kKallsyms);
  Write("available_filter_functions_addrs", "ffffffff81000000 from_addrs\n");
  Write("available_filter_functions", kFilterFunctions);
  KernelContext ctx;
  const Status s = LoadKernelContext({dir()}, &ctx);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(ctx.kallsyms->path, Path("kallsyms"));
  EXPECT_EQ(ctx.filter_functions->path, Path("available_filter_functions"));
  EXPECT_EQ(IgnoredNames(ctx),
            (std::vector<std::string>{
                "System.map-6.1.0-56-amd64: superseded by " + Path("kallsyms"),
                "available_filter_functions_addrs: superseded by " +
                    Path("available_filter_functions")}));
}

TEST_F(KernelContextTest, SyntheticSystemMapAloneIsTheSymbols) {
  Write("System.map-6.1.0-56-amd64", "ffffffff81000000 T from_map\n");
  KernelContext ctx;
  ASSERT_TRUE(LoadKernelContext({dir()}, &ctx).ok());
  ASSERT_TRUE(ctx.kallsyms);
  EXPECT_EQ(ctx.kallsyms->data.Find("from_map").at(0).line, 1u);
}

TEST_F(KernelContextTest, SyntheticTwoConfigsInADirectoryAreAnError) {
  Write("config-6.1.0-56-amd64", kConfig);
  Write("config-6.1.0-56-cloud-amd64", kConfig);
  KernelContext ctx;
  const Status s = LoadKernelContext({dir()}, &ctx);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("config-6.1.0-56-amd64"), std::string::npos);
  EXPECT_NE(s.message().find("config-6.1.0-56-cloud-amd64"), std::string::npos);
}

TEST_F(KernelContextTest, SyntheticGivenFileWinsOverTheDirectorys) {
  Write("config", "CONFIG_FROM_DIR=y\n");
  fs::create_directory(Path("elsewhere"));
  const std::string chosen = Write("elsewhere/my.config", "CONFIG_GIVEN=y\n");
  KernelContext ctx;
  const Status s = LoadKernelContext({dir(), chosen}, &ctx);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(ctx.config->path, chosen);
  EXPECT_EQ(ctx.config->data.State("CONFIG_GIVEN"), ConfigState::kBuiltin);
  EXPECT_EQ(IgnoredNames(ctx),
            (std::vector<std::string>{"elsewhere: not a regular file",
                                      "config: superseded by " + chosen}));
}

TEST_F(KernelContextTest, SyntheticTwoGivenFilesOfOneKindAreAnError) {
  const std::string a = Write("a", kConfig);
  const std::string b = Write("b", kConfig);
  KernelContext ctx;
  const Status s = LoadKernelContext({a, b}, &ctx);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            b + ": a second config for one kernel (the first is " + a + ")");
}

TEST_F(KernelContextTest, SyntheticUnrecognizedFileIsAnErrorNamingIt) {
  const std::string trace =
      Write("trace.txt", "# tracer: function_graph\n 0)   0.239 us |  f();\n");
  KernelContext ctx;
  const Status s = LoadKernelContext({trace}, &ctx);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            trace +
                ": not a kernel context file (line 2 is not kallsyms, "
                "available_filter_functions, .config or dmesg)");
  const std::string empty = Write("empty", "");
  EXPECT_EQ(LoadKernelContext({empty}, &ctx).message(),
            empty + ": not a kernel context file (no line tells its kind)");
  std::string comments;
  for (int i = 0; i < 100; ++i) comments += "# just a comment\n";
  const std::string chatter = Write("comments", comments);
  EXPECT_EQ(LoadKernelContext({chatter}, &ctx).message(),
            chatter +
                ": not a kernel context file (no line of the first 64 tells "
                "its kind)");
}

TEST_F(KernelContextTest, SyntheticNamedFileWithOtherContentIsAnError) {
  Write("kallsyms", "vfs_read\nvfs_write\n");
  KernelContext ctx;
  const Status s = LoadKernelContext({dir()}, &ctx);
  EXPECT_EQ(s.message(), Path("kallsyms") + ": no line reads as kallsyms");
  // Sniffed from one good line, then mostly something else.
  const std::string mixed =
      Write("mixed", "vfs_read\nnot one\nnot two\nnot three\n");
  EXPECT_EQ(LoadKernelContext({mixed}, &ctx).message(),
            mixed +
                ": only 1 of 4 lines read as available_filter_functions "
                "(first other: line 2)");
}

TEST_F(KernelContextTest, SyntheticMissingPathIsAnErrorNamingIt) {
  KernelContext ctx;
  const Status s = LoadKernelContext({Path("nope")}, &ctx);
  EXPECT_EQ(s.message(),
            Path("nope") + ": cannot open: No such file or directory");
}

TEST_F(KernelContextTest, SyntheticCorruptCompressedFileIsAnError) {
  const std::string gz = WriteGzip("kallsyms.gz", kKallsyms);
  fs::resize_file(gz, fs::file_size(gz) - 8);
  KernelContext ctx;
  const Status s = LoadKernelContext({dir()}, &ctx);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(gz), std::string::npos);
}

TEST_F(KernelContextTest, SyntheticExcerptNameLoadsAsExcerpt) {
  const std::string excerpt = Write("config-excerpt.txt", "CONFIG_A=y\n");
  KernelContext ctx;
  ASSERT_TRUE(LoadKernelContext({excerpt}, &ctx).ok());
  EXPECT_FALSE(ctx.config->data.complete());
  EXPECT_EQ(ctx.config->data.State("CONFIG_B"), ConfigState::kUnknown);
}

TEST(KernelContextRealTest, DebianAmd64AndCloud) {
  const std::string root = testing::TestdataPath("real/kernels/");
  KernelContext amd64, cloud;
  Status s = LoadKernelContext({root + "6.1.0-56-amd64"}, &amd64);
  ASSERT_TRUE(s.ok()) << s.message();
  s = LoadKernelContext({root + "6.1.0-56-cloud-amd64"}, &cloud);
  ASSERT_TRUE(s.ok()) << s.message();
  for (const KernelContext* ctx : {&amd64, &cloud}) {
    ASSERT_TRUE(ctx->kallsyms && ctx->filter_functions && ctx->config);
    EXPECT_TRUE(ctx->kallsyms->data.complete());
    EXPECT_TRUE(ctx->ignored.empty());
  }
  EXPECT_EQ(amd64.kallsyms->path, root + "6.1.0-56-amd64/kallsyms.gz");
  EXPECT_EQ(amd64.release->release, "6.1.0-56-amd64");
  EXPECT_EQ(amd64.release->path, root + "6.1.0-56-amd64/dmesg.txt");
  EXPECT_EQ(cloud.release->release, "6.1.0-56-cloud-amd64");

  EXPECT_EQ(amd64.kallsyms->data.Find("security_bpf").at(0).type, 'T');
  EXPECT_TRUE(amd64.kallsyms->data.HasFunction("memory_failure"));
  EXPECT_FALSE(cloud.kallsyms->data.HasFunction("memory_failure"));
  EXPECT_FALSE(amd64.kallsyms->data.HasFunction("madvise_inject_error"));
  EXPECT_EQ(amd64.config->data.State("CONFIG_MEMORY_FAILURE"),
            ConfigState::kBuiltin);
  EXPECT_EQ(cloud.config->data.State("CONFIG_MEMORY_FAILURE"),
            ConfigState::kUnset);
  const auto diff = DiffConfigs(amd64.config->data, cloud.config->data);
  EXPECT_TRUE(std::ranges::any_of(diff, [](const ConfigDifference& d) {
    return d.option == "CONFIG_MEMORY_FAILURE";
  }));
}

TEST(KernelContextRealTest, SeedKallsymsExcerpt) {
  const std::string seed =
      testing::TestdataPath("seeds/ia32-clock-gettime-enosys");
  for (const std::string& path : {seed + "/kallsyms-excerpt.txt", seed}) {
    KernelContext ctx;
    const Status s = LoadKernelContext({path}, &ctx);
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_TRUE(ctx.kallsyms) << path;
    const Kallsyms& k = ctx.kallsyms->data;
    EXPECT_FALSE(k.complete());
    const auto found = k.Find("__ia32_sys_clock_gettime32");
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].type, 'W');
    EXPECT_TRUE(IsWeak(found[0].type));
    EXPECT_EQ(k.Find("__ia32_sys_clock_gettime").at(0).type, 'T');
  }
  KernelContext dir;
  ASSERT_TRUE(LoadKernelContext({seed}, &dir).ok());
  EXPECT_FALSE(dir.ignored.empty());  // the traces and their goldens
  EXPECT_TRUE(std::ranges::all_of(dir.ignored, [](const IgnoredFile& f) {
    return f.reason == "not a kernel context file name";
  }));
}

}  // namespace
}  // namespace ftriage
