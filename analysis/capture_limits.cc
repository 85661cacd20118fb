#include "analysis/capture_limits.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analysis/tree_walk.h"
#include "core/decimal_time.h"

namespace ftriage::analysis {
namespace {

// Visits |call| and its descendants, or every call when |call| is None,
// until |visit| returns false.
template <typename F>
void ForEachCall(const CallForest& f, NodeId call, F&& visit) {
  if (call.is_none()) {
    for (size_t i = 0; i < f.size(); ++i) {
      if (!visit(NodeId{static_cast<uint32_t>(i)})) return;
    }
    return;
  }
  bool more = true;
  WalkPreOrder(f, call, [&](NodeId id, int) {
    more = more && visit(id);
    return more;
  });
}

// Calls function_graph wrote with their depth: not function-tracer hits,
// stack frames, probes or calls made from syscall events.
bool GraphCall(const CallForest& f, NodeId id) {
  constexpr uint16_t kNotGraph = kHitOnly | kFromStack | kCallerOnly |
                                 kOrderUnknown | kSyscallEvents | kInlined;
  return (f.flags(id) & kNotGraph) == 0 && f.depth(id) >= 0;
}

// The first call of each function that has traced callees, by name, in
// |call| and its descendants.
std::unordered_map<std::string_view, NodeId> WithCallees(const CallForest& f,
                                                         NodeId call) {
  std::unordered_map<std::string_view, NodeId> out;
  ForEachCall(f, call, [&](NodeId id) {
    if (!f.first_child(id).is_none() && !f.func(id).is_none()) {
      out.emplace(f.name(f.func(id)), id);
    }
    return true;
  });
  return out;
}

// Walks the calls again for each pass instead of listing them: a compared
// call may hold millions.
void FindDepthCut(const CallForest& run, NodeId call, const CallForest* other,
                  NodeId other_call, CaptureLimits* out) {
  // Cut there, every path that would have gone deeper ends at the deepest
  // level, so a third of the leaves or more are there; without a cut only
  // the few deepest paths reach it.
  int32_t deepest = -1;
  size_t leaves = 0;
  size_t deepest_leaves = 0;
  ForEachCall(run, call, [&](NodeId id) {
    if (!GraphCall(run, id)) return true;
    bool leaf = run.first_child(id).is_none();
    leaves += leaf;
    if (run.depth(id) > deepest) {
      deepest = run.depth(id);
      deepest_leaves = 0;
    }
    deepest_leaves += leaf && run.depth(id) == deepest;
    return true;
  });
  if (deepest < 0 || deepest_leaves * 3 < leaves) return;
  std::unordered_map<std::string_view, NodeId> here = WithCallees(run, call);
  std::unordered_map<std::string_view, NodeId> there;
  if (other != nullptr) there = WithCallees(*other, other_call);
  std::unordered_set<std::string_view> functions;  // at |deepest|
  std::vector<CutCall> cut;
  ForEachCall(run, call, [&](NodeId id) {
    if (!GraphCall(run, id) || run.depth(id) != deepest ||
        run.func(id).is_none()) {
      return true;
    }
    std::string_view name = run.name(run.func(id));
    if (!functions.insert(name).second) return true;
    if (run.flags(id) & kExitMissing) return true;  // a leaf: the trace ended
    if (auto it = here.find(name); it != here.end()) {
      cut.push_back({id, it->second, false});
    } else if (auto jt = there.find(name); jt != there.end()) {
      cut.push_back({id, jt->second, true});
    }
    return true;
  });
  if (cut.size() >= 2 && cut.size() * 4 >= functions.size()) {
    out->deepest = deepest;
    out->cut = std::move(cut);
  }
}

std::string DepthSentence(const CaptureLimits& l, const CallForest& run,
                          const std::string& side, const CallForest* other,
                          const std::string& other_side) {
  constexpr size_t kNamed = 3;
  std::string leaves;
  std::string callees;
  bool any_other = false;
  for (size_t i = 0; i < l.cut.size() && i < kNamed; ++i) {
    const CutCall& c = l.cut[i];
    std::string sep = i == 0 ? "" : ", ";
    leaves += sep + CallName(run, c.leaf) + " (" + side + " line " +
              std::to_string(run.line(c.leaf)) + ")";
    const CallForest& f = c.in_other && other != nullptr ? *other : run;
    callees += sep + (c.in_other ? other_side : side) + " line " +
               std::to_string(f.line(c.with_callees));
    any_other |= c.in_other;
  }
  if (l.cut.size() > kNamed) {
    leaves += " and " + std::to_string(l.cut.size() - kNamed) + " more";
  }
  std::string depth = std::to_string(l.deepest);
  return side + "'s trace goes no deeper than depth " + depth + ", where " +
         leaves + " are leaves although " +
         (any_other
              ? "their functions have traced callees elsewhere"
              : "their functions have traced callees elsewhere in " + side) +
         " (" + callees + "): the capture most likely set max_graph_depth to " +
         std::to_string(l.deepest + 1) + ", so calls below depth " + depth +
         " ran untraced in " + side;
}

}  // namespace

std::vector<CaptureNote> DescribeCaptureLimits(const CaptureLimits& limits,
                                               const CallForest& run,
                                               const std::string& side,
                                               const CallForest* other,
                                               const std::string& other_side) {
  std::vector<CaptureNote> out;
  auto cite = [](const CallForest& f, NodeId id, const std::string& s,
                 std::string what) {
    return CaptureCite{s, id, CallName(f, id), f.line(id), std::move(what)};
  };
  if (limits.returns_only()) {
    NodeId id = limits.shortest;
    out.push_back(
        {side,
         "tracing_thresh",
         side + "'s trace holds only returns, no call entries: it was " +
             "captured with tracing_thresh, and the shortest call written, " +
             CallName(run, id) + " (" + side + " line " +
             std::to_string(run.line(id)) + "), took " +
             FormatDurationUs(limits.shortest_ns) +
             ", so shorter calls ran untraced in " + side,
         {cite(run, id, side,
               "the shortest call, " + FormatDurationUs(limits.shortest_ns) +
                   ", written without its entry")}});
  }
  if (limits.depth_cut()) {
    CaptureNote note{side,
                     "max_graph_depth",
                     DepthSentence(limits, run, side, other, other_side),
                     {}};
    std::string leaf = "a leaf at depth " + std::to_string(limits.deepest);
    for (const CutCall& c : limits.cut) {
      note.cites.push_back(cite(run, c.leaf, side, leaf));
      note.cites.push_back(
          c.in_other && other != nullptr
              ? cite(*other, c.with_callees, other_side, "with traced callees")
              : cite(run, c.with_callees, side, "with traced callees"));
    }
    out.push_back(std::move(note));
  }
  return out;
}

bool CaptureLimits::HidesCalleesOf(const CallForest& run, NodeId id) const {
  if (returns_only()) return true;
  return depth_cut() && run.depth(id) >= deepest;
}

CaptureLimits FindReturnsOnly(const CallForest& run, NodeId call) {
  CaptureLimits out;
  size_t graph_calls = 0;
  bool entries = false;
  ForEachCall(run, call, [&](NodeId id) {
    if (!GraphCall(run, id)) return true;
    int64_t ns = run.duration_ns(id);
    if (!(run.flags(id) & kEntryMissing) || ns < 0) {
      entries = true;
      return false;
    }
    ++graph_calls;
    if (out.shortest.is_none() || ns < out.shortest_ns) {
      out.shortest = id;
      out.shortest_ns = ns;
    }
    return true;
  });
  if (entries || graph_calls < 2) return CaptureLimits();
  return out;
}

CaptureLimits FindCaptureLimits(const CallForest& run, NodeId call,
                                const CallForest* other, NodeId other_call) {
  CaptureLimits out = FindReturnsOnly(run, call);
  FindDepthCut(run, call, other, other_call, &out);
  return out;
}

}  // namespace ftriage::analysis
