// The rows of a report's side-by-side tree: GOOD's and BAD's compared calls
// merged into one tree, matched calls on the same row.
#include "cli/report/report_rows.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "analysis/sequence_diff.h"

namespace ftriage::cli {
namespace {

using analysis::AlignedCall;
using analysis::CallForest;

constexpr uint32_t kNoRow = std::numeric_limits<uint32_t>::max();

// A row waiting to be emitted. For a matched pair, |key_g| / |key_b| are its
// calls; for a collapsed call, the collapsed call and the other run's call
// whose callees stand in for its callees (|gc| or |bc|, given explicitly).
struct Pending {
  NodeId g;
  NodeId b;
  RowKind kind;
  uint32_t parent;
  NodeId key_g;
  NodeId key_b;
  std::vector<NodeId> gc;
  std::vector<NodeId> bc;
};

class Builder {
 public:
  explicit Builder(const RowSource& s)
      : s_(s),
        good_row_(s.good == nullptr ? 0 : s.good->size(), kNoRow),
        bad_row_(s.bad->size(), kNoRow) {
    if (s.diff == nullptr) return;
    for (const analysis::Difference& d : s.diff->differences) {
      if (d.kind == kCollapsedInBad || d.kind == kCollapsedInGood) {
        collapsed_.insert({d.kind, d.good.value, d.bad.value});
      }
    }
  }

  RowTree Run() {
    std::vector<Pending> stack;
    if (s_.good == nullptr) {
      stack.push_back({{}, s_.bad_call, RowKind::kPlain, 0, {}, {}, {}, {}});
    } else {
      stack.push_back({s_.good_call,
                       s_.bad_call,
                       RowKind::kPlain,
                       0,
                       s_.good_call,
                       s_.bad_call,
                       {},
                       {}});
    }
    while (!stack.empty()) {
      Pending p = std::move(stack.back());
      stack.pop_back();
      uint32_t row = static_cast<uint32_t>(tree_.rows.size());
      tree_.rows.push_back({p.g, p.b, p.kind, 0, p.parent, row + 1});
      if (!p.g.is_none()) good_row_[p.g.value] = row;
      if (!p.b.is_none()) bad_row_[p.b.value] = row;
      std::vector<Pending> children = Children(p, row);
      std::move(children.rbegin(), children.rend(), std::back_inserter(stack));
    }
    for (size_t i = tree_.rows.size(); i-- > 1;) {
      ReportRow& parent = tree_.rows[tree_.rows[i].parent];
      parent.end = std::max(parent.end, tree_.rows[i].end);
    }
    Mark();
    return std::move(tree_);
  }

 private:
  bool Paired(const Pending& p) const {
    return s_.good != nullptr &&
           (p.kind == RowKind::kPlain || p.kind == RowKind::kCollapsedInBad ||
            p.kind == RowKind::kCollapsedInGood);
  }

  std::vector<NodeId> Callees(const CallForest& f, NodeId id) const {
    std::vector<NodeId> out;
    for (NodeId c : f.children(id)) out.push_back(c);
    return out;
  }

  bool Noise(const CallForest& f, NodeId id) const {
    return analysis::IsNoiseCall(f, id, *s_.options);
  }

  std::vector<uint32_t> Keys(const CallForest& f,
                             const std::vector<NodeId>& ids) {
    std::vector<uint32_t> out;
    for (NodeId id : ids) {
      std::string k = analysis::CompareKey(f, id, *s_.options);
      out.push_back(keys_.try_emplace(k, keys_.size()).first->second);
    }
    return out;
  }

