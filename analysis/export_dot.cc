#include "analysis/export_dot.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/error_origin.h"
#include "analysis/tree_walk.h"
#include "core/errno_table.h"

namespace ftriage::analysis {
namespace {

using ErrnoCounts = std::map<int, uint64_t>;  // errno -> calls returning it

struct Function {
  std::string name;
  uint64_t calls = 0;
  ErrnoCounts errnos;
  bool on_failing_path = false;  // failed, or called what failed
};

struct Edge {
  uint64_t calls = 0;
  ErrnoCounts errnos;
};

// Functions in order of their first call; edges by (caller, callee).
struct CallGraph {
  std::vector<Function> functions;
  std::map<std::pair<uint32_t, uint32_t>, Edge> edges;
};

CallGraph Aggregate(const CallForest& f, const TreeSelection& sel) {
  CallGraph g;
  std::unordered_map<StringId, uint32_t> by_name;  // normalized name
  struct Level {
    uint32_t function;
    bool on_failing_path;
  };
  std::vector<Level> path;
  for (const ShownRoot& r : sel.roots) {
    WalkPreOrder(f, r.root, [&](NodeId id, int level) {
      if (!sel.shown[id.value]) return false;
      const CallNode& n = f.node(id);
      StringId name = f.Normalized(n.func);
      auto [it, added] =
          by_name.try_emplace(name, static_cast<uint32_t>(g.functions.size()));
      if (added) {
        g.functions.emplace_back().name =
            name.is_none() ? "[unknown]" : std::string(f.name(name));
      }
      uint32_t fn = it->second;
      g.functions[fn].calls += n.count;
      path.resize(level);
      Edge* edge =
          path.empty() ? nullptr : &g.edges[{path.back().function, fn}];
      if (edge != nullptr) edge->calls += n.count;
      int err = ErrnoOf(n);
      if (err != 0) {
        g.functions[fn].errnos[err] += n.count;
        g.functions[fn].on_failing_path = true;
        if (edge != nullptr) edge->errnos[err] += n.count;
        // Each level is marked once: deep chains stay linear.
        for (auto p = path.rbegin(); p != path.rend() && !p->on_failing_path;
             ++p) {
          p->on_failing_path = true;
          g.functions[p->function].on_failing_path = true;
        }
      }
      path.push_back({fn, err != 0});
      return true;
    });
  }
  return g;
}

// Functions on failing paths, then the most called, |max_nodes| in all.
std::vector<bool> Keep(const CallGraph& g, size_t max_nodes) {
  std::vector<bool> keep(g.functions.size(), false);
  size_t kept = 0;
  std::vector<uint32_t> others;
  for (uint32_t i = 0; i < g.functions.size(); ++i) {
    if (g.functions[i].on_failing_path) {
      keep[i] = true;
      ++kept;
    } else {
      others.push_back(i);
    }
  }
  std::stable_sort(others.begin(), others.end(), [&](uint32_t a, uint32_t b) {
    return g.functions[a].calls > g.functions[b].calls;
  });
  for (size_t i = 0; i < others.size() && kept < max_nodes; ++i, ++kept) {
    keep[others[i]] = true;
  }
  return keep;
}

// A name in a DOT label, where \n breaks lines: backslashes are doubled.
std::string Escape(const std::string& name) {
  std::string out;
  for (char c : name)
    out += c == '\\' ? std::string("\\\\") : std::string(1, c);
  return out;
}

// A line "-22 EINVAL x3" per errno, each after a \n.
std::string ErrnoLines(const ErrnoCounts& errnos) {
  std::string out;
  for (const auto& [err, n] : errnos) {
    out += "\\n" + ErrnoLabel(err) + " x" + std::to_string(n);
  }
  return out;
}

struct Styled {
  std::string label;
  bool failing = false;
};
// Bidirectional: its edge list is written in insertion order (and GCC's
// -Wmaybe-uninitialized misfires on the directed graph's edge iterator).
using Graph = boost::adjacency_list<boost::vecS, boost::vecS,
                                    boost::bidirectionalS, Styled, Styled>;

}  // namespace

void WriteCallGraphDot(const CallForest& forest, const TreeSelection& selection,
                       size_t max_nodes, std::ostream& out) {
  CallGraph cg = Aggregate(forest, selection);
  std::vector<bool> keep = Keep(cg, max_nodes);
  Graph graph;
  std::vector<Graph::vertex_descriptor> vertex(cg.functions.size());
  uint64_t total_calls = 0;
  uint64_t dropped_calls = 0;
  for (size_t i = 0; i < cg.functions.size(); ++i) {
    const Function& fn = cg.functions[i];
    total_calls += fn.calls;
    if (!keep[i]) {
      dropped_calls += fn.calls;
      continue;
    }
    std::string calls = fn.calls == 1 ? " call" : " calls";
    vertex[i] =
        boost::add_vertex({Escape(fn.name) + "\\n" + std::to_string(fn.calls) +
                               calls + ErrnoLines(fn.errnos),
                           !fn.errnos.empty()},
                          graph);
  }
  for (const auto& [ends, edge] : cg.edges) {
    if (!keep[ends.first] || !keep[ends.second]) continue;
    boost::add_edge(vertex[ends.first], vertex[ends.second],
                    {std::to_string(edge.calls) + ErrnoLines(edge.errnos),
                     !edge.errnos.empty()},
                    graph);
  }
  size_t shown = boost::num_vertices(graph);
  std::string summary = std::to_string(shown) + " functions, " +
                        std::to_string(total_calls) + " calls";
  if (shown < cg.functions.size()) {
    summary = std::to_string(shown) + " of " +
              std::to_string(cg.functions.size()) + " functions shown; " +
              std::to_string(cg.functions.size() - shown) + " not shown (" +
              std::to_string(dropped_calls) + " calls): --max-nodes " +
              std::to_string(max_nodes);
  }
  auto style = [](std::ostream& o, const Styled& s) {
    o << "[label=" << boost::escape_dot_string(s.label);
    if (s.failing) o << ", color=red, fontcolor=red";
    o << "]";
  };
  boost::write_graphviz(
      out, graph,
      [&](std::ostream& o, Graph::vertex_descriptor v) { style(o, graph[v]); },
      [&](std::ostream& o, Graph::edge_descriptor e) { style(o, graph[e]); },
      [&](std::ostream& o) {
        o << "// ftriage call graph: " << summary << "\n"
          << "label=" << boost::escape_dot_string("ftriage: " + summary)
          << ";\nlabelloc=t;\nnode [shape=box];\n";
      });
}

}  // namespace ftriage::analysis
