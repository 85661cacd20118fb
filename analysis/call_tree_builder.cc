#include "analysis/call_tree_builder.h"

#include <string>

namespace ftriage::analysis {
namespace {

bool IsTracerFrame(std::string_view frame) {
  return frame == "[FTRACE TRAMPOLINE]" || frame.starts_with("0x");
}

// What SetReturn stores, for a node not stored yet.
void TakeReturn(const TraceEvent& e, CallNode* n) {
  if (e.ret_kind == RetKind::kNone) return;
  n->flags |= kHasRetval;
  n->ret_kind = e.ret_kind;
  n->retval = e.value;
}

}  // namespace

void CallTreeBuilder::Report(DiagCode code, const TraceEvent& e,
                             std::string message) {
  diagnostics_->Report({code, e.file, e.line, std::move(message)});
}

CallTreeBuilder::CpuState& CallTreeBuilder::CpuBeyondDense(int32_t cpu) {
  if (cpu < 0 || cpu >= kDenseCpus) return sparse_cpus_[cpu];
  size_t i = static_cast<size_t>(cpu);
  if (i >= cpus_.size()) cpus_.resize(i + 1);
  return cpus_[i];
}

uint32_t CallTreeBuilder::NewThread(int32_t pid, StringId comm, int32_t cpu,
                                    LineNo line) {
  Thread t;
  t.pid = pid;
  t.comm = comm;
  t.cpu = pid < 0 ? cpu : -1;
  t.first_line = line;
  forest_->threads().push_back(std::move(t));
  states_.emplace_back();
  return static_cast<uint32_t>(forest_->threads().size() - 1);
}

uint32_t CallTreeBuilder::ThreadFor(const TraceEvent& e) {
  CpuState* cpu = e.cpu >= 0 ? &Cpu(e.cpu) : nullptr;
  int64_t last = cpu != nullptr ? cpu->thread : -1;
  if (e.pid < 0 && last >= 0) return static_cast<uint32_t>(last);
  uint32_t t;
  if (e.pid >= 0) {
    // The task that ran last on the CPU usually runs there again: no hash.
    if (last >= 0 && forest_->threads()[last].pid == e.pid) {
      t = static_cast<uint32_t>(last);
    } else if (auto it = thread_by_pid_.find(e.pid);
               it != thread_by_pid_.end()) {
      t = it->second;
    } else {
      t = NewThread(e.pid, e.comm, e.cpu, e.line);
      thread_by_pid_.emplace(e.pid, t);
    }
    Thread& th = forest_->threads()[t];
    // Usually the same name again: no string lookup.
    if (th.comm != e.comm &&
        (th.comm.is_none() || forest_->name(th.comm).empty())) {
      th.comm = e.comm;
    }
    if (th.tgid < 0) th.tgid = e.tgid;
  } else {
    auto it = thread_by_cpu_.find(e.cpu);
    if (it == thread_by_cpu_.end()) {
      t = NewThread(-1, StringId::None(), e.cpu, e.line);
      thread_by_cpu_.emplace(e.cpu, t);
    } else {
      t = it->second;
    }
  }
  if (cpu != nullptr) cpu->thread = t;
  return t;
}

CallNode CallTreeBuilder::CallOf(const TraceEvent& e, uint32_t thread) {
  CallNode n;
  n.func = e.func;
  n.thread = thread;
  n.file = e.file;
  n.line = e.line;
  n.depth = e.depth;
  n.cpu = e.cpu;
  n.enter_ns = e.timestamp_ns;
  if (e.cpu >= 0 && Cpu(e.cpu).in_irq) n.flags |= kInIrq;
  if (e.flags & kEventInlined) n.flags |= kInlined;
  return n;
}

NodeId CallTreeBuilder::NewCall(const TraceEvent& e, uint32_t thread) {
  return forest_->AddNode(CallOf(e, thread));
}

void CallTreeBuilder::SetReturn(const TraceEvent& e, NodeId id) {
  if (e.ret_kind != RetKind::kNone) forest_->SetRetval(id, e.ret_kind, e.value);
}

void CallTreeBuilder::CloseDeeper(uint32_t thread, int32_t depth,
                                  bool inclusive) {
  auto& stack = states_[thread].stack;
  while (!stack.empty() && (stack.back().depth > depth ||
                            (inclusive && stack.back().depth == depth))) {
    forest_->AddFlags(stack.back().id, kExitMissing);
    stack.pop_back();
  }
}

// Most events of a function_graph trace: the node is made whole, leaf
// duration and return value included, and stored linked, not patched after.
void CallTreeBuilder::OnCall(const TraceEvent& e, uint32_t thread) {
  auto& stack = states_[thread].stack;
  if (e.depth >= 0) CloseDeeper(thread, e.depth, true);
  CallNode n = CallOf(e, thread);
  if (n.depth < 0) n.depth = stack.empty() ? 0 : stack.back().depth + 1;
  bool leaf = e.kind == EventKind::kLeaf;
  if (leaf) {
    n.duration_ns = e.duration_ns;
    TakeReturn(e, &n);
  }
  NodeId id = AddUnderOpen(thread, &n);
  if (!e.text.empty()) forest_->SetArgs(id, forest_->strings().Intern(e.text));
  if (!leaf) stack.push_back({id, n.depth});
}

NodeId CallTreeBuilder::AddUnderOpen(uint32_t thread, CallNode* n) {
  auto& stack = states_[thread].stack;
  if (stack.empty()) return forest_->AddAttached(*n, NodeId::None());
  OpenCall& top = stack.back();
  n->parent = top.id;
  NodeId id = forest_->AddAttached(*n, top.last_child);
  NoteChild(&top, id, n->depth);
  return id;
}

void CallTreeBuilder::AttachToOpen(uint32_t thread, NodeId id) {
  auto& stack = states_[thread].stack;
  if (stack.empty()) {
    forest_->Attach(NodeId::None(), NodeId::None(), id);
    return;
  }
  OpenCall& top = stack.back();
  forest_->Attach(top.id, top.last_child, id);
  NoteChild(&top, id, forest_->depth(id));
}

void CallTreeBuilder::NoteChild(OpenCall* open, NodeId child, int32_t depth) {
  open->last_child = child;
  if (depth <= open->depth + 1) open->last_normal_child = child;
}

void CallTreeBuilder::AttachOffStack(NodeId parent, NodeId id) {
  if (parent.is_none()) {
    forest_->Attach(parent, NodeId::None(), id);
    return;
  }
  NodeId& last = last_child_off_stack_[parent];
  forest_->Attach(parent, last, id);
  last = id;
}

void CallTreeBuilder::OnExit(const TraceEvent& e, uint32_t thread) {
  ThreadState& s = states_[thread];
  if (e.depth >= 0) CloseDeeper(thread, e.depth, false);
  if (s.stack.empty() || (e.depth >= 0 && s.stack.back().depth != e.depth)) {
    OnUnmatchedExit(e, thread);
    return;
  }
  NodeId id = s.stack.back().id;
  StringId func = forest_->func(id);
  if (!e.func.is_none() &&
      forest_->Normalized(e.func) != forest_->Normalized(func)) {
    // "} /* g */" where f is open: f's exit and g's entry were both lost.
    if (!s.reported_mismatch) {
      s.reported_mismatch = true;
      Report(DiagCode::kExitNameMismatch, e,
             "exit of " + std::string(forest_->name(e.func)) +
                 " closes no open call of that name (open: " +
                 std::string(forest_->name(func)) + ", line " +
                 std::to_string(forest_->line(id)) + "): events were lost");
    }
    forest_->AddFlags(id, kExitMissing);
    s.stack.pop_back();
    OnUnmatchedExit(e, thread);
    return;
  }
  forest_->SetExitLine(id, e.line);
  forest_->SetDuration(id, e.duration_ns);
  SetReturn(e, id);
  s.stack.pop_back();
}

void CallTreeBuilder::OnUnmatchedExit(const TraceEvent& e, uint32_t thread) {
  ThreadState& s = states_[thread];
  NodeId id = NewCall(e, thread);
  forest_->AddFlags(id, kEntryMissing);
  if (e.func.is_none()) forest_->AddFlags(id, kNameUnknown);
  forest_->SetExitLine(id, e.line);
  forest_->SetDuration(id, e.duration_ns);
  if (e.timestamp_ns >= 0 && e.duration_ns >= 0) {
    forest_->SetEnterNs(id, e.timestamp_ns - e.duration_ns);
  }
  SetReturn(e, id);
  NodeId parent = s.stack.empty() ? NodeId::None() : s.stack.back().id;
  int32_t depth = e.depth;
  if (depth < 0) {
    forest_->SetDepth(id, s.stack.empty() ? 0 : s.stack.back().depth + 1);
  } else if (parent.is_none()) {
    // Roots deeper than this exit ran inside the call it closes.
    const auto& roots = forest_->threads()[thread].roots;
    size_t count = 0;
    while (count < roots.size() &&
           forest_->depth(roots[roots.size() - 1 - count]) > depth) {
      ++count;
    }
    forest_->AdoptTrailingRoots(thread, count, id);
  } else {
    NodeId after = NodeId::None();
    if (depth == s.stack.back().depth + 1) {
      after = s.stack.back().last_normal_child;
    } else {
      // A gap in the printed depths: rare, scan.
      for (NodeId c : forest_->children(parent)) {
        if (forest_->depth(c) <= depth) after = c;
      }
    }
    forest_->AdoptChildrenAfter(parent, after, id);
    s.stack.back().last_child = after;
  }
  AttachToOpen(thread, id);
  if (!s.reported_unmatched) {
    s.reported_unmatched = true;
    Report(DiagCode::kUnmatchedExit, e,
           "return without a traced entry (the trace starts inside this call "
           "or lost its entry); first of this task");
  }
}

void CallTreeBuilder::OnSyscall(const TraceEvent& e, uint32_t thread) {
  ThreadState& s = states_[thread];
  auto& records = forest_->syscalls();
  if (e.kind == EventKind::kSyscallEnter) {
    SyscallRecord r;
    r.thread = thread;
    r.name = e.func;
    r.args = forest_->strings().Intern(e.text);
    r.enter_line = e.line;
    r.file = e.file;
    s.open_syscall = records.size();
    records.push_back(r);
    if (syscall_nodes_) OnSyscallNode(e, thread);
    return;
  }
  if (s.open_syscall >= records.size() ||
      records[s.open_syscall].name != e.func) {
    SyscallRecord r;
    r.thread = thread;
    r.name = e.func;
    r.file = e.file;
    s.open_syscall = records.size();
    records.push_back(r);
  }
  SyscallRecord& r = records[s.open_syscall];
  s.open_syscall = SIZE_MAX;
  r.exit_line = e.line;
  r.has_retval = e.ret_kind != RetKind::kNone;
  r.retval = e.value;
  if (syscall_nodes_) {
    OnSyscallNode(e, thread);
    r.root = s.syscall_node;
    last_child_off_stack_.erase(s.syscall_node);
    s.syscall_node = NodeId::None();
    return;
  }
  LinkSyscallHandler(&r, thread);
}

void CallTreeBuilder::OnSyscallNode(const TraceEvent& e, uint32_t thread) {
  ThreadState& s = states_[thread];
  if (e.kind == EventKind::kSyscallEnter || s.syscall_node.is_none()) {
    if (!s.syscall_node.is_none()) {
      forest_->AddFlags(s.syscall_node, kExitMissing);
      last_child_off_stack_.erase(s.syscall_node);
    }
    TraceEvent node_event = e;
    node_event.func =
        forest_->strings().Intern("sys_" + std::string(forest_->name(e.func)));
    NodeId id = NewCall(node_event, thread);
    AttachOffStack(NodeId::None(), id);
    forest_->AddFlags(id, kSyscallEvents);
    if (e.kind == EventKind::kSyscallEnter) {
      if (!e.text.empty()) {
        forest_->SetArgs(id, forest_->strings().Intern(e.text));
      }
      forest_->AddFlags(id, kExitMissing);  // until the exit arrives
      s.syscall_node = id;
      return;
    }
    forest_->AddFlags(id, kEntryMissing);
    forest_->SetEnterNs(id, -1);  // the exit's time is not the entry's
    s.syscall_node = id;
  }
  NodeId id = s.syscall_node;
  forest_->ClearFlags(id, kExitMissing);
  forest_->SetExitLine(id, e.line);
  int64_t enter_ns = forest_->node(id).enter_ns;
  if (enter_ns >= 0 && e.timestamp_ns >= enter_ns) {
    forest_->SetDuration(id, e.timestamp_ns - enter_ns);
  }
  SetReturn(e, id);
}

namespace {

// A handler's printed value and the sys_exit value, equal or equal in their
// low 32 bits (a handler printed as int: 0xffffffea for -22).
bool SameReturnValue(int64_t handler, int64_t exit) {
  return handler == exit ||
         static_cast<uint32_t>(handler) == static_cast<uint32_t>(exit);
}

}  // namespace

void CallTreeBuilder::LinkSyscallHandler(SyscallRecord* r, uint32_t thread) {
  ThreadState& s = states_[thread];
  // The handler is the last call at the current level, inside the
  // enter/exit window, whose name is this syscall's entry point.
  auto matches = [&](NodeId id) {
    const CallNode& n = forest_->node(id);
    return n.line > r->enter_line && n.file == r->file &&
           forest_->SyscallOf(n.func) == r->name;
  };
  if (s.stack.empty()) {
    const auto& roots = forest_->threads()[thread].roots;
    for (size_t i = roots.size(); i-- > 0;) {
      if (forest_->line(roots[i]) <= r->enter_line) break;
      if (matches(roots[i])) {
        r->root = roots[i];
        break;
      }
    }
  } else {
    for (NodeId c : forest_->children(s.stack.back().id)) {
      if (matches(c)) r->root = c;
    }
  }
  // A handler that printed another return value ran for another call of
  // the syscall (an exit without its sys_enter reaches back to any earlier
  // handler): linking it would hide this exit's value.
  if (!r->root.is_none() && r->has_retval &&
      (forest_->flags(r->root) & kHasRetval) &&
      !SameReturnValue(forest_->retval(r->root), r->retval)) {
    r->root = NodeId::None();
  }
  if (r->root.is_none() || !r->has_retval) return;
  if (forest_->flags(r->root) & kHasRetval) return;
  forest_->SetRetval(r->root, RetKind::kInteger, r->retval);
  forest_->AddFlags(r->root, kRetvalFromSyscall);
}

NodeId CallTreeBuilder::MergeChild(NodeId parent, uint32_t thread,
                                   StringId func, const TraceEvent& e,
                                   uint16_t flags) {
  StringId key_name = forest_->Normalized(func);
  uint64_t owner =
      parent.is_none() ? (uint64_t{1} << 31) | thread : parent.value;
  uint64_t key = (owner << 32) | key_name.value;
  auto it = merged_.find(key);
  if (it != merged_.end()) {
    forest_->AddCount(it->second, 1);
    return it->second;
  }
  TraceEvent node_event = e;
  node_event.func = func;
  NodeId id = NewCall(node_event, thread);
  forest_->AddFlags(id, flags);
  AttachOffStack(parent, id);
  merged_.emplace(key, id);
  return id;
}

void CallTreeBuilder::OnFunctionHit(const TraceEvent& e, uint32_t thread) {
  FlushPendingHit(thread);
  ThreadState& s = states_[thread];
  s.has_pending_hit = true;
  s.pending_hit = e;
  s.pending_hit.text = {};  // the view dies with the line: intern it
  s.pending_args =
      e.text.empty() ? StringId::None() : forest_->strings().Intern(e.text);
}

void CallTreeBuilder::MergePendingHit(uint32_t thread) {
  ThreadState& s = states_[thread];
  s.has_pending_hit = false;
  const TraceEvent& e = s.pending_hit;
  NodeId id;
  if (!s.syscall_node.is_none()) {
    // Inside a syscall window: hits in call order under the syscall node.
    id = NewCall(e, thread);
    forest_->AddFlags(id, kHitOnly);
    AttachOffStack(s.syscall_node, id);
  } else {
    // caller -> callee edges with counts.
    NodeId caller = NodeId::None();
    if (!e.parent.is_none()) {
      caller = MergeChild(NodeId::None(), thread, e.parent, e,
                          kHitOnly | kCallerOnly);
    }
    id = MergeChild(caller, thread, e.func, e, kHitOnly);
  }
  forest_->AddCount(id, static_cast<uint32_t>(e.value));
  if (!s.pending_args.is_none()) forest_->SetArgs(id, s.pending_args);
}

void CallTreeBuilder::OnStack(const TraceEvent& e, uint32_t thread) {
  ThreadState& s = states_[thread];
  // The innermost frames of a func_stack_trace stack are the tracer's own
  // callback: a trampoline printed as a bare address or "[FTRACE
  // TRAMPOLINE]". They are not calls of the traced task.
  std::span<const StringId> frames = e.frames;
  while (!frames.empty() && IsTracerFrame(forest_->name(frames.front()))) {
    frames = frames.subspan(1);
  }
  if (frames.empty()) {
    FlushPendingHit(thread);
    return;
  }
  // func_stack_trace: the stack's innermost frame is the hit just before.
  if (s.has_pending_hit && forest_->Normalized(s.pending_hit.func) !=
                               forest_->Normalized(frames.front())) {
    FlushPendingHit(thread);
  }
  s.has_pending_hit = false;
  NodeId parent = s.syscall_node;
  for (size_t i = frames.size(); i-- > 0;) {
    parent = MergeChild(parent, thread, frames[i], e, kFromStack | kHitOnly);
  }
}

void CallTreeBuilder::OnReturnProbe(const TraceEvent& e, uint32_t thread) {
  NodeId id = NewCall(e, thread);
  forest_->AddFlags(id, kOrderUnknown | kEntryMissing);
  forest_->SetExitLine(id, e.line);
  SetReturn(e, id);
  AttachOffStack(NodeId::None(), id);
}

void CallTreeBuilder::OnTaskSwitch(const TraceEvent& e) {
  CpuState& c = Cpu(e.cpu);
  auto& threads = forest_->threads();
  // The first banner on a CPU names the task whose lines came before it.
  if (c.thread >= 0 && threads[c.thread].pid < 0 &&
      !thread_by_pid_.contains(e.prev_pid)) {
    Thread& th = threads[c.thread];
    th.pid = e.prev_pid;
    th.comm = e.prev_comm;
    th.cpu = -1;
    thread_by_pid_.emplace(e.prev_pid, static_cast<uint32_t>(c.thread));
    thread_by_cpu_.erase(e.cpu);
  }
  AddMarker(e, ThreadFor(e));  // e.pid is the incoming task
}

void CallTreeBuilder::OnDataLoss(const TraceEvent& e) {
  if (Cpu(e.cpu).thread < 0) return;
  uint32_t thread = static_cast<uint32_t>(Cpu(e.cpu).thread);
  for (const OpenCall& open : states_[thread].stack) {
    forest_->AddFlags(open.id, kLostInside);
  }
  AddMarker(e, thread);
}

void CallTreeBuilder::AddMarker(const TraceEvent& e, uint32_t thread) {
  Marker m;
  m.thread = thread;
  const auto& stack = states_[thread].stack;
  m.parent = stack.empty() ? NodeId::None() : stack.back().id;
  m.kind = e.kind;
  m.name = e.func;
  m.count = e.value;
  m.file = e.file;
  m.line = e.line;
  std::string text(e.text);
  if (e.kind == EventKind::kTaskSwitch) {
    text = std::string(forest_->name(e.prev_comm)) + "-" +
           std::to_string(e.prev_pid) + " => " +
           std::string(forest_->name(e.comm)) + "-" + std::to_string(e.pid);
  } else if (e.kind == EventKind::kStackTrace) {
    for (StringId f : e.frames) {
      if (!text.empty()) text += " <- ";
      text += forest_->name(f);
    }
  } else if (e.kind == EventKind::kFunctionHit && !e.parent.is_none()) {
    text = std::string(forest_->name(e.func)) + " <- " +
           std::string(forest_->name(e.parent));
  }
  m.text = forest_->strings().Intern(text);
  forest_->markers().push_back(m);
}

void CallTreeBuilder::OnEvent(const TraceEvent& e) {
  if (e.kind == EventKind::kTaskSwitch) {
    OnTaskSwitch(e);
    return;
  }
  if (e.kind == EventKind::kIrqEnter || e.kind == EventKind::kIrqExit) {
    if (e.cpu >= 0) Cpu(e.cpu).in_irq = e.kind == EventKind::kIrqEnter;
    return;
  }
  if (e.kind == EventKind::kLost || e.kind == EventKind::kBufferStarted) {
    OnDataLoss(e);
    return;
  }
  uint32_t thread = ThreadFor(e);
  if (e.kind == EventKind::kStackTrace) {
    OnStack(e, thread);
    return;
  }
  FlushPendingHit(thread);
  switch (e.kind) {
    case EventKind::kEntry:
    case EventKind::kLeaf:
      OnCall(e, thread);
      return;
    case EventKind::kExit:
      OnExit(e, thread);
      return;
    case EventKind::kSyscallEnter:
    case EventKind::kSyscallExit:
      OnSyscall(e, thread);
      return;
    case EventKind::kFunctionHit:
      OnFunctionHit(e, thread);
      return;
    case EventKind::kReturnProbe:
      OnReturnProbe(e, thread);
      return;
    case EventKind::kTracepoint:
    case EventKind::kMessage:
    case EventKind::kSummary:
      AddMarker(e, thread);
      return;
    case EventKind::kTaskSwitch:
    case EventKind::kIrqEnter:
    case EventKind::kIrqExit:
    case EventKind::kLost:
    case EventKind::kBufferStarted:
    case EventKind::kStackTrace:
      return;  // handled above
  }
}

bool CallTreeBuilder::IsOpen(uint32_t thread, NodeId root) const {
  if (thread >= states_.size()) return false;
  const ThreadState& s = states_[thread];
  return (!s.stack.empty() && s.stack.front().id == root) ||
         s.syscall_node == root;
}

void CallTreeBuilder::Remap(const ForestRemap& remap) {
  for (ThreadState& s : states_) {
    for (OpenCall& open : s.stack) {
      open.id = remap.Node(open.id);
      open.last_child = remap.Node(open.last_child);
      open.last_normal_child = remap.Node(open.last_normal_child);
    }
    s.syscall_node = remap.Node(s.syscall_node);
    if (s.open_syscall < remap.syscalls.size()) {
      s.open_syscall = remap.syscalls[s.open_syscall];
    }
  }
  // A removed call took its children with it.
  std::unordered_map<NodeId, NodeId> last_child;
  for (auto [parent, child] : last_child_off_stack_) {
    NodeId to = remap.Node(parent);
    if (!to.is_none()) last_child.emplace(to, remap.Node(child));
  }
  last_child_off_stack_ = std::move(last_child);
}

void CallTreeBuilder::Finish() {
  for (uint32_t t = 0; t < states_.size(); ++t) FlushPendingHit(t);
  for (uint32_t t = 0; t < states_.size(); ++t) {
    auto& stack = states_[t].stack;
    if (stack.empty()) continue;
    const CallNode& first = forest_->node(stack.front().id);
    diagnostics_->Report(
        {DiagCode::kUnterminatedCall, first.file, first.line,
         std::to_string(stack.size()) +
             " call(s) still open at the end of the trace (no return seen)"});
    for (const OpenCall& open : stack) {
      forest_->AddFlags(open.id, kExitMissing);
    }
    stack.clear();
  }
}

}  // namespace ftriage::analysis
