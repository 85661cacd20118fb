#include "analysis/tree_diff.h"

#include <fnmatch.h>

#include <algorithm>
#include <functional>
#include <future>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "analysis/error_origin.h"
#include "analysis/lazy_column.h"
#include "analysis/sequence_diff.h"
#include "analysis/tree_walk.h"
#include "core/cpu_count.h"
#include "core/errno_table.h"
#include "core/symbol_name.h"

namespace ftriage::analysis {
namespace {

constexpr int64_t kOutlierRatio = 100;
constexpr int64_t kOutlierMinNs = 10000;  // ignore sub-10us jitter
// Calls in the two forests from which their Sides are built on two threads.
constexpr size_t kParallelSideCalls = size_t{1} << 20;

bool Glob(const std::string& pattern, std::string_view s) {
  return fnmatch(pattern.c_str(), std::string(s).c_str(), 0) == 0;
}

// Comparison keys as small numbers, the same in both runs. The two runs'
// Sides may be built at once on two threads; only equality of numbers
// matters, so the order they are handed out in does not.
class KeyNumbers {
 public:
  uint32_t Of(std::string key) {
    std::lock_guard<std::mutex> lock(mutex_);
    return numbers_.try_emplace(std::move(key), numbers_.size()).first->second;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, uint32_t> numbers_;
};

// Per-run facts for the compared subtree: comparison key, noise, and a hash
// of the subtree without noise (equal hashes: nothing to align below).
// Millions of calls, thousands of names: key and noise are worked out once
// per name and found by the name's id (pool ids are dense). The walks follow
// the forest's links; the one per-call array is a huge-page arena, as first
// touching memory is much of the cost.
class Side {
 public:
  Side(const CallForest& f, NodeId root, const DiffOptions& o, KeyNumbers* keys)
      : f_(f), hash_(f.size(), 0), noise_(f.size(), false) {
    WalkPreOrder(f, root, [&](NodeId id, int) {
      StringId func = f.func(id);
      NameFacts& name = Facts(func);
      if (!name.known) {
        name = {keys->Of(CompareKey(f, id, o)), IsNoiseName(f, func, o), true};
      }
      NodeId parent = f.parent(id);
      bool parent_noise = !parent.is_none() && noise_[parent.value];
      bool own_noise =
          id != root && ((f.flags(id) & kInIrq) != 0 || name.noise);
      noise_[id.value] = parent_noise || own_noise;
      if (noise_[id.value]) ++noise_count_;
      return true;
    });
    WalkPostOrder(f, root, [&](NodeId id) {
      uint64_t h = 0x9e3779b97f4a7c15ull ^ key(id);
      for (NodeId c : f.children(id)) {
        if (noise_[c.value]) continue;
        h = (h ^ hash_[c.value]) * 0x100000001b3ull;
        h ^= h >> 29;
      }
      hash_[id.value] = h;
    });
  }

  const CallForest& forest() const { return f_; }
  uint32_t key(NodeId id) const {
    StringId func = f_.func(id);
    return func.is_none() ? unnamed_.key : by_name_[func.value].key;
  }
  uint64_t hash(NodeId id) const { return hash_[id.value]; }
  size_t noise_count() const { return noise_count_; }
  bool noise(NodeId id) const { return noise_[id.value]; }
  std::vector<NodeId> Children(NodeId id) const {
    std::vector<NodeId> out;
    for (NodeId c : f_.children(id)) {
      if (!noise_[c.value]) out.push_back(c);
    }
    return out;
  }
  std::vector<uint32_t> Keys(const std::vector<NodeId>& ids) const {
    std::vector<uint32_t> out;
    for (NodeId id : ids) out.push_back(key(id));
    return out;
  }

 private:
  struct NameFacts {
    uint32_t key = 0;
    bool noise = false;
    bool known = false;
  };
  NameFacts& Facts(StringId func) {
    if (func.is_none()) return unnamed_;
    if (func.value >= by_name_.size()) by_name_.resize(func.value + 1);
    return by_name_[func.value];
  }

