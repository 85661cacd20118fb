#include "analysis/error_origin.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "analysis/capture_limits.h"
#include "analysis/tree_filter.h"
#include "analysis/tree_walk.h"
#include "core/decimal_time.h"
#include "core/errno_table.h"

namespace ftriage::analysis {
namespace {

// Prefixes of functions that return pointers, bools or flags. Small on
// purpose: the propagation rule (a callee is followed only if its parent
// returned the same errno) already discards most accidental values.
constexpr std::array<std::string_view, 20> kNonErrnoPrefixes = {
    "__cond_resched", "_cond_resched", "capable", "ns_capable",
    "has_capability", "kmalloc", "__kmalloc", "kmem_cache_alloc", "kzalloc",
    "kvmalloc", "__kvmalloc", "vmalloc", "__vmalloc", "_copy_from_user",
    "_copy_to_user", "copy_from_user",
    // void debug checks
    "__might_fault", "__might_sleep", "__might_resched", "__check_object_size"};

std::string_view Name(const CallForest& f, NodeId id) {
  StringId n = f.func(id);
  return n.is_none() ? std::string_view() : f.name(f.Normalized(n));
}

bool Follows(const CallForest& f, NodeId id, int errno_number) {
  return ErrnoOf(f, id) == errno_number && !IsNonErrnoHelper(Name(f, id));
}

bool Wanted(const CallForest& f, const ErrorFinding& e, const ErrorOptions& o) {
  if (o.errno_number != 0 && e.errno_number != o.errno_number) return false;
  if (!o.syscall.empty()) {
    std::string_view name = e.syscall.is_none() ? "" : f.name(e.syscall);
    if (name != o.syscall) return false;
  }
  return true;
}

// Walks down from the failing call along the first callee that failed with
// the same errno, collecting the calls made after each link (cleanup).
// The call below |child| (or |child| itself) that failed with the errno,
// looking through calls that show no return value of their own: frames a
// retsnoop stack holds without tracing them ("__do_sys_bpf+0x5ca") and
// inlined frames (". map_create"). Appends the path to |chain|.
bool FollowThrough(const CallForest& f, NodeId child, int errno_number,
                   std::vector<NodeId>* chain) {
  NodeId found = NodeId::None();
  WalkPreOrder(f, child, [&](NodeId id, int) {
    if (!found.is_none()) return false;
    if (Follows(f, id, errno_number)) {
      found = id;
      return false;
    }
    return !(f.flags(id) & (kHasRetval | kHitOnly));
  });
  if (found.is_none()) return false;
  size_t at = chain->size();
  for (NodeId id = found; id != f.parent(child); id = f.parent(id)) {
    chain->insert(chain->begin() + static_cast<ptrdiff_t>(at), id);
  }
  return true;
}

void TraceChain(const CallForest& f, ErrorFinding* e) {
  NodeId node = e->root;
  e->chain.push_back(node);
  while (true) {
    bool linked = false;
    for (NodeId c : f.children(node)) {
      if (linked) {
        e->cleanup.push_back(c);
      } else {
        linked = FollowThrough(f, c, e->errno_number, &e->chain);
      }
    }
    if (!linked) break;
    node = e->chain.back();
  }
  std::sort(e->cleanup.begin(), e->cleanup.end(),
            [&](NodeId a, NodeId b) { return f.line(a) < f.line(b); });
  bool callees_have_values = true;
  bool hits_only = false;  // function tracer: calls seen, order and returns not
  NodeId last_child = NodeId::None();
  std::string inlined_at;  // a retsnoop stack's inline frames below it
  for (NodeId c : f.children(node)) {
    uint16_t flags = f.flags(c);
    if (flags & kHitOnly) {
      hits_only = true;
      continue;
    }
    if ((flags & kInlined) && !(flags & kHasRetval)) {
      // Its own code, inlined: where in this function the error was.
      inlined_at = std::string(Name(f, c));
      continue;
    }
    callees_have_values &= (flags & kHasRetval) != 0;
    last_child = c;
  }
  if (hits_only && last_child.is_none()) {
    e->confidence = Confidence::kInferred;
    e->window_parent = node;
    e->notes.push_back(
        "the function tracer shows which calls ran, not their order or "
        "return values: the origin is below " +
        std::string(Name(f, node)));
  } else if (last_child.is_none() || callees_have_values) {
    // A leaf, or every callee's value is known and none failed this way:
    // the error starts in this function's own code.
    e->origin = node;
    e->confidence = Confidence::kTraced;
    if (!inlined_at.empty()) {
      e->notes.push_back("the stack places the error in " + inlined_at +
                         ", inlined into " + std::string(Name(f, node)));
    }
  } else {
    e->confidence = Confidence::kInferred;
    e->window_parent = node;
    e->window_after = last_child;
    e->window_after_may_fail = !(f.flags(last_child) & kHasRetval) &&
                               !IsNonErrnoHelper(Name(f, last_child));
  }
  if (f.flags(node) & (kLostInside | kExitMissing)) {
    e->notes.push_back("events were lost inside " + std::string(Name(f, node)) +
                       ": the origin may be in what was lost");
  }
  if (e->confidence == Confidence::kInferred && !e->window_after.is_none()) {
    e->notes.push_back(
        "the trace shows no return values below " + std::string(Name(f, node)) +
        "; a capture with funcgraph-retval (kernel 6.5+, "
        "CONFIG_FUNCTION_GRAPH_RETVAL) or retsnoop would name the origin");
  }
}

// The calls to report: shown roots that returned an errno, and below roots
// without a return value (kernel entry frames of a retsnoop stack), the
// outermost syscall entry points that did. Errors inside a call that
// returned normally were handled there and are not failures.
std::vector<ShownRoot> FailingCalls(const CallForest& f,
                                    const std::vector<ShownRoot>& roots) {
  std::vector<ShownRoot> out;
  for (const ShownRoot& r : roots) {
    WalkPreOrder(f, r.root, [&](NodeId id, int level) {
      bool entry_point = level == 0 || !f.SyscallOf(f.func(id)).is_none();
      if (entry_point && ErrnoOf(f, id) != 0) {
        out.push_back({r.thread, id});
        return false;
      }
      return !entry_point || level == 0 ? !(f.flags(id) & kHasRetval) : false;
    });
  }
  return out;
}

// The first syscall record of each handler call.
std::unordered_map<NodeId, int64_t> RecordsByRoot(const CallForest& f) {
  std::unordered_map<NodeId, int64_t> out;
  for (size_t i = 0; i < f.syscalls().size(); ++i) {
    NodeId root = f.syscalls()[i].root;
    if (!root.is_none()) out.try_emplace(root, static_cast<int64_t>(i));
  }
  return out;
}

}  // namespace

const char* ConfidenceName(Confidence c) {
  switch (c) {
    case Confidence::kTraced:
      return "traced";
    case Confidence::kInferred:
      return "inferred";
    case Confidence::kOrderUnknown:
      return "order_unknown";
  }
  return "unknown";
}

LineNo FindingLine(const CallForest& f, const ErrorFinding& e) {
  if (!e.root.is_none()) return f.line(e.root);
  if (!e.unordered.empty()) return f.line(e.unordered.front());
  return f.syscalls()[static_cast<size_t>(e.syscall_record)].exit_line;
}

bool IsNonErrnoHelper(std::string_view name) {
  for (std::string_view p : kNonErrnoPrefixes) {
    if (name.starts_with(p)) return true;
  }
  return false;
}

std::vector<ErrorFinding> FindErrors(const CallForest& f,
                                     const ErrorOptions& o) {
  TreeFilter filter;
  filter.root_glob = o.root_glob;
  filter.pid = o.pid;
  filter.comm_glob = o.comm_glob;
  std::vector<ShownRoot> roots = SelectRoots(f, filter, nullptr);
  std::vector<ErrorFinding> out;
  // Return probes of one thread and errno form one finding: their order is
  // not in the log.
  std::map<std::pair<uint32_t, int>, size_t> unordered_by_key;
  std::unordered_map<NodeId, int64_t> records = RecordsByRoot(f);
  for (const ShownRoot& r : FailingCalls(f, roots)) {
    const CallNode& n = f.node(r.root);
    int err = ErrnoOf(n);
    ErrorFinding e;
    e.thread = r.thread;
    e.errno_number = err;
    e.retval = n.retval;
    if (n.flags & kOrderUnknown) {
      auto [it, inserted] =
          unordered_by_key.try_emplace({r.thread, err}, out.size());
      if (!inserted) {
        ErrorFinding& group = out[it->second];
        group.unordered.push_back(r.root);
        if (group.syscall.is_none()) {
          group.syscall = f.SyscallOf(n.func);
          if (!group.syscall.is_none()) group.root = r.root;
        }
        continue;
      }
      e.confidence = Confidence::kOrderUnknown;
      e.unordered.push_back(r.root);
      e.syscall = f.SyscallOf(n.func);
      if (!e.syscall.is_none()) e.root = r.root;
      e.notes.push_back(
          "the log gives no call order (bcc prints per-CPU buffers); a "
          "source index or a function_graph capture would order the chain");
      out.push_back(std::move(e));
      continue;
    }
    e.root = r.root;
    e.syscall = f.SyscallOf(n.func);
    auto record = records.find(r.root);
    e.syscall_record = record == records.end() ? -1 : record->second;
    TraceChain(f, &e);
    if (CaptureLimits l = FindReturnsOnly(f, r.root); l.returns_only()) {
      e.notes.push_back(
          "the trace holds only returns, of calls that took " +
          FormatDurationUs(l.shortest_ns) +
          " or more (tracing_thresh): shorter calls ran untraced, and one of "
          "them may be the origin");
    }
    out.push_back(std::move(e));
  }
  // Syscalls seen only through their events (no handler call traced).
  for (size_t i = 0; i < f.syscalls().size(); ++i) {
    const SyscallRecord& r = f.syscalls()[i];
    if (!r.root.is_none() || !r.has_retval) continue;
    if (o.pid >= 0 && f.threads()[r.thread].pid != o.pid) continue;
    if (!o.root_glob.empty() || !o.comm_glob.empty()) continue;
    auto err = ErrnoFromRetval(r.retval);
    if (!err) continue;
    ErrorFinding e;
    e.thread = r.thread;
    e.syscall_record = static_cast<int64_t>(i);
    e.syscall = r.name;
    e.errno_number = *err;
    e.retval = r.retval;
    e.confidence = Confidence::kInferred;
    e.notes.push_back(
        "only the syscall's exit event shows the error: no call of its "
        "handler was traced (set_graph_function or a filter left it out)");
    out.push_back(std::move(e));
  }
  std::erase_if(out, [&](const ErrorFinding& e) { return !Wanted(f, e, o); });
  // Input order: by file, then line.
  auto file_of = [&](const ErrorFinding& e) {
    if (!e.root.is_none()) return f.node(e.root).file.value;
    if (!e.unordered.empty()) return f.node(e.unordered.front()).file.value;
    return f.syscalls()[static_cast<size_t>(e.syscall_record)].file.value;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const ErrorFinding& a, const ErrorFinding& b) {
                     return std::pair(file_of(a), FindingLine(f, a)) <
                            std::pair(file_of(b), FindingLine(f, b));
                   });
  return out;
}

std::vector<std::vector<size_t>> FoldErrors(
    const CallForest& f, const std::vector<ErrorFinding>& findings) {
  std::vector<std::vector<size_t>> groups;
  std::map<std::string, size_t> by_key;
  for (size_t i = 0; i < findings.size(); ++i) {
    const ErrorFinding& e = findings[i];
    std::string key =
        std::to_string(e.errno_number) + "|" +
        std::string(e.syscall.is_none() ? "" : f.name(e.syscall)) + "|" +
        ConfidenceName(e.confidence);
    // Appends, not operator+: GCC 12 -O3 warns falsely (-Wrestrict, bug
    // 105329) on "|" + std::string.
    for (const auto* list : {&e.chain, &e.unordered}) {
      for (NodeId id : *list) {
        key += '|';
        key += Name(f, id);
      }
    }
    for (NodeId id : {e.window_parent, e.window_after}) {
      key += '|';
      if (!id.is_none()) key += Name(f, id);
    }
    auto [it, inserted] = by_key.try_emplace(key, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  return groups;
}

}  // namespace ftriage::analysis