  std::vector<Pending> Children(const Pending& p, uint32_t row) {
    std::vector<Pending> out;
    if (!Paired(p)) {
      // One run's call: its callees are that run's alone.
      const CallForest& f = p.g.is_none() ? *s_.bad : *s_.good;
      for (NodeId c : f.children(p.g.is_none() ? p.b : p.g)) {
        RowKind kind =
            p.kind == RowKind::kPlain && Noise(f, c) ? RowKind::kNoise : p.kind;
        NodeId g = p.g.is_none() ? NodeId::None() : c;
        NodeId b = p.g.is_none() ? c : NodeId::None();
        out.push_back({g, b, kind, row, {}, {}, {}, {}});
      }
      return out;
    }
    const CallForest& gf = *s_.good;
    const CallForest& bf = *s_.bad;
    std::vector<NodeId> gl =
        p.kind == RowKind::kCollapsedInGood ? p.gc : Callees(gf, p.g);
    std::vector<NodeId> bl =
        p.kind == RowKind::kCollapsedInBad ? p.bc : Callees(bf, p.b);
    std::vector<NodeId> gn;
    std::vector<NodeId> bn;
    std::copy_if(gl.begin(), gl.end(), std::back_inserter(gn),
                 [&](NodeId c) { return !Noise(gf, c); });
    std::copy_if(bl.begin(), bl.end(), std::back_inserter(bn),
                 [&](NodeId c) { return !Noise(bf, c); });
    std::vector<Pending> items = Items(p, row, Aligned(p, gn, bn));
    // Noise keeps its place among the aligned calls of its run.
    std::unordered_map<NodeId, size_t> gpos;
    std::unordered_map<NodeId, size_t> bpos;
    for (size_t i = 0; i < gl.size(); ++i) gpos[gl[i]] = i;
    for (size_t i = 0; i < bl.size(); ++i) bpos[bl[i]] = i;
    size_t gi = 0;
    size_t bi = 0;
    auto flush = [&](const CallForest& f, const std::vector<NodeId>& list,
                     size_t* i, size_t until, bool good) {
      for (; *i < until; ++*i) {
        NodeId c = list[*i];
        if (!Noise(f, c)) continue;  // aligned elsewhere (collapsed call)
        out.push_back({good ? c : NodeId::None(),
                       good ? NodeId::None() : c,
                       RowKind::kNoise,
                       row,
                       {},
                       {},
                       {},
                       {}});
      }
    };
    for (Pending& item : items) {
      if (auto it = gpos.find(item.g); !item.g.is_none() && it != gpos.end()) {
        flush(gf, gl, &gi, it->second, true);
        gi = std::max(gi, it->second + 1);
      }
      if (auto it = bpos.find(item.b); !item.b.is_none() && it != bpos.end()) {
        flush(bf, bl, &bi, it->second, false);
        bi = std::max(bi, it->second + 1);
      }
      out.push_back(std::move(item));
    }
    flush(gf, gl, &gi, gl.size(), true);
    flush(bf, bl, &bi, bl.size(), false);
    return out;
  }

  // The divergence's own alignment where it has one, else the same
  // alignment DiffTrees makes: by comparison keys, noise set aside.
  std::vector<AlignedCall> Aligned(const Pending& p,
                                   const std::vector<NodeId>& gn,
                                   const std::vector<NodeId>& bn) {
    if (s_.diff != nullptr && s_.diff->divergence &&
        s_.diff->divergence->good_parent == p.key_g &&
        s_.diff->divergence->bad_parent == p.key_b) {
      return s_.diff->divergence->aligned;
    }
    std::vector<AlignedCall> out;
    for (const analysis::DiffOp& op :
         analysis::DiffSequences(Keys(*s_.good, gn), Keys(*s_.bad, bn))) {
      AlignedCall a;
      if (op.kind != analysis::DiffOp::kOnlyB) a.good = gn[op.a];
      if (op.kind != analysis::DiffOp::kOnlyA) a.bad = bn[op.b];
      out.push_back(a);
    }
    return out;
  }

  // Aligned calls as rows: matched pairs, and each gap between them as the
  // calls only one run makes, or a collapsed call holding the other run's
  // calls of the gap.
  std::vector<Pending> Items(const Pending& p, uint32_t row,
                             const std::vector<AlignedCall>& aligned) const {
    std::vector<Pending> out;
    for (size_t i = 0; i < aligned.size();) {
      const AlignedCall& a = aligned[i];
      if (!a.good.is_none() && !a.bad.is_none()) {
        out.push_back(
            {a.good, a.bad, RowKind::kPlain, row, a.good, a.bad, {}, {}});
        ++i;
        continue;
      }
      std::vector<NodeId> only_good;
      std::vector<NodeId> only_bad;
      for (; i < aligned.size() &&
             (aligned[i].good.is_none() || aligned[i].bad.is_none());
           ++i) {
        (aligned[i].bad.is_none() ? only_good : only_bad)
            .push_back(aligned[i].bad.is_none() ? aligned[i].good
                                                : aligned[i].bad);
      }
      // At most one collapsed call per gap; it takes the other run's calls.
      NodeId cg = NodeId::None();
      NodeId cb = NodeId::None();
      for (NodeId g : only_good) {
        if (cg.is_none() && IsCollapsed(kCollapsedInBad, g, p.key_b)) cg = g;
      }
      for (NodeId b : only_bad) {
        if (cg.is_none() && cb.is_none() &&
            IsCollapsed(kCollapsedInGood, p.key_g, b)) {
          cb = b;
        }
      }
      for (NodeId g : cb.is_none() ? only_good : std::vector<NodeId>{}) {
        if (g == cg) {
          out.push_back(
              {g, {}, RowKind::kCollapsedInBad, row, g, p.key_b, {}, only_bad});
        } else {
          out.push_back({g, {}, RowKind::kOnlyGood, row, {}, {}, {}, {}});
        }
      }
      for (NodeId b : cg.is_none() ? only_bad : std::vector<NodeId>{}) {
        if (b == cb) {
          out.push_back({{},
                         b,
                         RowKind::kCollapsedInGood,
                         row,
                         p.key_g,
                         b,
                         only_good,
                         {}});
        } else {
          out.push_back({{}, b, RowKind::kOnlyBad, row, {}, {}, {}, {}});
        }
      }
    }
    return out;
  }