  const CallForest& f_;
  std::vector<NameFacts> by_name_;
  NameFacts unnamed_;
  HugeVector<uint64_t> hash_;
  std::vector<bool> noise_;
  size_t noise_count_ = 0;
};

// Children of one GOOD call aligned with children of one BAD call (or, for
// a collapsed call, with the run of BAD calls that stand in for it).
struct Work {
  NodeId g;
  NodeId b;
  std::vector<NodeId> gc;
  std::vector<NodeId> bc;
  int depth;
  bool on_path;
};

// A maximal run of unmatched steps between two matches.
struct Gap {
  size_t begin;  // index into ops
  size_t end;
  std::vector<NodeId> only_good;
  std::vector<NodeId> only_bad;
  bool followed = false;  // aligned further inside a collapsed call
};

size_t CommonCount(const std::vector<uint32_t>& a,
                   const std::vector<uint32_t>& b) {
  size_t n = 0;
  for (const DiffOp& op : DiffSequences(a, b, 512))
    n += op.kind == DiffOp::kMatch;
  return n;
}

class Differ {
 public:
  Differ(const Side& good, const Side& bad, const std::vector<NodeId>& path)
      : good_(good), bad_(bad), path_(path.begin(), path.end()) {}

  TreeDiff Run(NodeId good_root, NodeId bad_root) {
    result_.noise_good = good_.noise_count();
    result_.noise_bad = bad_.noise_count();
    ++result_.matched;
    CompareValues(good_root, bad_root, 0, true);
    std::vector<Work> stack;
    stack.push_back({good_root, bad_root, good_.Children(good_root),
                     bad_.Children(bad_root), 0, true});
    while (!stack.empty()) {
      Work w = std::move(stack.back());
      stack.pop_back();
      Align(w, &stack);
    }
    if (result_.divergence && result_.divergence->retval_bad.is_none() &&
        result_.divergence->bad_outcome.empty()) {
      result_.divergence->bad_outcome = Outcome(*result_.divergence);
    }
    std::stable_sort(result_.differences.begin(), result_.differences.end(),
                     [](const Difference& a, const Difference& b) {
                       if (a.on_failing_path != b.on_failing_path) {
                         return a.on_failing_path;
                       }
                       return a.depth < b.depth;
                     });
    return std::move(result_);
  }

 private:
  void Add(DifferenceKind kind, NodeId g, NodeId b, const Work& w) {
    result_.differences.push_back({kind, g, b, w.on_path, w.depth + 1});
  }

  void CompareValues(NodeId g, NodeId b, int depth, bool on_path) {
    const CallForest& gf = good_.forest();
    const CallForest& bf = bad_.forest();
    Work w{g, b, {}, {}, depth - 1, on_path};
    if ((gf.flags(g) & kHasRetval) && (bf.flags(b) & kHasRetval) &&
        (ErrnoOf(gf, g) != ErrnoOf(bf, b) ||
         (ErrnoOf(gf, g) == 0 && (gf.retval(g) == 0) != (bf.retval(b) == 0)))) {
      Add(DifferenceKind::kRetval, g, b, w);
    }
    int64_t lo = std::min(gf.duration_ns(g), bf.duration_ns(b));
    int64_t hi = std::max(gf.duration_ns(g), bf.duration_ns(b));
    if (lo > 0 && hi >= kOutlierMinNs && hi >= lo * kOutlierRatio) {
      Add(DifferenceKind::kDuration, g, b, w);
    }
  }

  static std::vector<AlignedCall> Aligned(const Work& w,
                                          const std::vector<DiffOp>& ops) {
    std::vector<AlignedCall> out;
    for (const DiffOp& op : ops) {
      AlignedCall a;
      if (op.kind != DiffOp::kOnlyB) a.good = w.gc[op.a];
      if (op.kind != DiffOp::kOnlyA) a.bad = w.bc[op.b];
      out.push_back(a);
    }
    return out;
  }

