#include "analysis/tree_walk.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

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

}  // namespace
}  // namespace ftriage::analysis
