#include "analysis/source_sequence.h"

#include <algorithm>
#include <set>

#include "analysis/source_facts.h"

namespace ftriage::analysis {
namespace {

struct Splicer {
  const kernel::SourceIndex& index;
  const std::function<bool(const std::string&)>& inlined;
  const std::function<bool(const std::string&)>& keep;
  std::string_view arch;
  size_t max_depth;
  size_t max_steps;
  std::vector<SourceStep> out;
  std::vector<std::string> via;

  // The definition of |name| whose body calls the most names |keep| takes.
  const kernel::Definition* Best(std::string_view name) const {
    const kernel::Definition* best = nullptr;
    size_t best_score = 0;
    std::vector<const kernel::Definition*> defs = index.Lookup(name);
    bool only_arch = std::all_of(defs.begin(), defs.end(), [&](auto* d) {
      return index.FilePath(d->file).starts_with("arch/");
    });
    for (const kernel::Definition* d : defs) {
      if (!ForArch(index.FilePath(d->file), arch, only_arch)) continue;
      size_t score = 1;
      for (const kernel::CallSite& c : index.CallsOf(*d)) {
        score += keep(std::string(index.String(c.callee))) ? 1 : 0;
      }
      if (best == nullptr || score > best_score) {
        best = d;
        best_score = score;
      }
    }
    return best;
  }

  void Splice(const kernel::Definition& def) {
    std::string_view path = index.FilePath(def.file);
    for (const kernel::CallSite& c : index.CallsOf(def)) {
      if (out.size() >= max_steps) return;
      if (c.through_member) continue;
      std::string callee(index.String(c.callee));
      bool defined = !index.Lookup(callee).empty();
      if (!defined && !keep(callee)) continue;
      out.push_back({callee, via, std::string(path), c.line,
                     std::string(index.String(c.condition))});
      bool open = std::find(via.begin(), via.end(), callee) != via.end();
      if (defined && !open && via.size() < max_depth && inlined(callee)) {
        if (const kernel::Definition* d = Best(callee)) {
          via.push_back(callee);
          Splice(*d);
          via.pop_back();
        }
      }
    }
  }
};

bool IsSyscallEntry(const std::string& name) {
  std::string s = kernel::SourceNameOf(name);
  return s.starts_with("sys_") || s.starts_with("compat_sys_");
}

}  // namespace

std::vector<SourceStep> InlinedCallSequence(
    const kernel::SourceIndex& index, std::string_view function,
    const std::function<bool(const std::string&)>& inlined,
    const std::function<bool(const std::string&)>& keep, std::string_view arch,
    size_t max_depth, size_t max_steps) {
  Splicer s{index, inlined, keep, arch, max_depth, max_steps, {}, {}};
  if (const kernel::Definition* d = s.Best(function)) {
    s.via.push_back(kernel::SourceNameOf(function));
    s.Splice(*d);
  }
  for (SourceStep& step : s.out) step.via.erase(step.via.begin());
  return s.out;
}

std::vector<ChainLink> OrderByCalls(const kernel::SourceCallGraph& graph,
                                    const std::vector<std::string>& names,
                                    size_t max_depth) {
  std::vector<std::string> left = names;
  // Start at a syscall entry point, else at the name none of the others
  // reaches.
  auto start = std::find_if(left.begin(), left.end(), IsSyscallEntry);
  if (start == left.end()) {
    start = std::find_if(left.begin(), left.end(), [&](const std::string& n) {
      return std::none_of(left.begin(), left.end(), [&](const std::string& m) {
        return m != n && !graph.ShortestPath(m, n, max_depth).empty();
      });
    });
  }
  std::vector<ChainLink> chain;
  if (start == left.end()) return chain;
  chain.push_back({*start, {}});
  left.erase(start);
  while (!left.empty()) {
    std::vector<std::string> best;
    auto pick = left.end();
    for (auto it = left.begin(); it != left.end(); ++it) {
      std::vector<std::string> p =
          graph.ShortestPath(chain.back().function, *it, max_depth);
      if (!p.empty() && (best.empty() || p.size() < best.size())) {
        best = std::move(p);
        pick = it;
      }
    }
    if (pick == left.end()) break;
    chain.push_back(
        {*pick, std::vector<std::string>(best.begin() + 1, best.end() - 1)});
    left.erase(pick);
  }
  return chain;
}

}  // namespace ftriage::analysis
