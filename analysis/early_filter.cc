#include "analysis/early_filter.h"

#include <utility>

#include "analysis/forest_compaction.h"
#include "analysis/tree_walk.h"

namespace ftriage::analysis {

EarlyFilter EarlyFilter::ForTree(const TreeFilter& filter) {
  EarlyFilter e;
  e.pid = filter.pid;
  e.comm_glob = filter.comm_glob;
  e.cpu = filter.cpu;
  e.root_glob = filter.root_glob;
  e.top_level_markers = ShowsTopLevelMarkers(filter);
  return e;
}

EarlyFilter EarlyFilter::ForErrors(const ErrorOptions& options) {
  EarlyFilter e;
  e.pid = options.pid;
  e.comm_glob = options.comm_glob;
  e.root_glob = options.root_glob;
  e.syscall = options.syscall;
  e.failing_only = true;
  e.top_level_markers = false;  // findings are calls and syscall records
  return e;
}

EarlyFilter EarlyFilter::ForCounts() {
  EarlyFilter e;
  e.counts_only = true;
  return e;
}

bool EarlyFilter::active() const {
  return pid >= 0 || !comm_glob.empty() || cpu >= 0 || !root_glob.empty() ||
         !syscall.empty() || failing_only || counts_only;
}

EarlyFilterSink::EarlyFilterSink(EarlyFilter filter, CallForest* forest,
                                 CallTreeBuilder* builder)
    : filter_(std::move(filter)), forest_(forest), builder_(builder) {}

void EarlyFilterSink::OnEvent(const TraceEvent& e) {
  builder_->OnEvent(e);
  if (forest_->size() + forest_->markers().size() >= next_check_) Sweep();
}

bool EarlyFilterSink::ThreadRuledOut(const Thread& t) const {
  // A task-switch banner may still name a CPU-keyed thread; a pid, and
  // the first non-empty comm, stay.
  if (t.pid < 0) return false;
  if (filter_.pid >= 0 && t.pid != filter_.pid) return true;
  if (filter_.comm_glob.empty() || t.comm.is_none()) return false;
  std::string_view comm = forest_->name(t.comm);
  return !comm.empty() && !GlobMatch(filter_.comm_glob, comm);
}

bool EarlyFilterSink::NameMatches(StringId func) {
  if (func.is_none()) return false;
  auto [it, inserted] = glob_by_name_.try_emplace(func, false);
  if (inserted) {
    it->second = analysis::NameMatches(*forest_, filter_.root_glob, func);
  }
  return it->second;
}

// Each test is a condition without which the command shows nothing of the
// root: a --root match (the --cpu test then applies to the matches), and
// for errors a failure and a call of the syscall. Return probes are exempt from
// the syscall test: `errors` lists a task's failing probes as one group, named
// by whichever of them is a syscall.
bool EarlyFilterSink::MayBeShown(NodeId root, bool exit_may_come) {
  if (filter_.counts_only) return false;
  uint16_t flags = forest_->flags(root);
  // FindErrors reports a root (without --root, the call it judges) only
  // if it returned an errno, and looks below it only if it returned
  // nothing.
  if (filter_.failing_only && filter_.root_glob.empty() &&
      (flags & kHasRetval) && ErrnoOf(*forest_, root) == 0) {
    return false;
  }
  if (filter_.failing_only && !(flags & kHasRetval) && !exit_may_come &&
      CannotFail(root)) {
    return false;
  }
  bool glob_ok = filter_.root_glob.empty();
  bool cpu_ok =
      filter_.cpu < 0 || (glob_ok && forest_->cpu(root) == filter_.cpu);
  bool syscall_ok = filter_.syscall.empty() || (flags & kOrderUnknown);
  if (glob_ok && cpu_ok && syscall_ok) return true;
  if (glob_ok && !cpu_ok) return false;  // no --root: the root is shown
  WalkPreOrder(*forest_, root, [&](NodeId id, int) {
    StringId func = forest_->func(id);
    if (!syscall_ok) {
      StringId s = forest_->SyscallOf(func);
      syscall_ok = !s.is_none() && forest_->name(s) == filter_.syscall;
    }
    if (!filter_.root_glob.empty() && !(glob_ok && cpu_ok) &&
        NameMatches(func)) {
      glob_ok = true;
      cpu_ok = cpu_ok || forest_->cpu(id) == filter_.cpu;
    }
    return !(glob_ok && cpu_ok && syscall_ok);
  });
  return glob_ok && cpu_ok && syscall_ok;
}

// A failing call is one that returned an errno. Once its root closed, no
// call in a tree gets a value any more but the root itself: a sys_exit
// event links the thread's last root that is its syscall's handler
// (CallTreeBuilder::LinkSyscallHandler), while calls below a closed root
// are out of its reach. A closed tree without a value (a trace without
// return values, an interrupt or a kworker's tree) holds no failure
// FindErrors could report, unless a sys_exit may still come for its root.
bool EarlyFilterSink::CannotFail(NodeId root) {
  bool can_fail = false;
  WalkPreOrder(*forest_, root, [&](NodeId id, int) {
    can_fail = can_fail || (forest_->flags(id) & kHasRetval);
    return !can_fail;
  });
  return !can_fail;
}

bool EarlyFilterSink::DropsTopMarkers(uint32_t thread) const {
  return !filter_.top_level_markers ||
         ThreadRuledOut(forest_->threads()[thread]);
}

uint64_t EarlyFilterSink::HandlerKey(NodeId root) const {
  const CallNode& n = forest_->node(root);
  return (uint64_t{forest_->SyscallOf(n.func).value} << 32) | n.file.value;
}

// A held root stays only while a later repair would otherwise reach a kept
// root instead, or nothing where that shows: an unmatched return adopting
// past the removed barrier; a sys_exit linking an older handler. A sys_exit
// without a sys_enter links the last handler of its syscall however old;
// for errors that one stays even if no handler was kept, as unlinked the
// exit would be a failure of its own. In a thread nobody sees, neither
// shows.
bool EarlyFilterSink::Removable(const ThreadState& s, bool thread_out,
                                NodeId root) const {
  if (s.kept_any && root == s.barrier) return false;
  if (thread_out || forest_->SyscallOf(forest_->func(root)).is_none()) {
    return true;
  }
  const Handlers& h = s.handlers.at(HandlerKey(root));
  return h.last != root || !(h.any_kept || filter_.failing_only);
}

void EarlyFilterSink::Judge(uint32_t thread) {
  ThreadState& s = states_[thread];
  const std::vector<NodeId>& roots = forest_->threads()[thread].roots;
  bool thread_out = ThreadRuledOut(forest_->threads()[thread]);
  // Roots after the last one at depth <= 0 may still be adopted.
  size_t end = roots.size();
  while (end > s.judged && forest_->depth(roots[end - 1]) > 0) --end;
  for (; s.judged < end; ++s.judged) {
    NodeId root = roots[s.judged];
    if (builder_->IsOpen(thread, root)) break;
    bool handler = !forest_->SyscallOf(forest_->func(root)).is_none();
    // A handler that returned nothing is kept while a sys_exit may still
    // give it a value, and judged again once a later handler of its
    // syscall supersedes it (walking its tree only then, once).
    bool waits = handler && filter_.failing_only && !thread_out &&
                 !(forest_->flags(root) & kHasRetval);
    bool kept = !thread_out && MayBeShown(root, waits);
    waits = waits && kept;
    if (forest_->depth(root) <= 0) s.barrier = root;
    if (handler) {
      Handlers& h = s.handlers[HandlerKey(root)];
      if (h.last_waits && !MayBeShown(h.last, false)) s.held.push_back(h.last);
      h.last = root;
      h.last_waits = waits;
      h.any_kept = h.any_kept || kept;
    }
    if (kept) {
      s.kept_any = true;
    } else {
      s.held.push_back(root);
    }
  }
  if (filter_.counts_only) {  // all go: MarkAllButUnjudged() marks them
    s.removing += s.held.size();
    s.held.clear();
    return;
  }
  dead_.resize(forest_->size());
  std::erase_if(s.held, [&](NodeId root) {
    if (!Removable(s, thread_out, root)) return false;
    ++s.removing;
    WalkPreOrder(*forest_, root, [&](NodeId id, int) {
      dead_[id.value] = true;
      ++removable_items_;
      return true;
    });
    return true;
  });
}

void EarlyFilterSink::Sweep() {
  if (builder_->CanCompact()) {
    const std::vector<Thread>& threads = forest_->threads();
    states_.resize(threads.size());
    for (uint32_t t = 0; t < threads.size(); ++t) Judge(t);
    if (filter_.counts_only) MarkAllButUnjudged();
    // Markers inside calls go with their calls; count those outside.
    const std::vector<Marker>& markers = forest_->markers();
    for (; markers_counted_ < markers.size(); ++markers_counted_) {
      const Marker& m = markers[markers_counted_];
      removable_items_ += m.parent.is_none() && DropsTopMarkers(m.thread);
    }
    size_t items = forest_->size() + markers.size();
    if (removable_items_ > 0 &&
        (filter_.eager || removable_items_ * 4 >= items)) {
      Compact();
    }
  }
  next_check_ = forest_->size() + forest_->markers().size() +
                (filter_.eager ? 1 : kCheckEvery);
}

// For counts only, every judged root goes: the calls to remove are all
// but those under the roots not judged yet (open, or still adoptable), a
// few per thread. Walking those instead of every removed call made
// `parse` 4% faster (perf: the walks were 4.6% of its time).
void EarlyFilterSink::MarkAllButUnjudged() {
  std::vector<bool> live(forest_->size());
  size_t live_calls = 0;
  const std::vector<Thread>& threads = forest_->threads();
  for (uint32_t t = 0; t < threads.size(); ++t) {
    const std::vector<NodeId>& roots = threads[t].roots;
    for (size_t j = states_[t].judged; j < roots.size(); ++j) {
      WalkPreOrder(*forest_, roots[j], [&](NodeId id, int) {
        live[id.value] = true;
        ++live_calls;
        return true;
      });
    }
  }
  live.flip();
  dead_ = std::move(live);
  // Calls once dead stay dead until the compaction: count the new ones.
  size_t dead_calls = forest_->size() - live_calls;
  removable_items_ += dead_calls - dead_calls_counted_;
  dead_calls_counted_ = dead_calls;
}

void EarlyFilterSink::Compact() {
  CompactionPlan plan;
  plan.dead_nodes = std::move(dead_);
  plan.dead_nodes.resize(forest_->size());
  const std::vector<Thread>& threads = forest_->threads();
  plan.drop_top_markers.resize(threads.size());
  for (uint32_t t = 0; t < threads.size(); ++t) {
    plan.drop_top_markers[t] = DropsTopMarkers(t);
  }
  CompactForest(plan, forest_, &remap_);
  builder_->Remap(remap_);
  for (ThreadState& s : states_) {
    s.judged -= s.removing;  // they were all judged
    s.removing = 0;
    s.barrier = remap_.Node(s.barrier);
    for (NodeId& id : s.held) id = remap_.Node(id);
    for (auto& [key, h] : s.handlers) h.last = remap_.Node(h.last);
  }
  dead_.clear();
  removable_items_ = 0;
  dead_calls_counted_ = 0;
  markers_counted_ = forest_->markers().size();
}

}  // namespace ftriage::analysis
