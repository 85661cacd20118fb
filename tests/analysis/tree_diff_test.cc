#include "analysis/tree_diff.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/function_stats.h"
#include "analysis/run_pairing.h"
#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::analysis {
namespace {

struct Compared {
  cli::LoadedTrace good;
  cli::LoadedTrace bad;
  Invocation good_call;
  Invocation bad_call;
  TreeDiff diff;

  std::string Good(NodeId id) const { return Name(good.forest, id); }
  std::string Bad(NodeId id) const { return Name(bad.forest, id); }
  static std::string Name(const CallForest& f, NodeId id) {
    return id.is_none() ? ""
                        : std::string(f.name(f.Normalized(f.node(id).func)));
  }
  bool Has(DifferenceKind kind, const std::string& name) const {
    return std::any_of(diff.differences.begin(), diff.differences.end(),
                       [&](const Difference& d) {
                         return d.kind == kind &&
                                (Good(d.good) == name || Bad(d.bad) == name);
                       });
  }
};

std::unique_ptr<Compared> Compare(const std::string& good,
                                  const std::string& bad, LineNo good_at = 0,
                                  LineNo bad_at = 0) {
  auto c = std::make_unique<Compared>();
  EXPECT_TRUE(
      cli::LoadTraces({testing::TestdataPath(good)}, std::nullopt, &c->good)
          .ok());
  EXPECT_TRUE(
      cli::LoadTraces({testing::TestdataPath(bad)}, std::nullopt, &c->bad)
          .ok());
  DiffOptions o;
  o.noise = DefaultNoise();
  std::string error;
  c->bad_call = *PickBadInvocation(c->bad.forest, "", bad_at, &error);
  c->good_call = *PickGoodInvocation(c->good.forest, c->bad.forest,
                                     c->bad_call.call, good_at, o, &error);
  c->diff = DiffTrees(c->good.forest, c->good_call.call, c->bad.forest,
                      c->bad_call.call, c->bad_call.failing_path, o);
  return c;
}

// Seed bpf-xskmap-einval, same kernel: both runs check the attributes
// (bpf_check_uarg_tail_zero, __check_object_size, __might_fault); then the
// good run allocates the map (array_map_alloc_check, ...) while the failing
// run returns -EINVAL: the map type is not registered on that kernel.
TEST(TreeDiffTest, SeedSameKernelPartsAfterMightFault) {
  auto c = Compare("seeds/bpf-xskmap-einval/good-same-kernel.trace",
                   "seeds/bpf-xskmap-einval/bad.trace");
  ASSERT_TRUE(c->diff.divergence.has_value());
  const Divergence& d = *c->diff.divergence;
  EXPECT_EQ(c->Bad(d.bad_parent), "__x64_sys_bpf");
  EXPECT_EQ(c->Bad(d.last_common_bad), "__might_fault");
  EXPECT_EQ(c->Good(d.first_good_only), "array_map_alloc_check");
  EXPECT_TRUE(d.first_bad_only.is_none());
  EXPECT_EQ(d.bad_outcome, "returns early with -22 EINVAL");
}

// Against the other kernel, whose __x64_sys_bpf calls __sys_bpf: the
// failing kernel inlined __sys_bpf (its callees appear directly under
// __x64_sys_bpf), and capable/security_bpf appear only in the good kernel:
// evidence that the kernels are built differently (CONFIG_SECURITY).
TEST(TreeDiffTest, SeedOtherKernelSysBpfCollapsed) {
  auto c = Compare("seeds/bpf-xskmap-einval/good-other-kernel.trace",
                   "seeds/bpf-xskmap-einval/bad.trace");
  EXPECT_TRUE(c->Has(DifferenceKind::kCollapsedInBad, "__sys_bpf"));
  EXPECT_TRUE(c->Has(DifferenceKind::kOnlyGood, "security_bpf"));
  EXPECT_TRUE(c->Has(DifferenceKind::kOnlyGood, "capable"));
  ASSERT_TRUE(c->diff.divergence.has_value());
  EXPECT_EQ(c->Good(c->diff.divergence->good_parent), "__sys_bpf");
  EXPECT_EQ(c->Bad(c->diff.divergence->last_common_bad), "__check_object_size");
}

// Seed ia32-clock-gettime-enosys: the 32-bit handler is a leaf (the weak
// COND_SYSCALL stub) while the 64-bit one reads the clock; both are the
// clock_gettime syscall across ABIs.
TEST(TreeDiffTest, SeedIa32ComparedAsTheSameSyscall) {
  auto c =
      Compare("seeds/ia32-clock-gettime-enosys/function-graph.trace",
              "seeds/ia32-clock-gettime-enosys/function-graph.trace", 11, 5);
  EXPECT_EQ(CompareKey(c->good.forest, c->good_call.call, {}),
            CompareKey(c->bad.forest, c->bad_call.call, {}));
  ASSERT_TRUE(c->diff.divergence.has_value());
  EXPECT_EQ(c->Good(c->diff.divergence->first_good_only),
            "posix_get_realtime_timespec");
  EXPECT_EQ(c->diff.divergence->bad_outcome, "returns without any traced call");
}

// Real captures, Debian 6.1 (tools/capture): BPF_MAP_CREATE of an array map
// with key_size 4 (good) and 8 (bad). map_create checks the attributes with
// array_map_alloc_check in both runs; only the good run goes on to
// array_map_alloc: the check rejected the bad attributes.
TEST(TreeDiffTest, RealBpfDivergesAfterArrayMapAllocCheck) {
  auto c = Compare("real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt",
                   "real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt");
  ASSERT_TRUE(c->diff.divergence.has_value());
  const Divergence& d = *c->diff.divergence;
  EXPECT_EQ(c->Bad(d.bad_parent), "map_create");
  EXPECT_EQ(c->Bad(d.last_common_bad), "array_map_alloc_check");
  EXPECT_EQ(c->Good(d.first_good_only), "array_map_alloc");
  EXPECT_TRUE(c->Has(DifferenceKind::kRetval, "__x64_sys_bpf"));
}

// Real captures, Debian 6.1: openat of an existing and a missing file. Both
// look the path up with do_filp_open; then the good run installs the new
// file descriptor (fd_install) and the failing one gives it back
// (put_unused_fd): the lookup failed.
TEST(TreeDiffTest, RealOpenatDivergesAfterDoFilpOpen) {
  auto c = Compare("real/6.1.0-56-amd64_x86_64_fgraph_openat-good.txt",
                   "real/6.1.0-56-amd64_x86_64_fgraph_openat-bad.txt");
  ASSERT_TRUE(c->diff.divergence.has_value());
  const Divergence& d = *c->diff.divergence;
  EXPECT_EQ(c->Bad(d.bad_parent), "do_sys_openat2");
  EXPECT_EQ(c->Bad(d.last_common_bad), "do_filp_open");
  EXPECT_EQ(c->Good(d.first_good_only), "fd_install");
  EXPECT_EQ(c->Bad(d.first_bad_only), "put_unused_fd");
}

// The same failing openat on 6.1 and 6.12: allocator renames (*_noprof)
// are not differences; the runs share most of their calls.
TEST(TreeDiffTest, RealCrossKernelIgnoresNoprofRenames) {
  auto c = Compare("real/6.1.0-56-amd64_x86_64_fgraph_openat-bad.txt",
                   "real/6.12.117+deb12-amd64_x86_64_fgraph_openat-bad.txt");
  EXPECT_FALSE(c->Has(DifferenceKind::kOnlyBad, "kmem_cache_alloc_noprof") &&
               c->Has(DifferenceKind::kOnlyGood, "kmem_cache_alloc"));
  EXPECT_GT(c->diff.matched, 50u);
}

// --stats: array_map_alloc_check is called only by the good run; the
// common __might_fault once by each.
TEST(TreeDiffTest, FunctionTotalsPutOneRunOnlyFirst) {
  auto c = Compare("seeds/bpf-xskmap-einval/good-same-kernel.trace",
                   "seeds/bpf-xskmap-einval/bad.trace");
  std::vector<FunctionComparison> stats =
      CompareFunctions(c->good.forest, c->bad.forest, {});
  ASSERT_FALSE(stats.empty());
  EXPECT_EQ(stats.front().bad.calls, 0u);
  auto it = std::find_if(stats.begin(), stats.end(), [](const auto& s) {
    return s.key == "__might_fault";
  });
  ASSERT_NE(it, stats.end());
  EXPECT_EQ(it->good.calls, 1u);
  EXPECT_EQ(it->bad.calls, 1u);
  EXPECT_EQ(it->bad.total_ns, 191);
}

// The real 6.1 bpf pair with noise kept: the result must not depend on
// whether scheduling helpers are set aside when both runs make them.
TEST(TreeDiffTest, SharedNoiseCanBeTheLastCommonCall) {
  auto c = Compare("real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt",
                   "real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt");
  ASSERT_TRUE(c->diff.divergence.has_value());
  // array_map_alloc_check is the last call map_create makes in both runs.
  EXPECT_EQ(c->Bad(c->diff.divergence->last_common_bad),
            "array_map_alloc_check");
}

TEST(TreeDiffTest, IdenticalRunsHaveNoDifference) {
  auto c = Compare("seeds/bpf-xskmap-einval/bad.trace",
                   "seeds/bpf-xskmap-einval/bad.trace");
  EXPECT_TRUE(c->diff.differences.empty());
  EXPECT_FALSE(c->diff.divergence.has_value());
}

// Synthetic forests: a root over groups of three calls, 2^20 calls in the
// two runs, so their Sides are built on two threads (on a machine with two
// CPUs). BAD makes one more call in the middle; that is all that differs.
TEST(TreeDiffTest, SyntheticLargeRunsStillFindTheOneExtraCall) {
  constexpr int kGroups = 180000;
  auto build = [](CallForest* f, bool extra) {
    f->threads().resize(1);
    auto add = [&](const char* name, NodeId parent, NodeId last) {
      CallNode n;
      n.func = f->strings().Intern(name);
      NodeId id = f->AddNode(n);
      f->Attach(parent, last, id);
      return id;
    };
    NodeId root = add("__x64_sys_read", NodeId::None(), NodeId::None());
    NodeId last = NodeId::None();
    for (int i = 0; i < kGroups; ++i) {
      if (extra && i == kGroups / 2) last = add("extra", root, last);
      last = add("vfs_read", root, last);
      NodeId child = add("rw_verify_area", last, NodeId::None());
      add("security_file_permission", last, child);
    }
    return root;
  };
  StringPool good_strings;
  StringPool bad_strings;
  CallForest good(&good_strings);
  CallForest bad(&bad_strings);
  NodeId good_root = build(&good, false);
  NodeId bad_root = build(&bad, true);
  ASSERT_GE(good.size() + bad.size(), size_t{1} << 20);
  TreeDiff d = DiffTrees(good, good_root, bad, bad_root, {bad_root}, {});
  ASSERT_EQ(d.differences.size(), 1u);
  EXPECT_EQ(d.differences[0].kind, DifferenceKind::kOnlyBad);
  EXPECT_EQ(bad.name(bad.func(d.differences[0].bad)), "extra");
}

}  // namespace
}  // namespace ftriage::analysis
