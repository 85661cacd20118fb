#ifndef FTRIAGE_ANALYSIS_FOREST_COMPACTION_H_
#define FTRIAGE_ANALYSIS_FOREST_COMPACTION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/lazy_column.h"

namespace ftriage::analysis {

// What to remove from a forest. Dead nodes must form whole root subtrees
// (a dead node's parent is dead or None): a filter rules out finished roots,
// never parts of a call.
struct CompactionPlan {
  std::vector<bool> dead_nodes;        // by NodeId value
  std::vector<bool> drop_top_markers;  // by thread: its top-level markers
};

// Where everything that stayed went.
struct ForestRemap {
  static constexpr size_t kRemoved = SIZE_MAX;
  HugeVector<NodeId> nodes;      // old NodeId value -> new id, None if removed
  std::vector<size_t> syscalls;  // old record index -> new, kRemoved

  NodeId Node(NodeId old) const {
    return old.is_none() ? old : nodes[old.value];
  }
};

// Removes the dead nodes in place, with the markers inside them, the syscall
// records of the handler calls among them and their args, and the top-level
// markers the plan drops; counts the removed calls, roots and records
// (Thread::removed_*, CallForest::removed()). Everything kept keeps its order,
// so the NodeIds and indexes are renumbered without reordering: the result is
// the forest the builder would have made if the removed calls had never been
// stored. Threads are never removed (exports number CPU-keyed tasks by index).
// Whoever else holds NodeIds or record indexes rewrites them with the remap
// (CallTreeBuilder::Remap). |remap| receives the renumbering; the memory it
// holds is reused (a fresh one per compaction cost most of `parse`'s page
// faults).
void CompactForest(const CompactionPlan& plan, CallForest* forest,
                   ForestRemap* remap);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_FOREST_COMPACTION_H_
