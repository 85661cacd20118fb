#include "analysis/export_folded.h"

#include <algorithm>
#include <utility>

#include "analysis/tree_walk.h"

namespace ftriage::analysis {

FoldedStacks::FoldedStacks(size_t runs, FoldWeight weight, FrameName name)
    : runs_(runs),
      weight_(weight),
      frame_name_(std::move(name)),
      parent_{0},
      name_{0},
      weights_(runs, 0),
      names_{""} {}

uint32_t FoldedStacks::Child(uint32_t parent, const std::string& name) {
  auto [name_it, new_name] =
      name_ids_.try_emplace(name, static_cast<uint32_t>(names_.size()));
  if (new_name) names_.push_back(name);
  uint64_t key = uint64_t{parent} << 32 | name_it->second;
  auto [it, added] =
      children_.try_emplace(key, static_cast<uint32_t>(parent_.size()));
  if (added) {
    parent_.push_back(parent);
    name_.push_back(name_it->second);
    weights_.resize(weights_.size() + runs_, 0);
  }
  return it->second;
}

uint64_t FoldedStacks::Weight(const CallForest& f, NodeId id,
                              const std::vector<bool>* shown) const {
  const CallNode& n = f.node(id);
  if (weight_ == FoldWeight::kCount) return n.count;
  if (n.duration_ns < 0) return 0;
  int64_t self = n.duration_ns;
  for (NodeId c : f.children(id)) {
    if (shown == nullptr || (*shown)[c.value]) {
      self -= std::max<int64_t>(f.duration_ns(c), 0);
    }
  }
  return static_cast<uint64_t>(std::max<int64_t>(self, 0));
}

void FoldedStacks::Add(const CallForest& f, NodeId root, size_t run,
                       const std::vector<bool>* shown) {
  std::vector<uint32_t> path;  // the trie frame of each level above
  WalkPreOrder(f, root, [&](NodeId id, int level) {
    if (shown != nullptr && !(*shown)[id.value]) return false;
    path.resize(level);
    uint32_t frame = Child(path.empty() ? 0 : path.back(),
                           SanitizeFrame(frame_name_(f, id)));
    path.push_back(frame);
    weights_[frame * runs_ + run] += Weight(f, id, shown);
    return true;
  });
}

void FoldedStacks::Write(std::ostream& out) const {
  std::vector<std::vector<uint32_t>> kids(parent_.size());
  for (uint32_t frame = 1; frame < parent_.size(); ++frame) {
    kids[parent_[frame]].push_back(frame);
  }
  for (auto& list : kids) {
    std::sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return names_[name_[a]] < names_[name_[b]];
    });
  }
  std::string stack;
  std::vector<std::pair<uint32_t, size_t>> todo;  // (frame, prefix length)
  for (auto it = kids[0].rbegin(); it != kids[0].rend(); ++it) {
    todo.push_back({*it, 0});
  }
  while (!todo.empty()) {
    auto [frame, prefix] = todo.back();
    todo.pop_back();
    stack.resize(prefix);
    if (prefix > 0) stack += ';';
    stack += names_[name_[frame]];
    const uint64_t* w = &weights_[frame * runs_];
    if (std::any_of(w, w + runs_, [](uint64_t x) { return x != 0; })) {
      out << stack;
      for (size_t run = 0; run < runs_; ++run) out << ' ' << w[run];
      out << '\n';
    }
    for (auto it = kids[frame].rbegin(); it != kids[frame].rend(); ++it) {
      todo.push_back({*it, stack.size()});
    }
  }
}

uint64_t FoldedStacks::Total(size_t run) const {
  uint64_t total = 0;
  for (size_t i = run; i < weights_.size(); i += runs_) total += weights_[i];
  return total;
}

std::string SanitizeFrame(std::string_view name) {
  if (name.empty()) return "[unknown]";
  std::string out(name);
  for (char& c : out) {
    if (c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
  }
  return out;
}

void WriteFolded(const CallForest& forest, const TreeSelection& selection,
                 FoldWeight weight, std::ostream& out) {
  FoldedStacks stacks(1, weight, [](const CallForest& f, NodeId id) {
    StringId func = f.func(id);
    return func.is_none() ? std::string()
                          : std::string(f.name(f.Normalized(func)));
  });
  for (const ShownRoot& r : selection.roots) {
    stacks.Add(forest, r.root, 0, &selection.shown);
  }
  stacks.Write(out);
}

void WriteFoldedDiff(const CallForest& good, NodeId good_root,
                     const CallForest& bad, NodeId bad_root,
                     const DiffOptions& options, std::ostream& out) {
  FoldedStacks stacks(2, FoldWeight::kCount,
                      [&](const CallForest& f, NodeId id) {
                        return CompareKey(f, id, options);
                      });
  stacks.Add(good, good_root, 0);
  stacks.Add(bad, bad_root, 1);
  stacks.Write(out);
}

}  // namespace ftriage::analysis
