#ifndef FTRIAGE_KERNEL_SOURCE_CALL_GRAPH_H_
#define FTRIAGE_KERNEL_SOURCE_CALL_GRAPH_H_

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/source_index.h"

namespace ftriage::kernel {

// The source call graph of an index: one vertex per function name (all
// definitions of a name share it, static functions of different files
// too), one edge per caller -> callee pair with a direct call in the body
// (calls through a member, ops->fn(), are left out; callees that are
// macros are vertices like functions). Conditions are ignored: an edge
// means "calls in some configuration". Names are normalized with
// SourceNameOf, so trace names work. Built once; must not outlive the
// index.
//
//   SourceCallGraph g(index);
//   g.ShortestPath("__x64_sys_mount", "count_mounts", 10)
//     == {"sys_mount", "do_mount", "path_mount", ..., "count_mounts"}
class SourceCallGraph {
 public:
  explicit SourceCallGraph(const SourceIndex& index);

  // The names on a fewest-calls chain from |from| to |to|, both included,
  // at most |max_depth| calls long (breadth-first; of equally short chains
  // the first in name order). Empty when there is none.
  std::vector<std::string> ShortestPath(std::string_view from,
                                        std::string_view to,
                                        size_t max_depth) const;
  // Direct callees and callers of |name|, sorted; empty for unknown names.
  std::vector<std::string> Callees(std::string_view name) const;
  std::vector<std::string> Callers(std::string_view name) const;

  size_t vertex_count() const { return boost::num_vertices(calls_); }
  size_t edge_count() const { return boost::num_edges(calls_); }

 private:
  // Compressed sparse rows: built from the sorted edges in one pass, half
  // the time and a fraction of the memory of an adjacency_list.
  using Graph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                         boost::no_property, boost::no_property,
                                         uint32_t, uint32_t>;
  using Vertex = Graph::vertex_descriptor;
  using Edge = std::pair<uint32_t, uint32_t>;  // caller, callee

  // What the graph is built from.
  struct Parts {
    std::vector<std::string_view> names;
    std::vector<uint32_t> vertex_of_id;
    std::vector<Edge> edges;  // sorted, distinct
  };
  static Parts Collect(const SourceIndex& index);
  SourceCallGraph(const SourceIndex& index, Parts parts);

  // The vertex of a (trace or source) name, or nullopt.
  std::optional<Vertex> Find(std::string_view name) const;

  const SourceStrings& strings_;
  std::vector<std::string_view> names_;  // by vertex, in name order
  std::vector<uint32_t> vertex_of_id_;   // by StringId; kNoVertex if none
  Graph calls_;                          // caller -> callee
  // The callers of vertex v: callers_[caller_start_[v] .. caller_start_[v+1]).
  std::vector<uint32_t> caller_start_;
  std::vector<uint32_t> callers_;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_CALL_GRAPH_H_
