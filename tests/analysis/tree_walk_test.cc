#include "analysis/tree_walk.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace ftriage::analysis {
namespace {

// A walk from a call that has siblings stays inside it:
//   (root) +-- (1) a +-- (2) b
//          |         |       +-- (3) c
//          |         +-- (2) d
//          +-- (1) e
// Returning false for b skips c.
TEST(TreeWalkTest, PreOrderStaysBelowItsStartAndSkipsOnRequest) {
  StringPool strings;
  CallForest forest(&strings);
  forest.threads().resize(1);
  std::unordered_map<NodeId, NodeId> last_child;
  auto call = [&](const std::string& name, NodeId parent) {
    CallNode n;
    n.func = strings.Intern(name);
    NodeId id = forest.AddNode(n);
    forest.Attach(parent, last_child[parent], id);
    last_child[parent] = id;
    return id;
  };
  NodeId root = call("root", NodeId::None());
  NodeId a = call("a", root);
  NodeId b = call("b", a);
  call("c", b);
  call("d", a);
  call("e", root);
  auto walk = [&](NodeId from, const std::string& skip) {
    std::string seen;
    WalkPreOrder(forest, from, [&](NodeId id, int level) {
      std::string name(forest.name(forest.func(id)));
      seen += name + std::to_string(level) + " ";
      return name != skip;
    });
    return seen;
  };
  EXPECT_EQ(walk(root, ""), "root0 a1 b2 c3 d2 e1 ");
  EXPECT_EQ(walk(a, ""), "a0 b1 c2 d1 ");
  EXPECT_EQ(walk(b, ""), "b0 c1 ");
  EXPECT_EQ(walk(root, "b"), "root0 a1 b2 d2 e1 ");
  EXPECT_EQ(walk(root, "root"), "root0 ");
}

}  // namespace
}  // namespace ftriage::analysis
