#ifndef FTRIAGE_ANALYSIS_NODE_COLUMNS_H_
#define FTRIAGE_ANALYSIS_NODE_COLUMNS_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "analysis/call_node.h"
#include "analysis/packed_columns.h"

namespace ftriage::analysis {

// What every node has, in 24 bytes: with enter_ns and duration_ns, a call
// of a timed trace takes 32.
struct NodeRecord {
  StringId func;
  LineNo line = 0;
  int16_t parent = LinkPacking::kNone;
  int16_t first_child = LinkPacking::kNone;
  int16_t next_sibling = LinkPacking::kNone;
  uint16_t thread = 0;  // Packing<uint16_t, 0>
  uint16_t flags = 0;
  uint16_t exit_line = 0;  // NearPacking from line
  RetKind ret_kind = RetKind::kNone;
  uint8_t cpu = 0;    // Packing<uint8_t, -1>
  int16_t depth = 0;  // Packing<int16_t, 0>
};
static_assert(sizeof(NodeRecord) == 24);

// The calls of a forest as columns: a NodeRecord per node, and columns that
// take memory only once some node has a value other than the default (a
// trace without timestamps pays nothing for them; one with a few values
// keeps them in a map and a bit per node, lazy_column.h). Values that do not
// fit their narrow codes escape to side maps, so every CallNode field
// round-trips exactly. Per node, in bytes (default):
//   file         4  (FileId{0}: the first input)
//   count        4  (1)
//   enter_ns     4, + 8 per 256 nodes (TimeColumn; -1)
//   duration_ns  4  (-1; 4.29 s or longer escape)
//   retval       4  (0; outside int32, e.g. kernel pointers, escape)
// The forest keeps no last child per node: its builder knows which calls
// still get children and keeps theirs (CallForest::Attach).
class NodeColumns {
 public:
  size_t size() const { return rows_.size(); }
  void Reserve(size_t n) { rows_.reserve(n); }
  // Appends |node| with its links.
  NodeId Append(const CallNode& node);
  CallNode Get(NodeId id) const;

  // One field of Get(id), without decoding the others.
  StringId func(NodeId id) const { return rows_[id.value].func; }
  uint32_t thread(NodeId id) const {
    return static_cast<uint32_t>(Packing<uint16_t, 0>::Unpack(
        id.value, rows_[id.value].thread, thread_escapes_));
  }
  NodeId parent(NodeId id) const {
    return LinkPacking::Unpack(id.value, rows_[id.value].parent,
                               parent_escapes_);
  }
  NodeId first_child(NodeId id) const {
    return LinkPacking::Unpack(id.value, rows_[id.value].first_child,
                               first_child_escapes_);
  }
  NodeId next_sibling(NodeId id) const {
    return LinkPacking::Unpack(id.value, rows_[id.value].next_sibling,
                               next_sibling_escapes_);
  }
  LineNo line(NodeId id) const { return rows_[id.value].line; }
  uint16_t flags(NodeId id) const { return rows_[id.value].flags; }
  RetKind ret_kind(NodeId id) const { return rows_[id.value].ret_kind; }
  int32_t depth(NodeId id) const {
    return static_cast<int32_t>(Packing<int16_t, 0>::Unpack(
        id.value, rows_[id.value].depth, depth_escapes_));
  }
  int32_t cpu(NodeId id) const {
    return static_cast<int32_t>(Packing<uint8_t, -1>::Unpack(
        id.value, rows_[id.value].cpu, cpu_escapes_));
  }
  int64_t duration_ns(NodeId id) const { return duration_ns_.Get(id.value); }
  int64_t retval(NodeId id) const { return retval_.Get(id.value); }
  uint32_t count(NodeId id) const { return count_.Get(id.value); }
  void SetParent(NodeId id, NodeId v) {
    int16_t& code = rows_[id.value].parent;
    code = LinkPacking::Repack(id.value, v, code, &parent_escapes_);
  }
  void SetFirstChild(NodeId id, NodeId v) {
    int16_t& code = rows_[id.value].first_child;
    code = LinkPacking::Repack(id.value, v, code, &first_child_escapes_);
  }
  void SetNextSibling(NodeId id, NodeId v) {
    int16_t& code = rows_[id.value].next_sibling;
    code = LinkPacking::Repack(id.value, v, code, &next_sibling_escapes_);
  }

  void AddFlags(NodeId id, uint16_t flags) { rows_[id.value].flags |= flags; }
  void ClearFlags(NodeId id, uint16_t flags) {
    rows_[id.value].flags &= static_cast<uint16_t>(~flags);
  }
  void SetDepth(NodeId id, int32_t depth);
  void SetExitLine(NodeId id, LineNo line);
  void SetEnterNs(NodeId id, int64_t ns) {
    enter_ns_.Set(id.value, ns, rows_.capacity());
  }
  void SetDuration(NodeId id, int64_t ns) {
    duration_ns_.Set(id.value, ns, rows_.capacity());
  }
  // Also sets kHasRetval.
  void SetRetval(NodeId id, RetKind kind, int64_t value);
  void AddCount(NodeId id, uint32_t n);

  // Moves each node i to remap[i] <= i (None: dropped), renumbering links;
  // |kept| nodes stay.
  void Compact(std::span<const NodeId> remap, size_t kept);

 private:
  HugeVector<NodeRecord> rows_;
  Escapes parent_escapes_;
  Escapes first_child_escapes_;
  Escapes next_sibling_escapes_;
  Escapes thread_escapes_;
  Escapes cpu_escapes_;
  Escapes depth_escapes_;
  Escapes exit_escapes_;
  LazyColumn<FileId> file_{FileId{0}};
  LazyColumn<uint32_t> count_{1};
  TimeColumn enter_ns_;
  PackedColumn<uint32_t, -1> duration_ns_;
  PackedColumn<int32_t, 0> retval_;
};

inline CallNode NodeColumns::Get(NodeId id) const {
  uint32_t i = id.value;
  const NodeRecord& r = rows_[i];
  CallNode n;
  n.func = r.func;
  n.parent = parent(id);
  n.first_child = first_child(id);
  n.next_sibling = next_sibling(id);
  n.thread = thread(id);
  n.file = file_.Get(i);
  n.line = r.line;
  n.exit_line = NearPacking::Unpack(i, r.exit_line, r.line, 0, exit_escapes_);
  n.flags = r.flags;
  n.count = count_.Get(i);
  n.ret_kind = r.ret_kind;
  n.depth = depth(id);
  n.cpu = cpu(id);
  n.enter_ns = enter_ns_.Get(i);
  n.duration_ns = duration_ns_.Get(i);
  n.retval = retval_.Get(i);
  return n;
}

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_NODE_COLUMNS_H_
