#include "analysis/node_columns.h"

namespace ftriage::analysis {
namespace {

using ThreadPacking = Packing<uint16_t, 0>;
using CpuPacking = Packing<uint8_t, -1>;
using DepthPacking = Packing<int16_t, 0>;

}  // namespace

NodeId NodeColumns::Append(const CallNode& node) {
  uint32_t i = static_cast<uint32_t>(rows_.size());
  // Filled in place: a record put together on the stack and copied was
  // read back 16 bytes at a time from its 2-byte stores, which stalls
  // store forwarding (a third of this function's time under perf).
  NodeRecord& r = rows_.emplace_back();
  r.func = node.func;
  r.parent = LinkPacking::Pack(i, node.parent, &parent_escapes_);
  r.first_child = LinkPacking::Pack(i, node.first_child, &first_child_escapes_);
  r.next_sibling =
      LinkPacking::Pack(i, node.next_sibling, &next_sibling_escapes_);
  r.thread = ThreadPacking::Pack(i, node.thread, &thread_escapes_);
  r.line = node.line;
  r.flags = node.flags;
  r.exit_line =
      NearPacking::Pack(i, node.exit_line, node.line, 0, &exit_escapes_);
  r.ret_kind = node.ret_kind;
  r.cpu = CpuPacking::Pack(i, node.cpu, &cpu_escapes_);
  r.depth = DepthPacking::Pack(i, node.depth, &depth_escapes_);
  size_t capacity = rows_.capacity();
  file_.Init(i, node.file, capacity);
  count_.Init(i, node.count, capacity);
  enter_ns_.Init(i, node.enter_ns, capacity);
  duration_ns_.Init(i, node.duration_ns, capacity);
  retval_.Init(i, node.retval, capacity);
  return NodeId{i};
}

void NodeColumns::SetDepth(NodeId id, int32_t depth) {
  NodeRecord& r = rows_[id.value];
  r.depth = DepthPacking::Repack(id.value, depth, r.depth, &depth_escapes_);
}

void NodeColumns::SetExitLine(NodeId id, LineNo line) {
  NodeRecord& r = rows_[id.value];
  r.exit_line = NearPacking::Repack(id.value, line, r.line, 0, r.exit_line,
                                    &exit_escapes_);
}

void NodeColumns::SetRetval(NodeId id, RetKind kind, int64_t value) {
  NodeRecord& r = rows_[id.value];
  r.ret_kind = kind;
  r.flags |= kHasRetval;
  retval_.Set(id.value, value, rows_.capacity());
}

void NodeColumns::AddCount(NodeId id, uint32_t n) {
  count_.Set(id.value, count_.Get(id.value) + n, rows_.capacity());
}

void NodeColumns::Compact(std::span<const NodeId> remap, size_t kept) {
  auto renumber = [&](NodeId id) {
    return id.is_none() ? id : remap[id.value];
  };
  size_t capacity = rows_.capacity();
  // Kept nodes only move down, so one forward pass moves them in place.
  for (uint32_t i = 0; i < remap.size(); ++i) {
    NodeId to = remap[i];
    if (to.is_none()) continue;
    NodeRecord r = rows_[i];
    NodeRecord replaced = rows_[to.value];
    // Links are distances: each is re-encoded from the new position.
    NodeId from{i};
    r.parent = LinkPacking::Repack(to.value, renumber(parent(from)),
                                   replaced.parent, &parent_escapes_);
    r.first_child =
        LinkPacking::Repack(to.value, renumber(first_child(from)),
                            replaced.first_child, &first_child_escapes_);
    r.next_sibling =
        LinkPacking::Repack(to.value, renumber(next_sibling(from)),
                            replaced.next_sibling, &next_sibling_escapes_);
    rows_[to.value] = r;
    // A node that stays where it is keeps its other columns: the calls
    // kept by earlier compactions are at the front, and are not moved
    // (with their escape entries) again on every later one.
    if (to.value == i) continue;
    thread_escapes_.Move(i, to.value, r.thread == ThreadPacking::kEscape,
                         replaced.thread == ThreadPacking::kEscape);
    cpu_escapes_.Move(i, to.value, r.cpu == CpuPacking::kEscape,
                      replaced.cpu == CpuPacking::kEscape);
    depth_escapes_.Move(i, to.value, r.depth == DepthPacking::kEscape,
                        replaced.depth == DepthPacking::kEscape);
    exit_escapes_.Move(i, to.value, r.exit_line == NearPacking::kEscape,
                       replaced.exit_line == NearPacking::kEscape);
    file_.Set(to.value, file_.Get(i), capacity);
    count_.Set(to.value, count_.Get(i), capacity);
    duration_ns_.Move(i, to.value, capacity);
    retval_.Move(i, to.value, capacity);
  }
  rows_.resize(kept);
  parent_escapes_.Truncate(kept);
  first_child_escapes_.Truncate(kept);
  next_sibling_escapes_.Truncate(kept);
  thread_escapes_.Truncate(kept);
  cpu_escapes_.Truncate(kept);
  depth_escapes_.Truncate(kept);
  exit_escapes_.Truncate(kept);
  file_.Truncate(kept);
  count_.Truncate(kept);
  enter_ns_.Compact(remap, kept, capacity);
  duration_ns_.Truncate(kept);
  retval_.Truncate(kept);
}

}  // namespace ftriage::analysis
