#ifndef FTRIAGE_ANALYSIS_TREE_WALK_H_
#define FTRIAGE_ANALYSIS_TREE_WALK_H_

#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// Visits |root| and its descendants in pre-order (input order) with their
// level below |root| (0 for |root|). |visit| returns false to skip a node's
// children. Follows the child, sibling and parent links, so it needs no
// stack (traces nest 100k deep) and allocates nothing.
template <typename F>
void WalkPreOrder(const CallForest& forest, NodeId root, F&& visit) {
  NodeId id = root;
  int level = 0;
  while (true) {
    if (visit(id, level)) {
      NodeId child = forest.first_child(id);
      if (!child.is_none()) {
        id = child;
        ++level;
        continue;
      }
    }
    // Up to the nearest ancestor (or itself) below |root| with a next sibling.
    while (id != root && forest.next_sibling(id).is_none()) {
      id = forest.parent(id);
      --level;
    }
    if (id == root) return;
    id = forest.next_sibling(id);
  }
}

// Visits |root| and its descendants children first (post-order), each
// after its last child. Like WalkPreOrder, it follows the links: no stack,
// no allocation.
template <typename F>
void WalkPostOrder(const CallForest& forest, NodeId root, F&& visit) {
  NodeId id = root;
  while (true) {
    for (NodeId c = forest.first_child(id); !c.is_none();
         c = forest.first_child(id)) {
      id = c;
    }
    // Up through the calls whose children are all visited.
    while (true) {
      visit(id);
      if (id == root) return;
      NodeId next = forest.next_sibling(id);
      if (!next.is_none()) {
        id = next;
        break;
      }
      id = forest.parent(id);
    }
  }
}

// One line of a tree view: a call, or a marker that occurred among calls.
struct TreeItem {
  bool is_marker = false;
  NodeId node = NodeId::None();  // when !is_marker
  size_t marker = 0;             // index into CallForest::markers()
  int level = 0;
};

// Visits the shown roots of one thread and their shown descendants in
// input order, with the selection's markers merged in by line number.
// |selection| is a TreeSelection (templated to keep this header light).
template <typename Selection, typename F>
void WalkThreadWithMarkers(const CallForest& f, const Selection& sel,
                           uint32_t thread, const std::vector<NodeId>& roots,
                           F&& visit) {
  auto markers_of = [&](uint64_t key) -> const std::vector<size_t>* {
    if (key < Selection::kTopLevel && !sel.has_markers[key]) return nullptr;
    auto it = sel.markers.find(key);
    return it == sel.markers.end() ? nullptr : &it->second;
  };
  // Items of one level, in line order, pushed reversed onto the stack.
  std::vector<TreeItem> stack;
  std::vector<TreeItem> items;
  auto push_level = [&](const std::vector<NodeId>& calls,
                        const std::vector<size_t>* marks, int level) {
    items.clear();
    size_t m = 0;
    for (NodeId c : calls) {
      while (marks != nullptr && m < marks->size() &&
             f.markers()[(*marks)[m]].line < f.line(c)) {
        items.push_back({true, NodeId::None(), (*marks)[m++], level});
      }
      items.push_back({false, c, 0, level});
    }
    while (marks != nullptr && m < marks->size()) {
      items.push_back({true, NodeId::None(), (*marks)[m++], level});
    }
    stack.insert(stack.end(), items.rbegin(), items.rend());
  };
  push_level(roots, markers_of(Selection::kTopLevel + thread), 0);
  std::vector<NodeId> children;
  while (!stack.empty()) {
    TreeItem item = stack.back();
    stack.pop_back();
    visit(item);
    if (item.is_marker) continue;
    children.clear();
    for (NodeId c : f.children(item.node)) {
      if (sel.shown[c.value]) children.push_back(c);
    }
    push_level(children, markers_of(item.node.value), item.level + 1);
  }
}

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_WALK_H_
