#ifndef FTRIAGE_ANALYSIS_TREE_FILTER_H_
#define FTRIAGE_ANALYSIS_TREE_FILTER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// What `ftriage tree` shows. Empty/negative fields do not filter.
struct TreeFilter {
  std::string root_glob;  // outermost calls whose raw or normalized name
                          // matches become the roots shown
  int32_t pid = -1;
  std::string comm_glob;
  int32_t cpu = -1;              // roots that ran on this CPU
  int32_t max_depth = -1;        // levels below each root shown
  int64_t min_duration_ns = -1;  // hide shorter calls (unknown kept)
  bool errors_only = false;      // keep paths to calls returning an errno
};

struct ShownRoot {
  uint32_t thread;
  NodeId root;
};

// The result of a filter: the roots to show per thread, in input order, and
// for every node whether it is shown (its index is the NodeId value).
struct TreeSelection {
  std::vector<uint32_t> threads;  // threads shown, in order
  std::vector<ShownRoot> roots;   // grouped by thread, in the same order
  std::vector<bool> shown;
  // Markers (messages, tracepoints, lost events, task switches) to show,
  // as indexes into CallForest::markers(), by the shown call they occurred
  // in; top-level ones of a thread are under kTopLevel + thread.
  std::unordered_map<uint64_t, std::vector<size_t>> markers;
  // By node: whether |markers| holds an entry for it. Walks test this bit
  // for every node instead of hashing every node into |markers|.
  std::vector<bool> has_markers;
  static constexpr uint64_t kTopLevel = uint64_t{1} << 32;
};

TreeSelection SelectTrees(const CallForest& forest, const TreeFilter& filter);
// The roots SelectTrees shows, without marking their calls. With
// filter.errors_only, |error_path| (sized to the forest) receives the calls
// with an errno-returning call in their subtree; otherwise it may be null.
std::vector<ShownRoot> SelectRoots(const CallForest& forest,
                                   const TreeFilter& filter,
                                   std::vector<bool>* error_path);

// fnmatch(3) without flags.
bool GlobMatch(const std::string& glob, std::string_view s);
// Whether the raw or the normalized name |raw| matches |glob| (--root).
bool NameMatches(const CallForest& forest, const std::string& glob,
                 StringId raw);
// Whether markers outside any call are shown (only with whole threads).
bool ShowsTopLevelMarkers(const TreeFilter& filter);

// The shown roots of |thread|, in input order.
std::vector<NodeId> RootsOf(const TreeSelection& selection, uint32_t thread);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_FILTER_H_
