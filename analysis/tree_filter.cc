#include "analysis/tree_filter.h"

#include <fnmatch.h>

#include <algorithm>
#include <string>

#include "analysis/tree_walk.h"

namespace ftriage::analysis {
namespace {

bool ThreadSelected(const CallForest& f, const Thread& t,
                    const TreeFilter& filter) {
  if (filter.pid >= 0 && t.pid != filter.pid) return false;
  if (!filter.comm_glob.empty() &&
      (t.comm.is_none() || !GlobMatch(filter.comm_glob, f.name(t.comm)))) {
    return false;
  }
  return true;
}

// Marks which nodes below |root| have an errno-returning call in their
// subtree (themselves included). Post-order without recursion.
void MarkErrorPaths(const CallForest& f, NodeId root, std::vector<bool>* has) {
  std::vector<NodeId> order;
  WalkPreOrder(f, root, [&](NodeId id, int) {
    order.push_back(id);
    return true;
  });
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (ErrnoOf(f, *it) != 0) (*has)[it->value] = true;
    NodeId parent = f.parent(*it);
    if ((*has)[it->value] && !parent.is_none()) (*has)[parent.value] = true;
  }
}

// Whether |filter| shows every call of the threads it selects.
bool ShowsWholeThreads(const TreeFilter& filter) {
  return filter.root_glob.empty() && filter.cpu < 0 && filter.max_depth < 0 &&
         filter.min_duration_ns < 0 && !filter.errors_only;
}

// Shows every call of the threads with shown roots. Every call of a thread
// lies below one of its roots, so one pass over the thread column does
// what a walk from the roots would, without chasing links through a forest
// bigger than the caches.
void MarkWholeThreads(const CallForest& f, TreeSelection* sel) {
  std::vector<bool> selected(f.threads().size(), false);
  for (const ShownRoot& r : sel->roots) selected[r.thread] = true;
  for (uint32_t id = 0; id < f.size(); ++id) {
    sel->shown[id] = selected[f.thread(NodeId{id})];
  }
}

// Markers inside shown calls; top-level ones only when whole threads are
// shown.
void AddMarkers(const CallForest& f, const TreeFilter& filter,
                TreeSelection* sel) {
  bool whole_threads = ShowsTopLevelMarkers(filter);
  sel->has_markers.assign(f.size(), false);
  for (size_t i = 0; i < f.markers().size(); ++i) {
    const Marker& m = f.markers()[i];
    if (m.parent.is_none()) {
      if (whole_threads && ThreadSelected(f, f.threads()[m.thread], filter)) {
        sel->markers[TreeSelection::kTopLevel + m.thread].push_back(i);
      }
    } else if (sel->shown[m.parent.value]) {
      sel->markers[m.parent.value].push_back(i);
      sel->has_markers[m.parent.value] = true;
    }
  }
}

}  // namespace

bool GlobMatch(const std::string& glob, std::string_view s) {
  return fnmatch(glob.c_str(), std::string(s).c_str(), 0) == 0;
}

bool NameMatches(const CallForest& f, const std::string& glob, StringId raw) {
  if (raw.is_none()) return false;
  return GlobMatch(glob, f.name(raw)) ||
         GlobMatch(glob, f.name(f.Normalized(raw)));
}

bool ShowsTopLevelMarkers(const TreeFilter& filter) {
  // A --root, --cpu or --errors-only view is about calls, not the timeline.
  return filter.root_glob.empty() && !filter.errors_only && filter.cpu < 0;
}

std::vector<ShownRoot> SelectRoots(const CallForest& f,
                                   const TreeFilter& filter,
                                   std::vector<bool>* error_path) {
  std::vector<ShownRoot> out;
  for (uint32_t t = 0; t < f.threads().size(); ++t) {
    const Thread& th = f.threads()[t];
    if (!ThreadSelected(f, th, filter)) continue;
    for (NodeId top : th.roots) {
      std::vector<NodeId> roots;
      if (filter.root_glob.empty()) {
        roots.push_back(top);
      } else {
        WalkPreOrder(f, top, [&](NodeId id, int) {
          if (!NameMatches(f, filter.root_glob, f.func(id))) return true;
          roots.push_back(id);
          return false;  // outermost match only
        });
      }
      for (NodeId root : roots) {
        if (filter.cpu >= 0 && f.cpu(root) != filter.cpu) continue;
        if (filter.errors_only) {
          MarkErrorPaths(f, root, error_path);
          if (!(*error_path)[root.value]) continue;
        }
        out.push_back({t, root});
      }
    }
  }
  return out;
}

TreeSelection SelectTrees(const CallForest& f, const TreeFilter& filter) {
  TreeSelection sel;
  sel.shown.assign(f.size(), false);
  std::vector<bool> error_path;
  if (filter.errors_only) error_path.assign(f.size(), false);
  sel.roots = SelectRoots(f, filter, &error_path);
  if (ShowsWholeThreads(filter)) {
    MarkWholeThreads(f, &sel);
  } else {
    for (const ShownRoot& r : sel.roots) {
      WalkPreOrder(f, r.root, [&](NodeId id, int level) {
        if (filter.max_depth >= 0 && level > filter.max_depth) return false;
        if (level > 0 && filter.min_duration_ns >= 0) {
          int64_t duration_ns = f.duration_ns(id);
          if (duration_ns >= 0 && duration_ns < filter.min_duration_ns) {
            return false;
          }
        }
        if (filter.errors_only && !error_path[id.value]) return false;
        sel.shown[id.value] = true;
        return true;
      });
    }
  }
  AddMarkers(f, filter, &sel);
  // Threads with shown roots, and threads with only top-level markers (a
  // trace of events without calls).
  std::vector<bool> listed(f.threads().size(), false);
  for (const ShownRoot& r : sel.roots) listed[r.thread] = true;
  for (uint32_t t = 0; t < f.threads().size(); ++t) {
    if (listed[t] || sel.markers.contains(TreeSelection::kTopLevel + t)) {
      sel.threads.push_back(t);
    }
  }
  return sel;
}

std::vector<NodeId> RootsOf(const TreeSelection& sel, uint32_t thread) {
  // SelectTrees adds the roots thread by thread.
  auto [first, last] = std::equal_range(
      sel.roots.begin(), sel.roots.end(), ShownRoot{thread, NodeId::None()},
      [](const ShownRoot& a, const ShownRoot& b) {
        return a.thread < b.thread;
      });
  std::vector<NodeId> roots;
  for (auto it = first; it != last; ++it) roots.push_back(it->root);
  return roots;
}

}  // namespace ftriage::analysis
