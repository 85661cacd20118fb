#ifndef FTRIAGE_ANALYSIS_TREE_WALK_H_
#define FTRIAGE_ANALYSIS_TREE_WALK_H_

#include <utility>
#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// Visits |root| and its descendants in pre-order (input order) with their
// level below |root| (0 for |root|). Iterative: traces nest 100k deep.
// |visit| returns false to skip a node's children.
template <typename F>
void WalkPreOrder(const CallForest& forest, NodeId root, F&& visit) {
  std::vector<std::pair<NodeId, int>> stack = {{root, 0}};
  std::vector<NodeId> children;
  while (!stack.empty()) {
    auto [id, level] = stack.back();
    stack.pop_back();
    if (!visit(id, level)) continue;
    children.clear();
    for (NodeId c : forest.children(id)) children.push_back(c);
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      stack.push_back({*it, level + 1});
    }
  }
}

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_WALK_H_
