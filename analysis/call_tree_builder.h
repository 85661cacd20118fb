#ifndef FTRIAGE_ANALYSIS_CALL_TREE_BUILDER_H_
#define FTRIAGE_ANALYSIS_CALL_TREE_BUILDER_H_

#include <unordered_map>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/forest_compaction.h"
#include "core/diagnostics.h"
#include "parser/trace_reader.h"

namespace ftriage::analysis {

// Turns the event stream of one or more files into per-task call trees,
// repairing what tracing breaks:
// - Interleaved CPUs: nesting is rebuilt per task (pid), or per CPU when the
//   trace names no task; a task-switch banner tells which task runs on a
//   CPU, and the first banner names the task that ran before it.
// - Depth is the primary key: the printed depth is the task's absolute call
//   depth, so an exit closes the open call at its depth even after lost
//   events; deeper calls left open lost their exits (kExitMissing).
// - A "}" with no open call at its depth (the trace started inside it, or
//   its entry was lost) becomes a synthesized call (kEntryMissing) that
//   adopts the deeper calls just before it, so a trace that starts
//   mid-stack still forms one tree.
// - Lost events and "buffer started" mark the open calls of that CPU's task
//   (kLostInside); calls still open at the end get kExitMissing.
// - A sys_exit event sets the return value of the syscall handler call it
//   closes (kRetvalFromSyscall).
// - Function tracer input: a stack trace is merged, outermost frame first,
//   into a per-task tree with counts (the hit that produced it is part of
//   it); other hits become caller -> callee edges with counts. With
//   syscall nodes on, sys_enter/sys_exit make a node that holds the hits and
//   stacks of the task in between.
// - Return probes (bcc) are calls of unknown order, flagged as such.
// Repairs are reported to the DiagnosticSink, once per task and kind.
class CallTreeBuilder final : public parser::EventSink {
 public:
  CallTreeBuilder(CallForest* forest, DiagnosticSink* diagnostics)
      : forest_(forest), diagnostics_(diagnostics) {}

  void OnEvent(const TraceEvent& e) override;
  // Whether sys_enter/sys_exit events make call nodes (function tracer
  // input) or only annotate the syscall's handler call (function_graph).
  void set_syscall_nodes(bool on) { syscall_nodes_ = on; }
  // Closes what is still open. Call once after the last file.
  void Finish();

  // For removing finished calls while reading (early_filter.h):
  // whether |root| of |thread| is still open (more calls may go under it).
  bool IsOpen(uint32_t thread, NodeId root) const;
  // False once function tracer hits were merged: merged nodes keep counting
  // until the end of the trace, so no call is ever finished.
  bool CanCompact() const { return merged_.empty(); }
  // Rewrites the NodeIds and record indexes held here after CompactForest.
  void Remap(const ForestRemap& remap);

 private:
  struct OpenCall {
    NodeId id;
    int32_t depth;
    NodeId last_child = NodeId::None();
    // Its last child one level down: the calls after it are the deeper ones
    // an unmatched return adopts (found in O(1), not by a scan).
    NodeId last_normal_child = NodeId::None();
  };
  struct ThreadState {
    std::vector<OpenCall> stack;
    bool reported_unmatched = false;
    bool reported_mismatch = false;
    size_t open_syscall = SIZE_MAX;        // index into forest syscalls
    NodeId syscall_node = NodeId::None();  // open node of syscall events
    // The last function hit, held back because the stack trace that
    // follows it (func_stack_trace) already contains it.
    bool has_pending_hit = false;
    TraceEvent pending_hit;  // text/frames cleared: they die with the line
    StringId pending_args = StringId::None();
  };
  struct CpuState {
    int64_t thread = -1;  // thread running there, -1 unknown
    bool in_irq = false;
  };

