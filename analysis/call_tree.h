#ifndef FTRIAGE_ANALYSIS_CALL_TREE_H_
#define FTRIAGE_ANALYSIS_CALL_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/call_node.h"
#include "analysis/cpu_set.h"
#include "analysis/node_columns.h"
#include "core/event.h"
#include "core/ids.h"
#include "core/string_pool.h"

namespace ftriage::analysis {

struct CompactionPlan;
struct ForestRemap;

// One task (or one CPU, when the trace names no task) and its root calls in
// input order.
struct Thread {
  StringId comm = StringId::None();
  int32_t pid = -1;  // -1 when keyed by CPU
  int32_t tgid = -1;
  int32_t cpu = -1;  // the CPU this thread stands for when pid is -1
  std::vector<NodeId> roots;
  LineNo first_line = 0;
  // Taken out by a streaming filter (forest_compaction.h): counted, not
  // stored.
  uint64_t removed_roots = 0;
  uint64_t removed_calls = 0;

  bool operator==(const Thread&) const = default;
};

// A syscall seen through sys_enter/sys_exit events (or their comment form).
struct SyscallRecord {
  uint32_t thread = 0;
  StringId name;                     // "bpf"
  StringId args = StringId::None();  // "cmd: 0, uattr: ..", None if not seen
  LineNo enter_line = 0;
  LineNo exit_line = 0;
  bool has_retval = false;
  int64_t retval = 0;
  NodeId root = NodeId::None();  // the handler call it wraps, if traced
  FileId file = FileId::None();

  bool operator==(const SyscallRecord&) const = default;
};

// A non-call record kept at its place in a thread: trace_printk and marker
// messages, tracepoints, lost events.
struct Marker {
  uint32_t thread = 0;
  NodeId parent = NodeId::None();  // innermost open call, None at top level
  EventKind kind = EventKind::kMessage;
  StringId name = StringId::None();  // tracepoint name
  StringId text = StringId::None();
  int64_t count = -1;  // kLost
  FileId file = FileId::None();
  LineNo line = 0;

  bool operator==(const Marker&) const = default;
};

// Forward iteration over a node's children: for (NodeId c : f.children(id)).
class ChildRange {
 public:
  class Iterator {
   public:
    Iterator(const NodeColumns* nodes, NodeId id) : nodes_(nodes), id_(id) {}
    NodeId operator*() const { return id_; }
    Iterator& operator++() {
      id_ = nodes_->next_sibling(id_);
      return *this;
    }
    bool operator==(const Iterator& o) const { return id_ == o.id_; }

   private:
    const NodeColumns* nodes_;
    NodeId id_;
  };
  ChildRange(const NodeColumns* nodes, NodeId first)
      : nodes_(nodes), first_(first) {}
  Iterator begin() const { return {nodes_, first_}; }
  Iterator end() const { return {nodes_, NodeId::None()}; }

 private:
  const NodeColumns* nodes_;
  NodeId first_;
};

// All calls of one trace in columns (node_columns.h); nodes refer to each
// other by NodeId, never by pointer, so the columns can grow and two forests
// can be compared by index. node() materializes a copy. Names are interned in a
// StringPool owned by the caller (shared between the runs being compared).
// Normalized names and syscall names are computed once per distinct raw name.
class CallForest {
 public:
  explicit CallForest(StringPool* strings) : strings_(strings) {}

  // Appends |node| unlinked (its links are ignored).
  NodeId AddNode(const CallNode& node);
  // Room for |n| nodes (an estimate from the input size).
  void Reserve(size_t n) { nodes_.Reserve(n); }
  // Makes |child| the last child of |parent| (or a root of its thread),
  // after |last|, the parent's last child so far (None: it has none). The
  // forest keeps no last children, 2 bytes a node: whoever builds it knows
  // which calls still get children and keeps theirs.
  void Attach(NodeId parent, NodeId last, NodeId child);
  // AddNode and Attach in one step, for the builder's hot path (the links
  // are packed once): |node| becomes the last child of node.parent (a root
  // of its thread if None) after |last|, as for Attach. Its other links
  // must be None.
  NodeId AddAttached(const CallNode& node, NodeId last);
  // Moves the last |count| roots of |thread| under |parent|, which has no
  // children yet.
  void AdoptTrailingRoots(uint32_t thread, size_t count, NodeId parent);
  // Moves the children of |from| after |after| (None: all) under |to|, which
  // has no children yet; |after| becomes the last child of |from|.
  void AdoptChildrenAfter(NodeId from, NodeId after, NodeId to);

