#include "analysis/function_stats.h"

#include <algorithm>
#include <map>

namespace ftriage::analysis {
namespace {

void Accumulate(const CallForest& f, const DiffOptions& o, bool good_side,
                std::map<std::string, FunctionComparison>* by_key) {
  for (size_t i = 0; i < f.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    const CallNode& n = f.node(id);
    std::string key = CompareKey(f, id, o);
    FunctionComparison& c = (*by_key)[key];
    c.key = key;
    FunctionTotals& t = good_side ? c.good : c.bad;
    t.calls += n.count;
    if (n.duration_ns < 0) continue;
    int64_t self = n.duration_ns;
    for (NodeId child : f.children(id)) {
      self -= std::max<int64_t>(f.duration_ns(child), 0);
    }
    t.timed += n.count;
    t.total_ns += n.duration_ns;
    t.self_ns += std::max<int64_t>(self, 0);
  }
}

}  // namespace

std::vector<FunctionComparison> CompareFunctions(const CallForest& good,
                                                 const CallForest& bad,
                                                 const DiffOptions& options) {
  std::map<std::string, FunctionComparison> by_key;
  Accumulate(good, options, true, &by_key);
  Accumulate(bad, options, false, &by_key);
  std::vector<FunctionComparison> out;
  for (auto& [key, c] : by_key) out.push_back(std::move(c));
  auto only_one = [](const FunctionComparison& c) {
    return c.good.calls == 0 || c.bad.calls == 0;
  };
  std::stable_sort(
      out.begin(), out.end(),
      [&](const FunctionComparison& a, const FunctionComparison& b) {
        if (only_one(a) != only_one(b)) return only_one(a);
        return std::abs(a.good.total_ns - a.bad.total_ns) >
               std::abs(b.good.total_ns - b.bad.total_ns);
      });
  return out;
}

}  // namespace ftriage::analysis
