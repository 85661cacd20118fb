#include "analysis/node_columns.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace ftriage::analysis {
namespace {

constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();

void ExpectSame(const CallNode& want, const CallNode& got) {
  EXPECT_EQ(want.func, got.func);
  EXPECT_EQ(want.parent, got.parent);
  EXPECT_EQ(want.first_child, got.first_child);
  EXPECT_EQ(want.next_sibling, got.next_sibling);
  EXPECT_EQ(want.thread, got.thread);
  EXPECT_EQ(want.file, got.file);
  EXPECT_EQ(want.line, got.line);
  EXPECT_EQ(want.exit_line, got.exit_line);
  EXPECT_EQ(want.flags, got.flags);
  EXPECT_EQ(want.count, got.count);
  EXPECT_EQ(want.ret_kind, got.ret_kind);
  EXPECT_EQ(want.depth, got.depth);
  EXPECT_EQ(want.cpu, got.cpu);
  EXPECT_EQ(want.enter_ns, got.enter_ns);
  EXPECT_EQ(want.duration_ns, got.duration_ns);
  EXPECT_EQ(want.retval, got.retval);
}

// A link of node |i| (the |k|th of its links): None, near or far either
// way, to itself, to the last NodeId.
NodeId WildLink(uint32_t i, uint32_t k) {
  static const int64_t kDistances[] = {1,      -1,    32767,  -32767, 32768,
                                       -32768, 70000, -70000, 0};
  uint32_t pick = (i + 5 * k) % 11;
  if (pick == 9) return NodeId::None();
  if (pick == 10) return NodeId{NodeId::kNoneValue - 1};
  int64_t to = int64_t{i} + kDistances[pick];
  return NodeId{static_cast<uint32_t>(to < 0 ? to + 200'000 : to)};
}

// Node |i| of a trace that hits every escape: far links, many threads,
// wide CPUs and depths, far exits, timestamps jumping both ways across
// blocks, long durations, kernel pointers as return values.
CallNode WildNode(uint32_t i) {
  static const uint32_t kThreads[] = {0, 1, 65534, 65535, 70000, 0xffffffff};
  static const int32_t kCpus[] = {-1, 0, 253, 254, 255, 300, -7};
  static const int32_t kDepths[] = {-1, 0, 32766, 32767, 40000, -40000};
  static const LineNo kExitAfter[] = {0, 1, 0xfffd, 0xfffe, 70000};
  static const int64_t kDurations[] = {
      -1, 0, 4'294'967'293, 4'294'967'294, 5'000'000'000, -5, kMax64};
  static const int64_t kRetvals[] = {0,
                                     -22,
                                     std::numeric_limits<int32_t>::min(),
                                     std::numeric_limits<int32_t>::max(),
                                     int64_t(0xffff888012345678),
                                     int64_t(0xffffffff81000000)};
  CallNode n;
  n.func = StringId{i % 7};
  n.parent = WildLink(i, 0);
  n.first_child = WildLink(i, 1);
  n.next_sibling = WildLink(i, 2);
  n.thread = kThreads[i % 6];
  n.file = FileId{i % 5 == 0 ? 1u : 0u};
  n.line = 100 + i * 3;
  LineNo after = kExitAfter[i % 5];
  n.exit_line = after == 0 ? 0 : n.line + after - 1;
  if (i % 11 == 0) n.exit_line = n.line - 50;  // before its entry line
  n.flags = static_cast<uint16_t>(i * 37);
  n.count = i % 4 == 0 ? 1 : i;
  n.ret_kind = static_cast<RetKind>(i % 5);
  n.depth = kDepths[i % 6];
  n.cpu = kCpus[i % 7];
  // Forward in ns steps, a 3 s jump back every 100 nodes, a 10 s jump
  // forward every 300, unknown every 13th, the extremes once each.
  n.enter_ns = 1'000'000'000 + int64_t{i} * 1000 -
               int64_t{i / 100 % 2} * 3'000'000'000 +
               int64_t{i / 300} * 10'000'000'000;
  if (i % 13 == 0) n.enter_ns = -1;
  if (i == 401) n.enter_ns = kMin64;
  if (i == 402) n.enter_ns = kMax64;
  n.duration_ns = kDurations[i % 7];
  n.retval = kRetvals[i % 6];
  return n;
}

TEST(NodeColumnsTest, RecordIs24Bytes) { EXPECT_EQ(sizeof(NodeRecord), 24u); }

TEST(NodeColumnsTest, AbsentColumnsReadAsDefaults) {
  NodeColumns c;
  CallNode n;
  n.file = FileId{0};
  n.line = 7;
  NodeId id = c.Append(n);
  ExpectSame(n, c.Get(id));
  EXPECT_EQ(c.Get(id).enter_ns, -1);
  EXPECT_EQ(c.Get(id).duration_ns, -1);
  EXPECT_EQ(c.Get(id).retval, 0);
  EXPECT_EQ(c.Get(id).count, 1u);
  EXPECT_TRUE(c.parent(id).is_none());
  EXPECT_TRUE(c.first_child(id).is_none());
  EXPECT_TRUE(c.next_sibling(id).is_none());
}

TEST(NodeColumnsTest, EveryValueRoundTrips) {
  NodeColumns c;
  std::vector<CallNode> want;
  for (uint32_t i = 0; i < 1000; ++i) {
    want.push_back(WildNode(i));
    c.Append(want.back());
  }
  for (uint32_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    ExpectSame(want[i], c.Get(NodeId{i}));
  }
}

TEST(NodeColumnsTest, NarrowReadsMatchGet) {
  NodeColumns c;
  for (uint32_t i = 0; i < 1000; ++i) c.Append(WildNode(i));
  for (uint32_t i = 0; i < 1000; ++i) {
    SCOPED_TRACE(i);
    NodeId id{i};
    CallNode n = c.Get(id);
    EXPECT_EQ(c.func(id), n.func);
    EXPECT_EQ(c.parent(id), n.parent);
    EXPECT_EQ(c.first_child(id), n.first_child);
    EXPECT_EQ(c.next_sibling(id), n.next_sibling);
    EXPECT_EQ(c.thread(id), n.thread);
    EXPECT_EQ(c.line(id), n.line);
    EXPECT_EQ(c.flags(id), n.flags);
    EXPECT_EQ(c.ret_kind(id), n.ret_kind);
    EXPECT_EQ(c.depth(id), n.depth);
    EXPECT_EQ(c.cpu(id), n.cpu);
    EXPECT_EQ(c.duration_ns(id), n.duration_ns);
    EXPECT_EQ(c.retval(id), n.retval);
  }
}

TEST(NodeColumnsTest, SettersReplaceEscapedValues) {
  NodeColumns c;
  CallNode n = WildNode(4);  // depth 40000, cpu 300: both escaped
  NodeId id = c.Append(n);
  c.SetDepth(id, 3);
  c.SetExitLine(id, n.line + 100'000);
  c.SetEnterNs(id, kMax64);
  c.SetDuration(id, 10'000'000'000);
  c.SetRetval(id, RetKind::kPointer, int64_t(0xffff888000000000));
  c.AddCount(id, 2);
  CallNode got = c.Get(id);
  EXPECT_EQ(got.depth, 3);
  EXPECT_EQ(got.exit_line, n.line + 100'000);
  EXPECT_EQ(got.enter_ns, kMax64);
  EXPECT_EQ(got.duration_ns, 10'000'000'000);
  EXPECT_EQ(got.retval, int64_t(0xffff888000000000));
  EXPECT_EQ(got.ret_kind, RetKind::kPointer);
  EXPECT_TRUE(got.flags & kHasRetval);
  EXPECT_EQ(got.count, n.count + 2);
  c.SetExitLine(id, n.line + 1);
  c.SetEnterNs(id, 5);
  c.SetDuration(id, 5);
  c.SetRetval(id, RetKind::kInteger, -1);
  got = c.Get(id);
  EXPECT_EQ(got.exit_line, n.line + 1);
  EXPECT_EQ(got.enter_ns, 5);
  EXPECT_EQ(got.duration_ns, 5);
  EXPECT_EQ(got.retval, -1);
}

TEST(NodeColumnsTest, RareValuesThenCommonOnes) {
  NodeColumns c;
  const uint32_t kNodes = 20'000;
  for (uint32_t i = 0; i < kNodes; ++i) c.Append(CallNode{});
  // A few: kept aside, then undone one by one.
  c.SetRetval(NodeId{7}, RetKind::kInteger, -2);
  c.SetRetval(NodeId{19'999}, RetKind::kInteger, 5);
  c.SetRetval(NodeId{300}, RetKind::kInteger, -2);
  c.SetRetval(NodeId{300}, RetKind::kInteger, 0);
  EXPECT_EQ(c.Get(NodeId{7}).retval, -2);
  EXPECT_EQ(c.Get(NodeId{300}).retval, 0);
  EXPECT_EQ(c.Get(NodeId{19'999}).retval, 5);
  EXPECT_EQ(c.Get(NodeId{8}).retval, 0);
  // Many: every other node, past the point where a vector is cheaper.
  for (uint32_t i = 0; i < kNodes; i += 2) {
    c.AddCount(NodeId{i}, i);
  }
  for (uint32_t i = 0; i < kNodes; ++i) {
    ASSERT_EQ(c.Get(NodeId{i}).count, i % 2 == 0 ? 1 + i : 1) << i;
  }
  EXPECT_EQ(c.Get(NodeId{7}).retval, -2);
  EXPECT_EQ(c.Get(NodeId{19'999}).retval, 5);
}

// Compacts |c| (made of |all|) by |remap| and checks every kept node, its
// links renumbered.
void CompactAndExpect(const std::vector<NodeId>& remap, uint32_t kept,
                      const std::vector<CallNode>& all, NodeColumns* c) {
  c->Compact(remap, kept);
  ASSERT_EQ(c->size(), kept);
  auto renumber = [&](NodeId id) {
    return id.is_none() ? id : remap[id.value];
  };
  for (uint32_t i = 0; i < remap.size(); ++i) {
    if (remap[i].is_none()) continue;
    SCOPED_TRACE(i);
    CallNode want = all[i];
    want.parent = renumber(want.parent);
    want.first_child = renumber(want.first_child);
    want.next_sibling = renumber(want.next_sibling);
    ExpectSame(want, c->Get(remap[i]));
  }
}

TEST(NodeColumnsTest, LinkSettersReplaceEscapedLinks) {
  NodeColumns c;
  for (int i = 0; i < 3; ++i) c.Append(CallNode{});
  NodeId a{0}, b{1}, c2{2};
  c.SetParent(a, c2);  // adopted: a parent after its child
  c.SetFirstChild(c2, a);
  c.SetNextSibling(a, b);
  c.SetNextSibling(b, NodeId{1'000'000});
  c.SetParent(b, NodeId{NodeId::kNoneValue - 1});
  c.SetFirstChild(a, a);  // never made, but exact
  EXPECT_EQ(c.parent(a), c2);
  EXPECT_EQ(c.first_child(c2), a);
  EXPECT_EQ(c.next_sibling(a), b);
  EXPECT_EQ(c.next_sibling(b), NodeId{1'000'000});
  EXPECT_EQ(c.parent(b), NodeId{NodeId::kNoneValue - 1});
  EXPECT_EQ(c.first_child(a), a);
  c.SetNextSibling(b, NodeId::None());
  c.SetParent(b, a);
  c.SetFirstChild(a, NodeId{40'000});
  EXPECT_TRUE(c.next_sibling(b).is_none());
  EXPECT_EQ(c.parent(b), a);
  EXPECT_EQ(c.first_child(a), NodeId{40'000});
  EXPECT_TRUE(c.parent(c2).is_none());
}

TEST(NodeColumnsTest, CompactMovesEveryColumnAndRenumbersLinks) {
  NodeColumns c;
  std::vector<CallNode> all;
  const uint32_t kNodes = 1000;
  for (uint32_t i = 0; i < kNodes; ++i) {
    all.push_back(WildNode(i));
    all.back().parent = NodeId::None();
    all.back().first_child = NodeId::None();
    all.back().next_sibling = NodeId::None();
    // A chain of kept nodes i -> i + 3 when both are kept (i % 3 != 1).
    if (i % 3 != 1 && i + 3 < kNodes) {
      all.back().first_child = NodeId{i + 3};
      all.back().next_sibling = NodeId{i + 3};
    }
    if (i >= 3 && i % 3 != 1) all.back().parent = NodeId{i - 3};
    c.Append(all.back());
  }
  std::vector<NodeId> remap(kNodes, NodeId::None());
  uint32_t kept = 0;
  for (uint32_t i = 0; i < kNodes; ++i) {
    if (i % 3 != 1) remap[i] = NodeId{kept++};
  }
  CompactAndExpect(remap, kept, all, &c);
  // Appending after a compaction starts from clean escapes.
  NodeId id = c.Append(CallNode{});
  ExpectSame(CallNode{}, c.Get(id));
}

// Links are distances, so every moved node's are encoded anew: far ones
// that come near, far ones that stay far, escaped nodes moving into the
// slots of escaped or near ones, links to removed nodes.
TEST(NodeColumnsTest, CompactReencodesLinksOfMovedNodes) {
  NodeColumns c;
  const uint32_t kNodes = 150'000;
  std::vector<CallNode> all;
  for (uint32_t i = 0; i < kNodes; ++i) {
    CallNode n;
    n.line = i + 1;
    n.parent = WildLink(i, 0);
    n.first_child = WildLink(i, 1);
    n.next_sibling = WildLink(i, 2);
    for (NodeId* link : {&n.parent, &n.first_child, &n.next_sibling}) {
      if (!link->is_none() && link->value >= kNodes) *link = NodeId{i / 2};
    }
    all.push_back(n);
    c.Append(n);
  }
  // Blocks of 20k removed every 40k, and every 7th node besides.
  std::vector<NodeId> remap(kNodes, NodeId::None());
  uint32_t kept = 0;
  for (uint32_t i = 0; i < kNodes; ++i) {
    if (i / 20'000 % 2 == 0 && i % 7 != 3) remap[i] = NodeId{kept++};
  }
  CompactAndExpect(remap, kept, all, &c);
  NodeId id = c.Append(CallNode{});
  ExpectSame(CallNode{}, c.Get(id));
}

}  // namespace
}  // namespace ftriage::analysis
