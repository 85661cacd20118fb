#include "bench/bench_support.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace ftriage::bench {
namespace {

using analysis::CallForest;
using analysis::CallNode;

constexpr char kDefaultCapture[] =
    FTRIAGE_TESTDATA_DIR "/real/6.1.0-56-amd64_x86_64_fgraph_mount.txt";

// The pair's subtrees: every syscall of three kinds on two kernels, so the
// callee names vary as they do between real runs.
const char* const kPairSources[] = {
    FTRIAGE_TESTDATA_DIR "/real/6.1.0-56-amd64_x86_64_fgraph_mount.txt",
    FTRIAGE_TESTDATA_DIR "/real/6.1.0-56-amd64_x86_64_fgraph_openat.txt",
    FTRIAGE_TESTDATA_DIR "/real/6.1.0-56-amd64_x86_64_fgraph_bpf.txt",
    FTRIAGE_TESTDATA_DIR "/real/6.12.117+deb12-amd64_x86_64_fgraph_mount.txt",
    FTRIAGE_TESTDATA_DIR "/real/6.12.117+deb12-amd64_x86_64_fgraph_openat.txt",
};

// Above this many calls a block gets a layer of intermediate calls, so
// the pair is deep like a real syscall, not one flat sequence.
constexpr size_t kFlatBudget = 3000;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Builds GOOD in preorder, so a node's id is its preorder index: the edits
// below find "the middle" and "near the end" by id.
class PairBuilder {
 public:
  PairBuilder(const CallForest& src, CallForest* dst, uint64_t seed)
      : src_(src), dst_(dst), rng_(seed) {
    std::vector<uint32_t> size(src.size(), 1);
    // Children have larger ids than their parent in a builder's forest:
    // summing from the end gives subtree sizes in one pass.
    for (size_t i = src.size(); i-- > 0;) {
      NodeId p = src.parent(NodeId{static_cast<uint32_t>(i)});
      if (!p.is_none() && p.value < i) size[p.value] += size[i];
    }
    for (size_t i = 0; i < src.size(); ++i) {
      NodeId id{static_cast<uint32_t>(i)};
      const CallNode& n = src.node(id);
      if (n.flags & (analysis::kEntryMissing | analysis::kExitMissing)) {
        continue;
      }
      if (n.func.is_none()) continue;
      bool syscall = !src.SyscallOf(n.func).is_none();
      if (syscall && root_name_.is_none()) root_name_ = n.func;
      if (syscall) continue;  // entry points never nest
      templates_.push_back({size[i], id});
      if (!n.first_child.is_none()) inner_names_.push_back(n.func);
    }
    std::sort(templates_.begin(), templates_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    if (templates_.empty() || root_name_.is_none()) {
      throw std::runtime_error("no call subtrees in the real captures");
    }
  }

  NodeId Build(size_t calls) {
    dst_->threads().push_back({});
    dst_->threads().back().pid = 95;
    dst_->threads().back().comm = dst_->strings().Intern("ftw");
    CallNode root;
    root.func = root_name_;
    NodeId id = Add(root, NodeId::None(), 0);
    Fill(id, 1, calls - 1);
    return id;
  }

 private:
  NodeId Add(CallNode n, NodeId parent, int32_t depth) {
    n.thread = 0;
    n.file = FileId{0};
    n.line = ++line_;
    n.depth = depth;
    n.cpu = 0;
    // Return values are set where the edits need them, not copied.
    n.flags &= static_cast<uint16_t>(
        ~(analysis::kHasRetval | analysis::kRetvalFromSyscall));
    NodeId id = dst_->AddNode(n);
    NodeId& last = last_child_[parent];
    dst_->Attach(parent, last, id);
    last = id;
    return id;
  }

  void Fill(NodeId parent, int32_t depth, size_t budget) {
    if (budget > kFlatBudget) {
      size_t fanout = 4 + rng_() % 13;
      size_t each = (budget - fanout) / fanout;
      for (size_t i = 0; i < fanout; ++i) {
        CallNode n;
        n.func = inner_names_[rng_() % inner_names_.size()];
        Fill(Add(n, parent, depth), depth + 1, each);
      }
      return;
    }
    while (budget > 0) {
      auto hi =
          std::upper_bound(templates_.begin(), templates_.end(), budget,
                           [](size_t b, const auto& t) { return b < t.first; });
      size_t fitting = static_cast<size_t>(hi - templates_.begin());
      if (fitting == 0) break;
      const auto& t = templates_[rng_() % fitting];
      Copy(t.second, parent, depth);
      budget -= t.first;
    }
  }

  // Copies the subtree of |from| (in src_) under |parent|, in preorder.
  void Copy(NodeId from, NodeId parent, int32_t depth) {
    struct Item {
      NodeId src;
      NodeId dst_parent;
      int32_t depth;
    };
    std::vector<Item> stack{{from, parent, depth}};
    std::vector<NodeId> kids;
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      NodeId id = Add(src_.node(it.src), it.dst_parent, it.depth);
      kids.clear();
      for (NodeId c : src_.children(it.src)) kids.push_back(c);
      for (auto k = kids.rbegin(); k != kids.rend(); ++k) {
        stack.push_back({*k, id, it.depth + 1});
      }
    }
  }

