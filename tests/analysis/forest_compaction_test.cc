#include "analysis/forest_compaction.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/tree_walk.h"

namespace ftriage::analysis {
namespace {

// A forest built by hand: calls named after what the test does with them.
class ForestCompactionTest : public ::testing::Test {
 protected:
  ForestCompactionTest() {
    forest_.threads().resize(2);
    forest_.threads()[0].pid = 1;
    forest_.threads()[1].pid = 2;
  }

  NodeId Call(const std::string& name, NodeId parent, uint32_t thread = 0) {
    CallNode n;
    n.func = strings_.Intern(name);
    n.thread = thread;
    n.line = ++line_;
    NodeId id = forest_.AddNode(n);
    forest_.Attach(parent, last_child_[parent], id);
    last_child_[parent] = id;
    return id;
  }

  void AddMarker(const std::string& text, NodeId parent, uint32_t thread = 0) {
    Marker m;
    m.thread = thread;
    m.parent = parent;
    m.text = strings_.Intern(text);
    m.line = ++line_;
    forest_.markers().push_back(m);
  }

  void AddSyscall(const std::string& name, NodeId root) {
    SyscallRecord r;
    r.name = strings_.Intern(name);
    r.root = root;
    forest_.syscalls().push_back(r);
  }

  // Marks |root| and everything below it dead.
  void Kill(NodeId root) {
    plan_.dead_nodes.resize(forest_.size());
    WalkPreOrder(forest_, root, [&](NodeId id, int) {
      plan_.dead_nodes[id.value] = true;
      return true;
    });
  }

  ForestRemap Compact() {
    plan_.dead_nodes.resize(forest_.size());
    plan_.drop_top_markers.resize(forest_.threads().size());
    ForestRemap remap;
    CompactForest(plan_, &forest_, &remap);
    return remap;
  }

  // "name@level" for every call of |thread|, roots in order.
  std::vector<std::string> Render(uint32_t thread) const {
    std::vector<std::string> out;
    for (NodeId root : forest_.threads()[thread].roots) {
      WalkPreOrder(forest_, root, [&](NodeId id, int level) {
        out.push_back(std::string(forest_.name(forest_.node(id).func)) + "@" +
                      std::to_string(level));
        return true;
      });
    }
    return out;
  }

  std::string Name(NodeId id) const {
    return std::string(forest_.name(forest_.node(id).func));
  }

