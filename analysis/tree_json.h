#ifndef FTRIAGE_ANALYSIS_TREE_JSON_H_
#define FTRIAGE_ANALYSIS_TREE_JSON_H_

#include <nlohmann/json.hpp>

#include "analysis/call_tree.h"
#include "analysis/tree_filter.h"

namespace ftriage::analysis {

// The "tasks" array of `ftriage tree --json` (README "JSON output"): one
// object per thread with shown roots, each call node with function,
// normalized, line, duration_ns, retval, errno and children. Keys keep
// insertion order; absent values are omitted, never null. Nesting stops at
// 1000 levels: deeper callees are counted in "children_omitted".
nlohmann::ordered_json TreeToJson(const CallForest& forest,
                                  const TreeSelection& selection);

// One call node without children (shared by other commands' JSON).
nlohmann::ordered_json CallToJson(const CallForest& forest, NodeId id);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_TREE_JSON_H_
