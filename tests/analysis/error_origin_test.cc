#include "analysis/error_origin.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::analysis {
namespace {

struct Found {
  cli::LoadedTrace trace;
  std::vector<ErrorFinding> errors;
  std::string Name(NodeId id) const {
    const CallForest& f = trace.forest;
    return id.is_none() ? ""
                        : std::string(f.name(f.Normalized(f.node(id).func)));
  }
  std::vector<std::string> Names(const std::vector<NodeId>& ids) const {
    std::vector<std::string> out;
    for (NodeId id : ids) out.push_back(Name(id));
    return out;
  }
};

std::unique_ptr<Found> Find(const std::string& rel, ErrorOptions o = {}) {
  auto f = std::make_unique<Found>();
  Status s =
      cli::LoadTraces({testing::TestdataPath(rel)}, std::nullopt, &f->trace);
  EXPECT_TRUE(s.ok()) << s.message();
  f->errors = FindErrors(f->trace.forest, o);
  return f;
}

// Seed veth-xdp-enospc: retsnoop -T shows every return value, so the chain
// is proven: dev_xdp_install is the deepest call returning -ENOSPC first,
// and bpf_link_cleanup runs after the error on the way out.
TEST(ErrorOriginTest, VethXdpOriginChainAndCleanup) {
  auto f = Find("seeds/veth-xdp-enospc/retsnoop-T.log");
  ASSERT_EQ(f->errors.size(), 1u);
  const ErrorFinding& e = f->errors[0];
  EXPECT_EQ(e.errno_number, 28);
  EXPECT_EQ(f->trace.forest.name(e.syscall), "bpf");
  EXPECT_EQ(f->Name(e.origin), "dev_xdp_install");
  EXPECT_EQ(e.confidence, Confidence::kTraced);
  EXPECT_EQ(f->Names(e.chain),
            (std::vector<std::string>{"__x64_sys_bpf", "__sys_bpf",
                                      "dev_xdp_attach", "dev_xdp_install"}));
  EXPECT_EQ(f->Names(e.cleanup), std::vector<std::string>{"bpf_link_cleanup"});
}

// Seed bpf-xskmap-einval: only the sys_exit event carries -EINVAL; no traced
// callee of __x64_sys_bpf fails, so the origin is not in the trace: it is
// in __x64_sys_bpf's own (inlined) code after its last traced callee.
TEST(ErrorOriginTest, BpfXskmapErrorWindow) {
  auto f = Find("seeds/bpf-xskmap-einval/bad.trace");
  ASSERT_EQ(f->errors.size(), 1u);
  const ErrorFinding& e = f->errors[0];
  EXPECT_EQ(e.errno_number, 22);
  EXPECT_TRUE(e.origin.is_none());
  EXPECT_EQ(e.confidence, Confidence::kInferred);
  EXPECT_EQ(f->Name(e.window_parent), "__x64_sys_bpf");
  EXPECT_EQ(f->Name(e.window_after), "__might_fault");
  const SyscallRecord& r =
      f->trace.forest.syscalls()[static_cast<size_t>(e.syscall_record)];
  EXPECT_EQ(f->trace.forest.name(r.args),
            "cmd: 0, uattr: c000097058, size: 40");
}

// Seed mount-max-enospc: bcc prints return probes per CPU buffer, so the
// seven -ENOSPC returns of TID 3017 are one failure with no order and no
// origin; 0xffffffe4 and 0xffffffffffffffe4 both read as -28.
TEST(ErrorOriginTest, MountReturnProbesHaveNoOrder) {
  auto f = Find("seeds/mount-max-enospc/trace-bpfcc-retvals.log");
  ASSERT_EQ(f->errors.size(), 1u);
  const ErrorFinding& e = f->errors[0];
  EXPECT_EQ(e.errno_number, 28);
  EXPECT_EQ(e.confidence, Confidence::kOrderUnknown);
  EXPECT_EQ(e.unordered.size(), 7u);
  EXPECT_TRUE(e.origin.is_none());
  EXPECT_EQ(f->trace.forest.name(e.syscall), "mount");
  EXPECT_EQ(f->trace.forest.threads()[e.thread].pid, 3017);
}

// ftrace.rst funcgraph-retval example: cgroup_migrate -> ..._execute ->
// cpu_cgroup_can_attach all return -22 and cpu_cgroup_can_attach's callees
// return 0: the kernel documentation names it as the source of -EINVAL.
TEST(ErrorOriginTest, FuncgraphRetvalNamesCpuCgroupCanAttach) {
  for (const char* file :
       {"corpus/function_graph/ftrace-rst-funcgraph-retval.txt",
        "corpus/function_graph/ftrace-rst-funcgraph-retval-hex.txt"}) {
    auto f = Find(file);
    ASSERT_EQ(f->errors.size(), 1u) << file;
    EXPECT_EQ(f->Name(f->errors[0].origin), "cpu_cgroup_can_attach") << file;
    EXPECT_EQ(f->errors[0].confidence, Confidence::kTraced);
  }
}

// retsnoop README (2021 stack mode): the first session fails in BTF
// verification; retsnoop's deepest failing frame btf_check_all_metas is
// where the README's author found the bad BTF. The chain passes through
// inlined and untraced frames that print no result.
TEST(ErrorOriginTest, RetsnoopStackModeFollowsThroughInlinedFrames) {
  auto f = Find("corpus/retsnoop/readme-2021-use-case-bpf-stack-mode.txt");
  ASSERT_EQ(f->errors.size(), 3u);
  EXPECT_EQ(f->Name(f->errors[0].origin), "btf_check_all_metas");
  EXPECT_EQ(f->Name(f->errors[0].chain[4]), "btf_new_fd");
  // Third session: -ENOMEM from array_map_alloc, at its inlined
  // bpf_array_alloc_percpu.
  EXPECT_EQ(f->errors[2].errno_number, 12);
  EXPECT_EQ(f->Name(f->errors[2].origin), "array_map_alloc");
}

// retsnoop README default mode: simfail injects an allocation failure;
// array_map_alloc is the deepest call returning -ENOMEM (its callee
// bpf_map_alloc_percpu returns NULL, a pointer, not an errno).
TEST(ErrorOriginTest, RetsnoopDefaultModeEnomem) {
  auto f = Find("corpus/retsnoop/readme-default-stack-mode-ENOMEM.txt");
  ASSERT_EQ(f->errors.size(), 1u);
  EXPECT_EQ(f->Name(f->errors[0].origin), "array_map_alloc");
}

// Real capture, Debian 6.12 (no funcgraph-retval): openat of a missing file
// returns -ENOENT through sys_exit; the window is after do_sys_openat2.
TEST(ErrorOriginTest, RealOpenatEnoentWindow) {
  auto f = Find("real/6.12.117+deb12-amd64_x86_64_fgraph_openat-bad.txt");
  ASSERT_EQ(f->errors.size(), 1u);
  EXPECT_EQ(f->errors[0].errno_number, 2);
  EXPECT_EQ(f->Name(f->errors[0].window_after), "do_sys_openat2");
}

// Real funcgraph-retval capture (Debian 6.12 rebuilt with
// CONFIG_FUNCTION_GRAPH_RETVAL, tools/capture): bpf(BPF_MAP_CREATE) of an
// array map with key_size 8. array_map_alloc_check rejects any key_size
// but 4 with -EINVAL; map_create, __sys_bpf and __x64_sys_bpf pass it up.
TEST(ErrorOriginTest, RealRetvalCaptureNamesArrayMapAllocCheck) {
  for (const char* file :
       {"real/6.12.117-ftriage-retval_x86_64_fgraph-retval_bpf-bad.txt",
        "real/6.12.117-ftriage-retval_x86_64_fgraph-retval-hex_bpf-bad.txt"}) {
    auto f = Find(file);
    ASSERT_EQ(f->errors.size(), 1u) << file;
    const ErrorFinding& e = f->errors[0];
    EXPECT_EQ(e.confidence, Confidence::kTraced) << file;
    EXPECT_EQ(f->Names(e.chain),
              (std::vector<std::string>{"__x64_sys_bpf", "__sys_bpf",
                                        "map_create", "array_map_alloc_check"}))
        << file;
  }
}

// The same kernel, openat of a missing file: the path walk's step_into
// finds a negative dentry and returns -ENOENT, which walk_component,
// link_path_walk, path_openat, do_filp_open and do_sys_openat2 pass up;
// the file descriptor and name are released afterwards.
TEST(ErrorOriginTest, RealRetvalCaptureFollowsTheLookup) {
  auto f =
      Find("real/6.12.117-ftriage-retval_x86_64_fgraph-retval_openat-bad.txt");
  ASSERT_EQ(f->errors.size(), 1u);
  const ErrorFinding& e = f->errors[0];
  EXPECT_EQ(e.errno_number, 2);
  EXPECT_EQ(f->Name(e.origin), "step_into");
  EXPECT_EQ(f->Name(e.chain[1]), "do_sys_openat2");
  std::vector<std::string> cleanup = f->Names(e.cleanup);
  EXPECT_NE(std::find(cleanup.begin(), cleanup.end(), "put_unused_fd"),
            cleanup.end());
}

TEST(ErrorOriginTest, FiltersByErrnoAndSyscall) {
  ErrorOptions o;
  o.errno_number = 12;
  auto f = Find("corpus/retsnoop/readme-2021-use-case-bpf-stack-mode.txt", o);
  EXPECT_EQ(f->errors.size(), 1u);
  ErrorOptions s;
  s.syscall = "mount";
  EXPECT_TRUE(Find("seeds/veth-xdp-enospc/retsnoop-T.log", s)->errors.empty());
}

TEST(ErrorOriginTest, NoErrorsInSuccessfulTraces) {
  EXPECT_TRUE(
      Find("corpus/function_graph/lkml-2024-funcgraph-retaddr-retval.txt")
          ->errors.empty());
  EXPECT_TRUE(
      Find("seeds/bpf-xskmap-einval/good-same-kernel.trace")->errors.empty());
}

TEST(ErrorOriginTest, NonErrnoHelpersAreNotFollowed) {
  EXPECT_TRUE(IsNonErrnoHelper("__cond_resched"));
  EXPECT_TRUE(IsNonErrnoHelper("kmalloc_trace"));
  EXPECT_FALSE(IsNonErrnoHelper("dev_xdp_install"));
}

}  // namespace
}  // namespace ftriage::analysis
