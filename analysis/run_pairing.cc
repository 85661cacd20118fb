#include "analysis/run_pairing.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "analysis/error_origin.h"
#include "analysis/tree_filter.h"
#include "analysis/tree_walk.h"
#include "core/errno_table.h"

namespace ftriage::analysis {
namespace {

constexpr size_t kSimilarityNodes = 4096;  // enough to tell runs apart

NodeId CallAtLine(const CallForest& f, LineNo line) {
  for (size_t i = 0; i < f.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    if (f.line(id) == line) return id;
  }
  return NodeId::None();
}

std::map<std::string, int> Profile(const CallForest& f, NodeId root,
                                   const DiffOptions& o) {
  std::map<std::string, int> counts;
  size_t seen = 0;
  WalkPreOrder(f, root, [&](NodeId id, int) {
    if (++seen > kSimilarityNodes) return false;
    ++counts[CompareKey(f, id, o)];
    return true;
  });
  return counts;
}

// Weighted Jaccard similarity of two function profiles.
double Similarity(const std::map<std::string, int>& a,
                  const std::map<std::string, int>& b) {
  double inter = 0;
  double uni = 0;
  for (const auto& [k, n] : a) {
    auto it = b.find(k);
    int m = it == b.end() ? 0 : it->second;
    inter += std::min(n, m);
    uni += std::max(n, m);
  }
  for (const auto& [k, m] : b) {
    if (!a.contains(k)) uni += m;
  }
  return uni == 0 ? 1 : inter / uni;
}

}  // namespace

std::optional<Invocation> PickBadInvocation(const CallForest& bad,
                                            const std::string& root_glob,
                                            LineNo at_line,
                                            std::string* error) {
  Invocation inv;
  if (at_line != 0) {
    inv.call = CallAtLine(bad, at_line);
    if (inv.call.is_none()) {
      *error = "no call starts at line " + std::to_string(at_line) + " of BAD";
      return std::nullopt;
    }
    inv.failing_path.push_back(inv.call);
    inv.why = "given with --bad-at";
    return inv;
  }
  ErrorOptions eo;
  eo.root_glob = root_glob;
  for (const ErrorFinding& e : FindErrors(bad, eo)) {
    if (e.root.is_none()) continue;
    inv.call = e.root;
    inv.failing_path = e.chain;
    if (!e.window_parent.is_none() &&
        std::find(e.chain.begin(), e.chain.end(), e.window_parent) ==
            e.chain.end()) {
      inv.failing_path.push_back(e.window_parent);
    }
    inv.why =
        "the first failing call: it returns " + ErrnoLabel(e.errno_number);
    return inv;
  }
  TreeFilter filter;
  filter.root_glob = root_glob;
  std::vector<ShownRoot> roots = SelectRoots(bad, filter, nullptr);
  if (roots.empty()) {
    *error = root_glob.empty() ? "BAD has no calls"
                               : "no call of BAD matches --root " + root_glob;
    return std::nullopt;
  }
  inv.call = roots.back().root;
  inv.failing_path.push_back(inv.call);
  inv.why = "no failing call: the last " +
            std::string(root_glob.empty() ? "root" : "match of --root");
  return inv;
}

std::optional<Invocation> PickGoodInvocation(const CallForest& good,
                                             const CallForest& bad,
                                             NodeId bad_call, LineNo at_line,
                                             const DiffOptions& o,
                                             std::string* error) {
  Invocation inv;
  if (at_line != 0) {
    inv.call = CallAtLine(good, at_line);
    if (inv.call.is_none()) {
      *error = "no call starts at line " + std::to_string(at_line) + " of GOOD";
      return std::nullopt;
    }
    inv.why = "given with --good-at";
    return inv;
  }
  std::string key = CompareKey(bad, bad_call, o);
  std::map<std::string, int> target = Profile(bad, bad_call, o);
  double best = -1;
  bool best_failed = true;
  // Millions of calls, thousands of names: the key once per name.
  std::unordered_map<StringId, bool> has_key;
  for (size_t i = 0; i < good.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    auto [name, fresh] = has_key.try_emplace(good.func(id));
    if (fresh) name->second = CompareKey(good, id, o) == key;
    if (!name->second) continue;
    bool failed = ErrnoOf(good, id) != 0;
    double sim = Similarity(Profile(good, id, o), target);
    // A call that did not fail beats one that did; then similarity; then
    // input order (ids grow with input order only roughly, lines do).
    bool better =
        inv.call.is_none() || (best_failed && !failed) ||
        (failed == best_failed &&
         (sim > best || (sim == best && good.line(id) < good.line(inv.call))));
    if (better) {
      inv.call = id;
      best = sim;
      best_failed = failed;
    }
  }
  if (inv.call.is_none()) {
    *error = "GOOD has no call comparable to BAD's " + key;
    return std::nullopt;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", best * 100);
  inv.why = std::string("the most similar call of the same function: ") + buf +
            " of their functions in common" +
            (best_failed ? "; it fails too" : "");
  return inv;
}

std::optional<Comparison> CompareRuns(const CallForest& good,
                                      const CallForest& bad,
                                      const PairingChoice& choice,
                                      const DiffOptions& options,
                                      std::string* error) {
  auto bi = PickBadInvocation(bad, choice.root_glob, choice.bad_at, error);
  if (!bi) return std::nullopt;
  auto gi =
      PickGoodInvocation(good, bad, bi->call, choice.good_at, options, error);
  if (!gi) return std::nullopt;
  Comparison c;
  c.good = *gi;
  c.bad = *bi;
  c.diff = DiffTrees(good, gi->call, bad, bi->call, bi->failing_path, options);
  c.good_limits = FindCaptureLimits(good, gi->call, &bad, bi->call);
  c.bad_limits = FindCaptureLimits(bad, bi->call, &good, gi->call);
  return c;
}

std::string GoodFailsTooNote(const CallForest& good, NodeId good_call) {
  if (ErrnoOf(good, good_call) == 0) return "";
  return "GOOD's call fails too: the differences are between the runs (or "
         "kernels), not the cause of BAD's failure";
}

std::vector<CaptureNote> CaptureNotes(const Comparison& c,
                                      const CallForest& good,
                                      const CallForest& bad) {
  std::vector<CaptureNote> out =
      DescribeCaptureLimits(c.bad_limits, bad, "BAD", &good, "GOOD");
  for (CaptureNote& n :
       DescribeCaptureLimits(c.good_limits, good, "GOOD", &bad, "BAD")) {
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace ftriage::analysis
