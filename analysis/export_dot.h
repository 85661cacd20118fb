#ifndef FTRIAGE_ANALYSIS_EXPORT_DOT_H_
#define FTRIAGE_ANALYSIS_EXPORT_DOT_H_

#include <cstddef>
#include <ostream>

#include "analysis/call_tree.h"
#include "analysis/tree_filter.h"

namespace ftriage::analysis {

// `export --to dot`: the call graph of the selected trees for Graphviz,
// built as a Boost.Graph adjacency_list and written with
// boost::write_graphviz. One node per function (normalized name) with its
// call count, one edge per caller -> callee pair with the calls made along
// it; functions that returned an errno, and the edges of those calls, are
// red with the errno names and counts. Of a larger graph it keeps every
// function on a path to a failing call, then the most called ones up to
// |max_nodes| in all, and says in the graph's label (and a comment) how
// many functions and calls it left out. It does not lay the graph out.
void WriteCallGraphDot(const CallForest& forest, const TreeSelection& selection,
                       size_t max_nodes, std::ostream& out);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPORT_DOT_H_
