// Inputs shared by the benchmarks: a large function_graph buffer and
// GOOD/BAD call-tree pairs, both derived from the real captures in
// testdata/real/ so that names, nesting and line shapes are a kernel's.
#ifndef FTRIAGE_BENCH_BENCH_SUPPORT_H_
#define FTRIAGE_BENCH_BENCH_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "cli/load_trace.h"

namespace ftriage::bench {

// The function_graph text the parse benchmarks read: the file named by
// $FTRIAGE_BENCH_INPUT (e.g. written by tools/gen_trace.py) if set, else
// the data lines of a real capture (abstime + proc columns) repeated after
// its header until about |default_bytes|.
std::string ParseInput(size_t default_bytes);
// Where ParseInput() got its text, for the benchmark label.
std::string ParseInputLabel();

// A GOOD and a BAD run of one root call of about |calls| calls each: real
// subtrees under layers of real function names. BAD is GOOD with a changed
// callee (middle), a deleted subtree (90%) and an early return with -22
// (97%) whose callers return -22 too. Both forests share |source.strings|,
// as `ftriage diff` shares one pool between the runs.
struct DiffPair {
  cli::LoadedTrace source;  // the real captures the subtrees come from
  analysis::CallForest good{&source.strings};
  analysis::CallForest bad{&source.strings};
  NodeId good_root = NodeId::None();
  NodeId bad_root = NodeId::None();
  std::vector<NodeId> bad_path;  // BAD's failing path, root first
};
std::unique_ptr<DiffPair> MakeDiffPair(size_t calls, uint64_t seed);

// Bytes the allocator has handed out and not taken back (glibc mallinfo2),
// to measure what a forest really costs per node.
size_t HeapInUse();

}  // namespace ftriage::bench

#endif  // FTRIAGE_BENCH_BENCH_SUPPORT_H_
