#include "analysis/tree_walk.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/tree_filter.h"

namespace ftriage::analysis {
namespace {

// Synthetic calls:
//   (root) +-- (1) a +-- (2) b
//          |         |       +-- (3) c
//          |         +-- (2) d
//          +-- (1) e
class TreeWalkTest : public ::testing::Test {
 protected:
  TreeWalkTest() : forest_(&strings_) {
    forest_.threads().resize(1);
    root_ = Call("root", NodeId::None());
    a_ = Call("a", root_);
    b_ = Call("b", a_);
    Call("c", b_);
    Call("d", a_);
    e_ = Call("e", root_);
  }
  NodeId Call(const std::string& name, NodeId parent) {
    CallNode n;
    n.func = strings_.Intern(name);
    n.line = static_cast<LineNo>(10 * (forest_.size() + 1));
    NodeId id = forest_.AddNode(n);
    forest_.Attach(parent, last_child_[parent], id);
    last_child_[parent] = id;
    return id;
  }
  std::string Name(NodeId id) const {
    return std::string(forest_.name(forest_.func(id)));
  }

  StringPool strings_;
  CallForest forest_;
  std::unordered_map<NodeId, NodeId> last_child_;
  NodeId root_, a_, b_, e_;
};

// A walk from a call that has siblings stays inside it; returning false
// for b skips c.
TEST_F(TreeWalkTest, PreOrderStaysBelowItsStartAndSkipsOnRequest) {
  auto walk = [&](NodeId from, const std::string& skip) {
    std::string seen;
    WalkPreOrder(forest_, from, [&](NodeId id, int level) {
      seen += Name(id) + std::to_string(level) + " ";
      return Name(id) != skip;
    });
    return seen;
  };
  EXPECT_EQ(walk(root_, ""), "root0 a1 b2 c3 d2 e1 ");
  EXPECT_EQ(walk(a_, ""), "a0 b1 c2 d1 ");
  EXPECT_EQ(walk(b_, ""), "b0 c1 ");
  EXPECT_EQ(walk(root_, "b"), "root0 a1 b2 d2 e1 ");
  EXPECT_EQ(walk(root_, "root"), "root0 ");
}

// Each call after its children, and only the calls below the start.
TEST_F(TreeWalkTest, PostOrderVisitsChildrenFirstAndStaysBelowItsStart) {
  auto walk = [&](NodeId from) {
    std::string seen;
    WalkPostOrder(forest_, from, [&](NodeId id) { seen += Name(id) + " "; });
    return seen;
  };
  EXPECT_EQ(walk(root_), "c b d a e root ");
  EXPECT_EQ(walk(a_), "c b d a ");
  EXPECT_EQ(walk(b_), "c b ");
  EXPECT_EQ(walk(e_), "e ");
}

// Synthetic markers: each is visited among the shown calls of its level by
// line, before the first call after it, and those after a level's last
// call close it; hidden calls are skipped with their subtrees.
TEST_F(TreeWalkTest, SyntheticMarkersMergeByLineAtEveryLevel) {
  NodeId c = forest_.first_child(b_);
  NodeId d = forest_.next_sibling(b_);
  ASSERT_EQ(Name(d), "d");
  auto marker = [&](NodeId parent, LineNo line) {
    Marker m;
    m.parent = parent;
    m.line = line;
    forest_.markers().push_back(m);
    return forest_.markers().size() - 1;
  };
  TreeSelection sel;
  sel.shown.assign(forest_.size(), true);
  sel.shown[d.value] = false;
  sel.has_markers.assign(forest_.size(), false);
  sel.markers[TreeSelection::kTopLevel] = {marker(NodeId::None(), 5),
                                           marker(NodeId::None(), 100)};
  sel.markers[a_.value] = {marker(a_, 25), marker(a_, 45), marker(a_, 55)};
  sel.markers[c.value] = {marker(c, 41)};
  sel.has_markers[a_.value] = sel.has_markers[c.value] = true;
  std::string seen;
  WalkThreadWithMarkers(forest_, sel, 0, {root_}, [&](const TreeItem& item) {
    seen += item.is_marker
                ? "m" + std::to_string(forest_.markers()[item.marker].line)
                : Name(item.node);
    seen += std::to_string(item.level) + " ";
  });
  EXPECT_EQ(seen, "m50 root0 a1 m252 b2 c3 m414 m452 m552 e1 m1000 ");
}

}  // namespace
}  // namespace ftriage::analysis