  static constexpr auto kCollapsedInBad =
      analysis::DifferenceKind::kCollapsedInBad;
  static constexpr auto kCollapsedInGood =
      analysis::DifferenceKind::kCollapsedInGood;

  bool IsCollapsed(analysis::DifferenceKind kind, NodeId g, NodeId b) const {
    return collapsed_.contains({kind, g.value, b.value});
  }

  uint32_t GoodRow(NodeId id) const {
    return id.is_none() || good_row_.empty() ? kNoRow : good_row_[id.value];
  }
  uint32_t BadRow(NodeId id) const {
    return id.is_none() ? kNoRow : bad_row_[id.value];
  }
  void Set(uint32_t row, uint16_t mark) {
    if (row != kNoRow) tree_.rows[row].marks |= mark;
  }

  void Mark() {
    uint32_t focus = kNoRow;
    for (NodeId id : s_.failing_path) Set(BadRow(id), kMarkFailing);
    Set(BadRow(s_.origin), kMarkOrigin);
    Set(BadRow(s_.window_after), kMarkWindowAfter);
    if (s_.diff != nullptr) {
      for (const analysis::Difference& d : s_.diff->differences) {
        if (d.kind == analysis::DifferenceKind::kRetval) {
          Set(BadRow(d.bad), kMarkRetvalDiff);
        } else if (d.kind == analysis::DifferenceKind::kDuration) {
          Set(BadRow(d.bad), kMarkDurationDiff);
        }
      }
      if (s_.diff->divergence) {
        const analysis::Divergence& v = *s_.diff->divergence;
        // A collapsed parent has its own row below the other run's call.
        uint32_t g = GoodRow(v.good_parent);
        uint32_t b = BadRow(v.bad_parent);
        uint32_t parent = g == kNoRow ? b : b == kNoRow ? g : std::max(g, b);
        Set(parent, kMarkParent | kMarkPath);
        Set(BadRow(v.last_common_bad), kMarkLastCommon);
        Set(GoodRow(v.first_good_only), kMarkFirstGoodOnly);
        Set(BadRow(v.first_bad_only), kMarkFirstBadOnly);
        Set(BadRow(v.retval_bad), kMarkRetvalDiff);
        focus = std::min({GoodRow(v.first_good_only), BadRow(v.first_bad_only),
                          BadRow(v.retval_bad)});
        if (focus == kNoRow) focus = parent;
      } else if (!s_.diff->differences.empty()) {
        const analysis::Difference& d = s_.diff->differences.front();
        focus = std::min(GoodRow(d.good), BadRow(d.bad));
      }
    }
    if (focus == kNoRow) focus = BadRow(s_.origin);
    if (focus == kNoRow) focus = BadRow(s_.window_after);
    if (focus == kNoRow && !s_.failing_path.empty()) {
      focus = BadRow(s_.failing_path.back());
    }
    if (focus == kNoRow) focus = 0;
    tree_.focus = focus;
    Set(focus, kMarkFocus);
    for (uint32_t r = focus; r != 0;) {
      r = tree_.rows[r].parent;
      Set(r, kMarkPath);
    }
  }

  const RowSource& s_;
  std::vector<uint32_t> good_row_;
  std::vector<uint32_t> bad_row_;
  std::set<std::tuple<analysis::DifferenceKind, uint32_t, uint32_t>> collapsed_;
  std::unordered_map<std::string, uint32_t> keys_;
  RowTree tree_;
};

}  // namespace

RowTree BuildRowTree(const RowSource& source) { return Builder(source).Run(); }

}  // namespace ftriage::cli
