#ifndef FTRIAGE_ANALYSIS_CALL_NODE_H_
#define FTRIAGE_ANALYSIS_CALL_NODE_H_

#include <cstdint>

#include "core/event.h"
#include "core/ids.h"

namespace ftriage::analysis {

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

// One call as readers see it. The forest does not store this struct: it
// keeps its fields in columns (node_columns.h) and materializes a copy.
struct CallNode {
  StringId func;  // as printed, module suffix and compiler suffixes kept
  NodeId parent = NodeId::None();
  NodeId first_child = NodeId::None();
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

  bool operator==(const CallNode&) const = default;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CALL_NODE_H_