  void Align(const Work& w, std::vector<Work>* stack) {
    std::vector<DiffOp> ops = DiffSequences(good_.Keys(w.gc), bad_.Keys(w.bc));
    std::vector<Gap> gaps;
    for (size_t i = 0; i < ops.size();) {
      if (ops[i].kind == DiffOp::kMatch) {
        ++i;
        continue;
      }
      Gap gap{i, i, {}, {}};
      for (; i < ops.size() && ops[i].kind != DiffOp::kMatch; ++i) {
        if (ops[i].kind == DiffOp::kOnlyA) {
          gap.only_good.push_back(w.gc[ops[i].a]);
        } else {
          gap.only_bad.push_back(w.bc[ops[i].b]);
        }
      }
      gap.end = i;
      gaps.push_back(std::move(gap));
    }
    NodeId path_child = NodeId::None();
    for (NodeId c : w.bc) {
      if (path_.contains(c)) path_child = c;
    }
    // Past the end of the known failing path (an error window), BAD parts
    // from GOOD at the last difference: a last differing pair of matched
    // calls is followed into; a last gap is the divergence itself.
    if (w.on_path && path_child.is_none()) {
      for (size_t i = ops.size(); i-- > 0;) {
        if (ops[i].kind != DiffOp::kMatch) break;
        NodeId g = w.gc[ops[i].a];
        NodeId b = w.bc[ops[i].b];
        if (good_.hash(g) != bad_.hash(b)) {
          path_child = b;
          break;
        }
      }
    }
    // Matched pairs: compare values, descend where subtrees differ.
    NodeId path_match_good = NodeId::None();
    for (const DiffOp& op : ops) {
      if (op.kind != DiffOp::kMatch) continue;
      NodeId g = w.gc[op.a];
      NodeId b = w.bc[op.b];
      ++result_.matched;
      bool on_path = w.on_path && b == path_child;
      if (on_path) path_match_good = g;
      CompareValues(g, b, w.depth + 1, on_path);
      if (good_.hash(g) != bad_.hash(b)) {
        stack->push_back(
            {g, b, good_.Children(g), bad_.Children(b), w.depth + 1, on_path});
      }
    }
    // Gaps: collapsed calls first, the rest only in one run.
    for (size_t gi = 0; gi < gaps.size(); ++gi) {
      Gap& gap = gaps[gi];
      bool path_in_gap = std::find(gap.only_bad.begin(), gap.only_bad.end(),
                                   path_child) != gap.only_bad.end();
      bool last_gap = gi + 1 == gaps.size();
      bool follows_path =
          w.on_path && (path_in_gap || (path_child.is_none() && last_gap));
      if (Collapse(w, &gap, follows_path, stack) && follows_path) {
        gap.followed = true;  // the divergence is inside the collapsed call
        continue;
      }
      for (NodeId g : gap.only_good) Add(DifferenceKind::kOnlyGood, g, {}, w);
      for (NodeId b : gap.only_bad) Add(DifferenceKind::kOnlyBad, {}, b, w);
    }
    if (!w.on_path || result_.divergence) return;
    // Where does BAD's failing path leave GOOD's here?
    if (!path_child.is_none() && !path_match_good.is_none()) {
      if (good_.hash(path_match_good) != bad_.hash(path_child)) return;
      if (ErrnoOf(good_.forest(), path_match_good) !=
          ErrnoOf(bad_.forest(), path_child)) {
        Divergence d;
        d.good_parent = w.g;
        d.bad_parent = w.b;
        d.retval_good = path_match_good;
        d.retval_bad = path_child;
        d.bad_outcome = ReturnText("", path_child);
        d.aligned = Aligned(w, ops);
        result_.divergence = d;
        return;
      }
    }
    const Gap* chosen = nullptr;
    for (const Gap& gap : gaps) {
      bool has_path = std::find(gap.only_bad.begin(), gap.only_bad.end(),
                                path_child) != gap.only_bad.end();
      if (has_path) chosen = &gap;
    }
    if (chosen == nullptr && path_child.is_none() && !gaps.empty()) {
      chosen = &gaps.back();  // the early return: the last parting
    }
    if (chosen == nullptr || chosen->followed) return;
    Divergence d;
    d.good_parent = w.g;
    d.bad_parent = w.b;
    for (size_t i = chosen->begin; i-- > 0;) {
      if (ops[i].kind == DiffOp::kMatch) {
        d.last_common_good = w.gc[ops[i].a];
        d.last_common_bad = w.bc[ops[i].b];
        break;
      }
    }
    if (!chosen->only_good.empty()) d.first_good_only = chosen->only_good[0];
    if (!chosen->only_bad.empty()) d.first_bad_only = chosen->only_bad[0];
    ExtendThroughSharedNoise(w, &d);
    d.aligned = Aligned(w, ops);
    result_.divergence = d;
  }

