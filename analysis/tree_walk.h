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
// Follows the sibling links with a frame per open level, so a node costs a
// few loads, not a vector of its children.
template <typename Selection, typename F>
void WalkThreadWithMarkers(const CallForest& f, const Selection& sel,
                           uint32_t thread, const std::vector<NodeId>& roots,
                           F&& visit) {
  auto markers_of = [&](uint64_t key) -> const std::vector<size_t>* {
    if (key < Selection::kTopLevel && !sel.has_markers[key]) return nullptr;
    auto it = sel.markers.find(key);
    return it == sel.markers.end() ? nullptr : &it->second;
  };
  auto shown_from = [&](NodeId c) {
    while (!c.is_none() && !sel.shown[c.value]) c = f.next_sibling(c);
    return c;
  };
  // One open level: its next call to visit (None when done) and its
  // markers not yet visited. The top level takes its calls from |roots|.
  struct Frame {
    NodeId next;
    const std::vector<size_t>* marks;
    size_t m;
  };
  size_t root = 0;
  std::vector<Frame> frames;
  frames.push_back({roots.empty() ? NodeId::None() : roots[0],
                    markers_of(Selection::kTopLevel + thread), 0});
  while (!frames.empty()) {
    Frame& fr = frames.back();
    int level = static_cast<int>(frames.size()) - 1;
    NodeId c = fr.next;
    if (fr.marks != nullptr && fr.m < fr.marks->size() &&
        (c.is_none() || f.markers()[(*fr.marks)[fr.m]].line < f.line(c))) {
      visit(TreeItem{true, NodeId::None(), (*fr.marks)[fr.m++], level});
      continue;
    }
    if (c.is_none()) {
      frames.pop_back();
      continue;
    }
    if (level == 0) {
      fr.next = ++root < roots.size() ? roots[root] : NodeId::None();
    } else {
      fr.next = shown_from(f.next_sibling(c));
    }
    visit(TreeItem{false, c, 0, level});
    NodeId child = shown_from(f.first_child(c));
    const std::vector<size_t>* marks = markers_of(c.value);
    if (!child.is_none() || marks != nullptr) {
      frames.push_back({child, marks, 0});
    }
  }
}

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_WALK_H_