  const CallForest& src_;
  CallForest* dst_;
  std::mt19937_64 rng_;
  std::vector<std::pair<size_t, NodeId>> templates_;  // (calls, root)
  std::vector<StringId> inner_names_;
  StringId root_name_ = StringId::None();
  LineNo line_ = 0;
  std::unordered_map<NodeId, NodeId> last_child_;  // CallForest::Attach
};

std::vector<uint32_t> SubtreeSizes(const CallForest& f) {
  std::vector<uint32_t> size(f.size(), 1);
  for (size_t i = f.size(); i-- > 1;) {
    NodeId p = f.parent(NodeId{static_cast<uint32_t>(i)});
    if (!p.is_none()) size[p.value] += size[i];
  }
  return size;
}

}  // namespace

std::string ParseInputLabel() {
  const char* env = std::getenv("FTRIAGE_BENCH_INPUT");
  return env != nullptr ? env : "repeated real capture (abstime+proc)";
}

std::string ParseInput(size_t default_bytes) {
  if (const char* env = std::getenv("FTRIAGE_BENCH_INPUT")) {
    return ReadFile(env);
  }
  std::string capture = ReadFile(kDefaultCapture);
  std::string header;
  std::string body;
  std::istringstream in(capture);
  for (std::string line; std::getline(in, line);) {
    (line.starts_with("#") ? header : body) += line + "\n";
  }
  std::string out = header;
  out.reserve(default_bytes + body.size());
  while (out.size() < default_bytes) out += body;
  return out;
}

std::unique_ptr<DiffPair> MakeDiffPair(size_t calls, uint64_t seed) {
  auto pair = std::make_unique<DiffPair>();
  std::vector<std::string> paths(std::begin(kPairSources),
                                 std::end(kPairSources));
  Status s =
      cli::LoadTraces(paths, parser::TraceFormat::kFuncgraph, &pair->source);
  if (!s.ok()) throw std::runtime_error("cannot load the real captures");
  CallForest& good = pair->good;
  PairBuilder builder(pair->source.forest, &good, seed);
  pair->good_root = builder.Build(calls);
  good.SetRetval(pair->good_root, RetKind::kInteger, 0);

  // Choose the edits by preorder position (== id in GOOD).
  const size_t n = good.size();
  std::vector<uint32_t> size = SubtreeSizes(good);
  std::mt19937_64 rng(seed + 1);
  auto at = [&](size_t i) { return NodeId{static_cast<uint32_t>(i)}; };
  NodeId renamed = NodeId::None();
  StringId new_name = StringId::None();
  for (size_t i = n / 2; i < n && renamed.is_none(); ++i) {
    const CallNode& c = good.node(at(i));
    if (!c.first_child.is_none()) continue;
    // Another real leaf callee, picked at random from the nodes.
    for (int tries = 0; tries < 100; ++tries) {
      const CallNode& o = good.node(at(rng() % n));
      if (o.first_child.is_none() &&
          good.Normalized(o.func) != good.Normalized(c.func)) {
        renamed = at(i);
        new_name = o.func;
        break;
      }
    }
  }
  NodeId deleted = NodeId::None();
  for (size_t i = n * 9 / 10; i < n; ++i) {
    const CallNode& c = good.node(at(i));
    if (c.depth >= 2 && size[i] > 1 &&
        size[i] <= std::max<size_t>(40, n / 500)) {
      deleted = at(i);
      break;
    }
  }
  // The failing call returns after its first callee; everything of GOOD
  // after that callee's subtree is gone from BAD.
  NodeId failing = NodeId::None();
  size_t cut = n;
  for (size_t i = n * 97 / 100; i < n; ++i) {
    const CallNode& c = good.node(at(i));
    if (c.depth < 2 || c.first_child.is_none()) continue;
    size_t first_end = c.first_child.value + size[c.first_child.value];
    if (first_end >= i + size[i]) continue;  // only one callee
    if (deleted.value >= i) deleted = NodeId::None();
    failing = at(i);
    cut = first_end;
    break;
  }

  // BAD: GOOD in preorder with the edits applied.
  CallForest& bad = pair->bad;
  bad.threads().push_back(good.threads()[0]);
  bad.threads()[0].roots.clear();
  std::vector<NodeId> map(n, NodeId::None());
  std::unordered_map<NodeId, NodeId> last_child;  // CallForest::Attach
  for (size_t i = 0; i < cut; ++i) {
    if (!deleted.is_none() && i == deleted.value) {
      i += size[i] - 1;
      continue;
    }
    CallNode c = good.node(at(i));
    if (at(i) == renamed) c.func = new_name;
    NodeId parent = c.parent.is_none() ? c.parent : map[c.parent.value];
    map[i] = bad.AddNode(c);
    NodeId& last = last_child[parent];
    bad.Attach(parent, last, map[i]);
    last = map[i];
  }
  pair->bad_root = map[0];
  if (!failing.is_none()) {
    for (NodeId id = map[failing.value]; !id.is_none(); id = bad.parent(id)) {
      bad.SetRetval(id, RetKind::kInteger, -22);
      pair->bad_path.insert(pair->bad_path.begin(), id);
    }
  } else {
    pair->bad_path.push_back(pair->bad_root);
  }
  return pair;
}

size_t HeapInUse() {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

}  // namespace ftriage::bench