  // The whole record; loops that read a few fields use the accessors below.
  CallNode node(NodeId id) const { return nodes_.Get(id); }
  // One field of node(id), without decoding the others.
  StringId func(NodeId id) const { return nodes_.func(id); }
  NodeId parent(NodeId id) const { return nodes_.parent(id); }
  NodeId first_child(NodeId id) const { return nodes_.first_child(id); }
  NodeId next_sibling(NodeId id) const { return nodes_.next_sibling(id); }
  uint32_t thread(NodeId id) const { return nodes_.thread(id); }
  LineNo line(NodeId id) const { return nodes_.line(id); }
  uint16_t flags(NodeId id) const { return nodes_.flags(id); }
  int32_t depth(NodeId id) const { return nodes_.depth(id); }
  int32_t cpu(NodeId id) const { return nodes_.cpu(id); }
  int64_t duration_ns(NodeId id) const { return nodes_.duration_ns(id); }
  RetKind ret_kind(NodeId id) const { return nodes_.ret_kind(id); }
  int64_t retval(NodeId id) const { return nodes_.retval(id); }
  uint32_t count(NodeId id) const { return nodes_.count(id); }
  size_t size() const { return nodes_.size(); }
  ChildRange children(NodeId id) const {
    return {&nodes_, nodes_.first_child(id)};
  }

  // What the builder learns of a node after adding it.
  void AddFlags(NodeId id, uint16_t flags) { nodes_.AddFlags(id, flags); }
  void ClearFlags(NodeId id, uint16_t flags) { nodes_.ClearFlags(id, flags); }
  void SetDepth(NodeId id, int32_t depth) { nodes_.SetDepth(id, depth); }
  void SetExitLine(NodeId id, LineNo line) { nodes_.SetExitLine(id, line); }
  void SetEnterNs(NodeId id, int64_t ns) { nodes_.SetEnterNs(id, ns); }
  void SetDuration(NodeId id, int64_t ns) { nodes_.SetDuration(id, ns); }
  // Also sets kHasRetval.
  void SetRetval(NodeId id, RetKind kind, int64_t value) {
    nodes_.SetRetval(id, kind, value);
  }
  void AddCount(NodeId id, uint32_t n) { nodes_.AddCount(id, n); }

  std::vector<Thread>& threads() { return threads_; }
  const std::vector<Thread>& threads() const { return threads_; }
  std::vector<SyscallRecord>& syscalls() { return syscalls_; }
  const std::vector<SyscallRecord>& syscalls() const { return syscalls_; }
  // Arguments printed with a call (funcgraph-args, func-args, retsnoop).
  void SetArgs(NodeId id, StringId args) { args_[id] = args; }
  StringId args(NodeId id) const {
    auto it = args_.find(id);
    return it == args_.end() ? StringId::None() : it->second;
  }

  std::vector<Marker>& markers() { return markers_; }
  const std::vector<Marker>& markers() const { return markers_; }

  StringPool& strings() const { return *strings_; }
  std::string_view name(StringId id) const { return strings_->Get(id); }
  // "validate_xmit_skb.isra.1" -> "validate_xmit_skb"; None() for None().
  StringId Normalized(StringId raw) const;
  // "__x64_sys_bpf" -> "bpf"; None() when not a syscall entry point.
  StringId SyscallOf(StringId raw) const;

  // What streaming filters took out besides Thread::removed_*: counted, not
  // stored.
  struct Removed {
    uint64_t syscalls = 0;  // records of removed handler calls
    CpuSet cpus;            // the CPUs removed calls ran on
  };
  const Removed& removed() const { return removed_; }

 private:
  // Removes calls a streaming filter ruled out (forest_compaction.h).
  friend void CompactForest(const CompactionPlan& plan, CallForest* forest,
                            ForestRemap* remap);

  struct NameInfo {
    StringId normalized = StringId::None();  // None: not computed yet
    StringId syscall = StringId::None();
  };
  const NameInfo& Info(StringId raw) const;
  // The parent's (or thread's) side of Attach: |child| after |last|.
  void LinkAsLast(NodeId parent, NodeId last, NodeId child);

  StringPool* strings_;
  NodeColumns nodes_;
  std::vector<Thread> threads_;
  std::vector<SyscallRecord> syscalls_;
  std::vector<Marker> markers_;
  std::unordered_map<NodeId, StringId> args_;
  // By raw name id: a tree asks once per line.
  mutable std::vector<NameInfo> names_;
  Removed removed_;
};

// A call's name as printed: "-" for None, "?" when the trace printed none.
std::string CallName(const CallForest& f, NodeId id);

// The errno |n| returned (positive), 0 if it printed no value or one that
// is not an errno (-4095..-1, or a 32-bit int in 0xfffff001..0xffffffff);
// pointers, bools and voids never are.
int ErrnoOf(const CallNode& n);
// The same for forest.node(id), reading only the fields it needs.
int ErrnoOf(const CallForest& forest, NodeId id);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CALL_TREE_H_