  // A call both runs make is never noise for naming the last common call:
  // "__cond_resched" right after the last common call in both runs is the
  // last thing they did alike.
  void ExtendThroughSharedNoise(const Work& w, Divergence* d) const {
    std::vector<NodeId> g_raw;
    std::vector<NodeId> b_raw;
    for (NodeId c : good_.forest().children(w.g)) g_raw.push_back(c);
    for (NodeId c : bad_.forest().children(w.b)) b_raw.push_back(c);
    size_t gi = 0;
    size_t bi = 0;
    if (!d->last_common_bad.is_none()) {
      auto git = std::find(g_raw.begin(), g_raw.end(), d->last_common_good);
      auto bit = std::find(b_raw.begin(), b_raw.end(), d->last_common_bad);
      if (git == g_raw.end() || bit == b_raw.end()) return;
      gi = static_cast<size_t>(git - g_raw.begin()) + 1;
      bi = static_cast<size_t>(bit - b_raw.begin()) + 1;
    }
    for (; gi < g_raw.size() && bi < b_raw.size(); ++gi, ++bi) {
      NodeId g = g_raw[gi];
      NodeId b = b_raw[bi];
      if (!good_.noise(g) || !bad_.noise(b) || good_.key(g) != bad_.key(b)) {
        break;
      }
      d->last_common_good = g;
      d->last_common_bad = b;
    }
  }

  // A GOOD-only call whose callees BAD makes directly in the same gap (or
  // the reverse) was inlined or renamed away: align its callees instead.
  bool Collapse(const Work& w, Gap* gap, bool follows_path,
                std::vector<Work>* stack) {
    for (int side = 0; side < 2; ++side) {
      bool good_side = side == 0;
      std::vector<NodeId>& calls = good_side ? gap->only_good : gap->only_bad;
      std::vector<NodeId>& others = good_side ? gap->only_bad : gap->only_good;
      if (others.empty()) continue;
      const Side& s = good_side ? good_ : bad_;
      const Side& o = good_side ? bad_ : good_;
      for (size_t i = 0; i < calls.size(); ++i) {
        std::vector<NodeId> inner = s.Children(calls[i]);
        size_t common = CommonCount(s.Keys(inner), o.Keys(others));
        if (common < 2 && !(common == 1 && others.size() == 1)) continue;
        NodeId collapsed = calls[i];
        if (good_side) {
          Add(DifferenceKind::kCollapsedInBad, collapsed, w.b, w);
          stack->push_back({collapsed, w.b, std::move(inner), others,
                            w.depth + 1, follows_path});
        } else {
          Add(DifferenceKind::kCollapsedInGood, w.g, collapsed, w);
          stack->push_back({w.g, collapsed, others, std::move(inner),
                            w.depth + 1, follows_path});
        }
        calls.erase(calls.begin() + static_cast<ptrdiff_t>(i));
        others.clear();
        return true;
      }
    }
    return false;
  }

  std::string ReturnText(const std::string& prefix, NodeId b) const {
    int err = ErrnoOf(bad_.forest(), b);
    if (err == 0) return "";
    return prefix + ErrnoLabel(err);
  }

