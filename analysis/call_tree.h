#ifndef FTRIAGE_ANALYSIS_CALL_TREE_H_
#define FTRIAGE_ANALYSIS_CALL_TREE_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/event.h"
#include "core/huge_page_allocator.h"
#include "core/ids.h"
#include "core/page_prefaulter.h"
#include "core/string_pool.h"

namespace ftriage::analysis {

struct CompactionPlan;
struct ForestRemap;

// Bits of CallNode::flags: what the trace showed of this call, and what not.
enum CallFlags : uint16_t {
  kEntryMissing = 1 << 0,       // saw the return only: entry before the trace
  kExitMissing = 1 << 1,        // saw the entry only: trace ended or lost it
  kHasRetval = 1 << 2,          // ret_kind/retval are valid
  kLostInside = 1 << 3,         // events were lost while this call was open
  kInIrq = 1 << 4,              // ran between irq markers
  kRetvalFromSyscall = 1 << 5,  // retval taken from a sys_exit event
  kNameUnknown = 1 << 6,        // synthesized for a bare "}": name not printed
  kHitOnly = 1 << 7,            // function tracer hit: no exit, no duration
  kFromStack = 1 << 8,          // merged from stack traces; |count| of them
  kCallerOnly = 1 << 9,         // only named as a "<-parent" of function hits
  kOrderUnknown = 1 << 10,      // a return probe: the log gives no call order
  kInlined = 1 << 11,           // an inlined frame (retsnoop)
  kSyscallEvents = 1 << 12,     // made from sys_enter/sys_exit events
};

struct CallNode {
  StringId func;  // as printed, module suffix and compiler suffixes kept
  NodeId parent = NodeId::None();
  NodeId first_child = NodeId::None();
  NodeId last_child = NodeId::None();
  NodeId next_sibling = NodeId::None();
  uint32_t thread = 0;  // index into CallForest::threads()
  FileId file = FileId::None();
  LineNo line = 0;       // entry line; the exit line if the entry is missing
  LineNo exit_line = 0;  // 0 when no exit was seen or the call was a leaf
  uint16_t flags = 0;
  uint32_t count = 1;  // calls merged into this node (stacks, edges)
  RetKind ret_kind = RetKind::kNone;
  int32_t depth = -1;        // printed depth; -1 unknown
  int32_t cpu = -1;          // CPU of the entry
  int64_t enter_ns = -1;     // -1 if the trace has no timestamps
  int64_t duration_ns = -1;  // -1 if unknown
  int64_t retval = 0;        // valid iff flags & kHasRetval
};

// One task (or one CPU, when the trace names no task) and its root calls in
// input order.
struct Thread {
  StringId comm = StringId::None();
  int32_t pid = -1;  // -1 when keyed by CPU
  int32_t tgid = -1;
  int32_t cpu = -1;  // the CPU this thread stands for when pid is -1
  std::vector<NodeId> roots;
  LineNo first_line = 0;
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
};

// The node arena: huge pages, as first-touching it was half of the parse.
using NodeVector = std::vector<CallNode, HugePageAllocator<CallNode>>;

// Forward iteration over a node's children: for (NodeId c : f.children(id)).
class ChildRange {
 public:
  class Iterator {
   public:
    Iterator(const NodeVector* nodes, NodeId id) : nodes_(nodes), id_(id) {}
    NodeId operator*() const { return id_; }
    Iterator& operator++() {
      id_ = (*nodes_)[id_.value].next_sibling;
      return *this;
    }
    bool operator==(const Iterator& o) const { return id_ == o.id_; }

   private:
    const NodeVector* nodes_;
    NodeId id_;
  };
  ChildRange(const NodeVector* nodes, NodeId first)
      : nodes_(nodes), first_(first) {}
  Iterator begin() const { return {nodes_, first_}; }
  Iterator end() const { return {nodes_, NodeId::None()}; }

 private:
  const NodeVector* nodes_;
  NodeId first_;
};

// All calls of one trace in one flat arena; nodes refer to each other by
// NodeId, never by pointer, so the arena can grow and two forests can be
// compared by index. Names are interned in a StringPool owned by the caller
// (shared between the runs being compared). Normalized names and syscall
// names are computed once per distinct raw name.
class CallForest {
 public:
  explicit CallForest(StringPool* strings) : strings_(strings) {}

  NodeId AddNode(const CallNode& node);
  // Room for |n| nodes (an estimate from the input size). A big arena is
  // faulted in ahead of AddNode() on a second core (PagePrefaulter).
  void Reserve(size_t n);
  // Makes |child| the last child of |parent| (or a root of its thread).
  void Attach(NodeId parent, NodeId child);
  // Moves the last |count| roots of |thread| under |parent|.
  void AdoptTrailingRoots(uint32_t thread, size_t count, NodeId parent);
  // Moves the children of |from| after |after| (None: all) under |to|.
  void AdoptChildrenAfter(NodeId from, NodeId after, NodeId to);

  const CallNode& node(NodeId id) const { return nodes_[id.value]; }
  CallNode& mutable_node(NodeId id) { return nodes_[id.value]; }
  size_t size() const { return nodes_.size(); }
  ChildRange children(NodeId id) const {
    return {&nodes_, nodes_[id.value].first_child};
  }

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

 private:
  // Removes calls a streaming filter ruled out (forest_compaction.h).
  friend ForestRemap CompactForest(const CompactionPlan& plan,
                                   CallForest* forest);

  struct NameInfo {
    StringId normalized;
    StringId syscall;
  };
  const NameInfo& Info(StringId raw) const;

  StringPool* strings_;
  NodeVector nodes_;
  // Faults in nodes_'s block ahead of AddNode(); reset before it moves.
  std::unique_ptr<PagePrefaulter> prefaulter_;
  std::vector<Thread> threads_;
  std::vector<SyscallRecord> syscalls_;
  std::vector<Marker> markers_;
  std::unordered_map<NodeId, StringId> args_;
  mutable std::unordered_map<StringId, NameInfo> names_;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CALL_TREE_H_
