#ifndef FTRIAGE_TESTS_SUPPORT_FOREST_CHECKS_H_
#define FTRIAGE_TESTS_SUPPORT_FOREST_CHECKS_H_

#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/tree_walk.h"

namespace ftriage::testing {

// "" if every call of |f| lies below a root of its own thread, the
// invariant SelectTrees relies on to show whole threads from the thread
// column; else the first call that does not, and why.
inline std::string CallOutsideItsThreadsRoots(const analysis::CallForest& f) {
  std::vector<bool> reached(f.size(), false);
  std::string bad;
  for (uint32_t t = 0; t < f.threads().size(); ++t) {
    for (NodeId root : f.threads()[t].roots) {
      analysis::WalkPreOrder(f, root, [&](NodeId id, int) {
        if (f.thread(id) != t && bad.empty()) {
          bad = "call " + std::to_string(id.value) + " (line " +
                std::to_string(f.line(id)) + ") of thread " +
                std::to_string(f.thread(id)) + " lies below a root of " +
                std::to_string(t);
        }
        reached[id.value] = true;
        return true;
      });
    }
  }
  for (uint32_t id = 0; id < f.size() && bad.empty(); ++id) {
    if (!reached[id]) {
      bad = "call " + std::to_string(id) + " (line " +
            std::to_string(f.line(NodeId{id})) + ") lies below no root";
    }
  }
  return bad;
}

}  // namespace ftriage::testing

#endif  // FTRIAGE_TESTS_SUPPORT_FOREST_CHECKS_H_