  StringPool strings_;
  CallForest forest_{&strings_};
  CompactionPlan plan_;
  LineNo line_ = 0;
  std::unordered_map<NodeId, NodeId> last_child_;  // CallForest::Attach
};

// (root) kept_a -- kept_a_child
// (root) dead_b -- dead_b_child -- dead_b_grandchild
// (root) kept_c
TEST_F(ForestCompactionTest, RemovesDeadSubtreesAndKeepsOrder) {
  NodeId a = Call("kept_a", NodeId::None());
  Call("kept_a_child", a);
  NodeId b = Call("dead_b", NodeId::None());
  Call("dead_b_grandchild", Call("dead_b_child", b));
  NodeId c = Call("kept_c", NodeId::None());
  Kill(b);
  ForestRemap remap = Compact();
  EXPECT_EQ(forest_.size(), 3u);
  EXPECT_EQ(Render(0), (std::vector<std::string>{"kept_a@0", "kept_a_child@1",
                                                 "kept_c@0"}));
  EXPECT_TRUE(remap.Node(b).is_none());
  EXPECT_EQ(Name(remap.Node(c)), "kept_c");
  EXPECT_EQ(remap.Node(c).value, 2u);
  EXPECT_TRUE(remap.Node(NodeId::None()).is_none());
}

TEST_F(ForestCompactionTest, RewritesLinksOfMovedNodes) {
  NodeId dead = Call("dead_first", NodeId::None());
  NodeId kept = Call("kept_parent", NodeId::None());
  Call("kept_child_1", kept);
  Call("kept_child_2", kept);
  Kill(dead);
  ForestRemap remap = Compact();
  NodeId parent = remap.Node(kept);
  const CallNode& p = forest_.node(parent);
  EXPECT_EQ(Name(p.first_child), "kept_child_1");
  NodeId last = forest_.next_sibling(p.first_child);
  EXPECT_EQ(Name(last), "kept_child_2");
  EXPECT_EQ(forest_.node(p.first_child).next_sibling, last);
  EXPECT_EQ(forest_.node(last).parent, parent);
  EXPECT_TRUE(forest_.node(last).next_sibling.is_none());
}

TEST_F(ForestCompactionTest, DropsMarkersInsideDeadCallsAndRemapsTheRest) {
  NodeId dead = Call("dead_root", NodeId::None());
  NodeId kept = Call("kept_root", NodeId::None());
  NodeId other = Call("other_thread_root", NodeId::None(), 1);
  AddMarker("inside_dead", dead);
  AddMarker("inside_kept", kept);
  AddMarker("top_level_kept", NodeId::None());
  AddMarker("top_level_of_dropped_thread", NodeId::None(), 1);
  AddMarker("inside_other_thread", other, 1);
  Kill(dead);
  plan_.drop_top_markers = {false, true};
  ForestRemap remap = Compact();
  std::vector<std::string> texts;
  for (const Marker& m : forest_.markers()) {
    texts.push_back(std::string(forest_.name(m.text)));
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"inside_kept", "top_level_kept",
                                             "inside_other_thread"}));
  EXPECT_EQ(forest_.markers()[0].parent, remap.Node(kept));
  EXPECT_TRUE(forest_.markers()[1].parent.is_none());
  EXPECT_EQ(forest_.markers()[2].parent, remap.Node(other));
}

TEST_F(ForestCompactionTest, DropsRecordsOfDeadHandlersAndRemapsTheRest) {
  NodeId dead = Call("__x64_sys_dead", NodeId::None());
  NodeId kept = Call("__x64_sys_kept", NodeId::None());
  AddSyscall("dead", dead);
  AddSyscall("no_handler", NodeId::None());
  AddSyscall("kept", kept);
  Kill(dead);
  ForestRemap remap = Compact();
  ASSERT_EQ(forest_.syscalls().size(), 2u);
  EXPECT_EQ(forest_.name(forest_.syscalls()[0].name), "no_handler");
  EXPECT_TRUE(forest_.syscalls()[0].root.is_none());
  EXPECT_EQ(forest_.syscalls()[1].root, remap.Node(kept));
  EXPECT_EQ(remap.syscalls, (std::vector<size_t>{ForestRemap::kRemoved, 0, 1}));
}

TEST_F(ForestCompactionTest, MovesArgsWithTheirCalls) {
  NodeId dead = Call("dead_with_args", NodeId::None());
  NodeId kept = Call("kept_with_args", NodeId::None());
  forest_.SetArgs(dead, strings_.Intern("dead_args"));
  forest_.SetArgs(kept, strings_.Intern("kept_args"));
  Kill(dead);
  ForestRemap remap = Compact();
  EXPECT_EQ(forest_.name(forest_.args(remap.Node(kept))), "kept_args");
  // The dead call's old id now names the kept call: only its args remain.
  EXPECT_EQ(forest_.args(NodeId{0}), forest_.args(remap.Node(kept)));
  EXPECT_TRUE(forest_.args(NodeId{1}).is_none());
}

TEST_F(ForestCompactionTest, NothingDeadChangesNothing) {
  NodeId a = Call("kept_only", NodeId::None());
  Call("kept_only_child", a);
  ForestRemap remap = Compact();
  EXPECT_EQ(forest_.size(), 2u);
  EXPECT_EQ(remap.Node(a), a);
  EXPECT_EQ(Render(0),
            (std::vector<std::string>{"kept_only@0", "kept_only_child@1"}));
}

}  // namespace
}  // namespace ftriage::analysis