  std::string Outcome(const Divergence& d) const {
    const CallForest& f = bad_.forest();
    const CallNode& parent = f.node(d.bad_parent);
    std::string returns =
        ErrnoOf(parent) != 0
            ? "returns early with " + ReturnText("", d.bad_parent)
        : (parent.flags & kExitMissing) ? "the BAD trace ends"
                                        : "returns";
    if (!d.first_bad_only.is_none()) {
      std::string name(f.name(f.func(d.first_bad_only)));
      std::string ret = ReturnText(", which returns ", d.first_bad_only);
      return "calls " + name + ret + " instead; then " + returns;
    }
    if (parent.first_child.is_none()) {
      return returns + " without any traced call";
    }
    return returns;
  }

  const Side& good_;
  const Side& bad_;
  std::unordered_set<NodeId> path_;
  TreeDiff result_;
};

}  // namespace

std::vector<std::string> DefaultNoise() {
  return {
      "*_interrupt",   "irq_enter*",     "irq_exit*",      "__irq_*",
      "__sysvec_*",    "sysvec_*",       "asm_sysvec_*",   "__cond_resched",
      "_cond_resched", "schedule",       "__schedule",     "preempt_schedule*",
      "rcu_*",         "__rcu_*",        "lock_acquire",   "lock_release",
      "lockdep_*",     "__lock_acquire", "__lock_release", "should_resched",
      "__might_sleep", "__might_resched"};
}

const char* DifferenceKindName(DifferenceKind kind) {
  switch (kind) {
    case DifferenceKind::kOnlyGood:
      return "only_good";
    case DifferenceKind::kOnlyBad:
      return "only_bad";
    case DifferenceKind::kCollapsedInBad:
      return "collapsed_in_bad";
    case DifferenceKind::kCollapsedInGood:
      return "collapsed_in_good";
    case DifferenceKind::kRetval:
      return "retval";
    case DifferenceKind::kDuration:
      return "duration";
  }
  return "unknown";
}

bool IsNoiseCall(const CallForest& f, NodeId id, const DiffOptions& o) {
  return (f.flags(id) & kInIrq) != 0 || IsNoiseName(f, f.func(id), o);
}

bool IsNoiseName(const CallForest& f, StringId name, const DiffOptions& o) {
  if (name.is_none()) return false;
  std::string_view n = f.name(f.Normalized(name));
  for (const std::string& g : o.noise) {
    if (Glob(g, n)) return true;
  }
  return false;
}

std::string CompareKey(const CallForest& f, NodeId id, const DiffOptions& o) {
  StringId raw = f.func(id);
  if (raw.is_none()) return "?";
  std::string name(f.name(f.Normalized(raw)));
  // 6.10+ memory allocation profiling renamed the allocators to *_noprof
  // (kmem_cache_alloc -> kmem_cache_alloc_noprof); same function.
  if (name.ends_with("_noprof")) name.resize(name.size() - 7);
  for (const auto& [from, to] : o.renames) {
    if (name == from) name = to;
  }
  std::string_view syscall = SyscallName(name);
  if (syscall.empty()) return name;
  // 32-bit time ABIs: clock_gettime32, io_getevents_time32.
  std::string s(syscall);
  if (s.ends_with("_time32")) {
    s.resize(s.size() - 7);
  } else if (s.ends_with("32") && s.size() > 2) {
    s.resize(s.size() - 2);
  }
  return "syscall:" + s;
}

TreeDiff DiffTrees(const CallForest& good, NodeId good_root,
                   const CallForest& bad, NodeId bad_root,
                   const std::vector<NodeId>& bad_path,
                   const DiffOptions& options) {
  KeyNumbers keys;
  auto side = [&](const CallForest& f, NodeId root) {
    return Side(f, root, options, &keys);
  };
  // Two large runs: each Side (two walks over every call) on its own CPU.
  // Names are looked up through each forest's caches and pool, so only two
  // forests with pools of their own are walked at once.
  bool parallel = good.size() + bad.size() >= kParallelSideCalls &&
                  &good.strings() != &bad.strings() && UsableCpus() >= 2;
  std::future<Side> b =
      std::async(parallel ? std::launch::async : std::launch::deferred, side,
                 std::cref(bad), bad_root);
  Side g = side(good, good_root);
  return Differ(g, b.get(), bad_path).Run(good_root, bad_root);
}

}  // namespace ftriage::analysis