  uint32_t ThreadFor(const TraceEvent& e);
  uint32_t NewThread(int32_t pid, StringId comm, int32_t cpu, LineNo line);
  // The state of |cpu|, made on first use. Inline: most events look up
  // their CPU, one of the first few thousand.
  CpuState& Cpu(int32_t cpu) {
    if (static_cast<uint32_t>(cpu) < cpus_.size()) return cpus_[cpu];
    return CpuBeyondDense(cpu);
  }
  // Cpu() for a CPU past cpus_: grows it, or for a CPU outside its range
  // (negative, or kDenseCpus and up) looks in sparse_cpus_.
  CpuState& CpuBeyondDense(int32_t cpu);
  // The call |e| starts in |thread|, unlinked and not stored yet.
  CallNode CallOf(const TraceEvent& e, uint32_t thread);
  NodeId NewCall(const TraceEvent& e, uint32_t thread);
  // Pops open calls deeper than |depth| (or at |depth| if |inclusive|).
  void CloseDeeper(uint32_t thread, int32_t depth, bool inclusive);
  void OnCall(const TraceEvent& e, uint32_t thread);
  void OnExit(const TraceEvent& e, uint32_t thread);
  void OnUnmatchedExit(const TraceEvent& e, uint32_t thread);
  // Attaches |id| under the innermost open call of |thread| (or as a root).
  void AttachToOpen(uint32_t thread, NodeId id);
  // Stores |n| (unlinked) attached as AttachToOpen would: one step.
  NodeId AddUnderOpen(uint32_t thread, CallNode* n);
  // |child|, at |depth|, is the new last child of |open|.
  static void NoteChild(OpenCall* open, NodeId child, int32_t depth);
  // Attaches |id| under |parent|, a call off the open stacks (None: a root).
  void AttachOffStack(NodeId parent, NodeId id);
  void SetReturn(const TraceEvent& e, NodeId id);
  void OnSyscall(const TraceEvent& e, uint32_t thread);
  void OnSyscallNode(const TraceEvent& e, uint32_t thread);
  void LinkSyscallHandler(SyscallRecord* r, uint32_t thread);
  void OnFunctionHit(const TraceEvent& e, uint32_t thread);
  // Inline: every event of a thread checks, function tracer hits are held.
  void FlushPendingHit(uint32_t thread) {
    if (states_[thread].has_pending_hit) MergePendingHit(thread);
  }
  void MergePendingHit(uint32_t thread);
  void OnStack(const TraceEvent& e, uint32_t thread);
  void OnReturnProbe(const TraceEvent& e, uint32_t thread);
  // The child of |parent| (a root of |thread| if None) whose normalized name
  // is that of |func|, created from |e| if missing; its count goes up.
  NodeId MergeChild(NodeId parent, uint32_t thread, StringId func,
                    const TraceEvent& e, uint16_t flags);
  void OnTaskSwitch(const TraceEvent& e);
  void OnDataLoss(const TraceEvent& e);
  void AddMarker(const TraceEvent& e, uint32_t thread);
  void Report(DiagCode code, const TraceEvent& e, std::string message);

  CallForest* forest_;
  DiagnosticSink* diagnostics_;
  std::vector<ThreadState> states_;
  std::unordered_map<int32_t, uint32_t> thread_by_pid_;
  std::unordered_map<int32_t, uint32_t> thread_by_cpu_;
  // Indexed by CPU: a lookup per event. CPUs beyond it (damaged input) or
  // negative go to the map.
  static constexpr int32_t kDenseCpus = 4096;
  std::vector<CpuState> cpus_;
  std::unordered_map<int32_t, CpuState> sparse_cpus_;
  // (parent node or thread, normalized name) -> merged child.
  std::unordered_map<uint64_t, NodeId> merged_;
  // The last children of the calls off the open stacks that get children
  // (function tracer input): syscall event nodes while open, merged nodes.
  std::unordered_map<NodeId, NodeId> last_child_off_stack_;
  bool syscall_nodes_ = false;
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_CALL_TREE_BUILDER_H_
