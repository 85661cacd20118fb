#include "kernel/source_call_graph.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <utility>

namespace ftriage::kernel {
namespace {

constexpr uint32_t kNoVertex = UINT32_MAX;

// Thrown by the visitor to end the search early.
struct StopSearch {};

template <typename Vertex>
class PathVisitor : public boost::default_bfs_visitor {
 public:
  PathVisitor(Vertex goal, size_t max_depth, std::vector<Vertex>* parent,
              std::vector<size_t>* depth)
      : goal_(goal), max_depth_(max_depth), parent_(parent), depth_(depth) {}

  template <typename Graph>
  void examine_vertex(Vertex u, const Graph&) const {
    // Vertices come in depth order: nothing nearer is left to find.
    if ((*depth_)[u] >= max_depth_) throw StopSearch{};
  }

  template <typename Edge, typename Graph>
  void tree_edge(Edge e, const Graph& g) const {
    const Vertex u = boost::source(e, g);
    const Vertex v = boost::target(e, g);
    (*parent_)[v] = u;
    (*depth_)[v] = (*depth_)[u] + 1;
    if (v == goal_) throw StopSearch{};
  }

 private:
  Vertex goal_;
  size_t max_depth_;
  std::vector<Vertex>* parent_;
  std::vector<size_t>* depth_;
};

}  // namespace

SourceCallGraph::Parts SourceCallGraph::Collect(const SourceIndex& index) {
  const SourceStrings& strings = index.strings();
  // Vertices: every defined name and direct callee. Ids order like the
  // strings, so vertices come out in name order.
  Parts p;
  p.vertex_of_id.assign(strings.size(), kNoVertex);
  for (const Definition& d : index.definitions()) {
    p.vertex_of_id[d.name.value] = 0;
    for (const CallSite& c : index.CallsOf(d)) {
      if (!c.through_member) p.vertex_of_id[c.callee.value] = 0;
    }
  }
  for (uint32_t i = 0; i < p.vertex_of_id.size(); ++i) {
    if (p.vertex_of_id[i] == kNoVertex) continue;
    p.vertex_of_id[i] = static_cast<uint32_t>(p.names.size());
    p.names.push_back(strings.Get(StringId{i}));
  }
  // Callees bucketed by caller (a counting sort: a full kernel has 4
  // million calls), then each bucket sorted and made distinct.
  auto for_each_call = [&](auto&& f) {
    for (const Definition& d : index.definitions()) {
      const uint32_t caller = p.vertex_of_id[d.name.value];
      for (const CallSite& c : index.CallsOf(d)) {
        const uint32_t callee = p.vertex_of_id[c.callee.value];
        if (!c.through_member && callee != caller) f(caller, callee);
      }
    }
  };
  std::vector<uint32_t> start(p.names.size() + 1);
  for_each_call([&](uint32_t caller, uint32_t) { ++start[caller + 1]; });
  for (size_t v = 1; v < start.size(); ++v) start[v] += start[v - 1];
  std::vector<uint32_t> callees(start.back());
  p.edges.reserve(callees.size());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for_each_call([&](uint32_t caller, uint32_t callee) {
    callees[fill[caller]++] = callee;
  });
  for (uint32_t v = 0; v + 1 < start.size(); ++v) {
    auto begin = callees.begin() + start[v];
    auto end = callees.begin() + start[v + 1];
    std::sort(begin, end);
    const auto last = std::unique(begin, end);
    for (auto it = begin; it != last; ++it) p.edges.emplace_back(v, *it);
  }
  return p;
}

SourceCallGraph::SourceCallGraph(const SourceIndex& index)
    : SourceCallGraph(index, Collect(index)) {}

SourceCallGraph::SourceCallGraph(const SourceIndex& index, Parts parts)
    : strings_(index.strings()),
      names_(std::move(parts.names)),
      vertex_of_id_(std::move(parts.vertex_of_id)),
      calls_(boost::edges_are_sorted, parts.edges.begin(), parts.edges.end(),
             names_.size()),
      caller_start_(names_.size() + 1),
      callers_(parts.edges.size()) {
  // The edges reversed, by a counting sort on the callee; callers stay in
  // ascending order.
  for (const auto& [caller, callee] : parts.edges) ++caller_start_[callee + 1];
  for (size_t v = 1; v < caller_start_.size(); ++v) {
    caller_start_[v] += caller_start_[v - 1];
  }
  std::vector<uint32_t> fill(caller_start_.begin(), caller_start_.end() - 1);
  for (const auto& [caller, callee] : parts.edges) {
    callers_[fill[callee]++] = caller;
  }
}

std::optional<SourceCallGraph::Vertex> SourceCallGraph::Find(
    std::string_view name) const {
  const StringId id = strings_.Find(SourceNameOf(name));
  if (id.is_none() || vertex_of_id_[id.value] == kNoVertex) {
    return std::nullopt;
  }
  return vertex_of_id_[id.value];
}

std::vector<std::string> SourceCallGraph::ShortestPath(std::string_view from,
                                                       std::string_view to,
                                                       size_t max_depth) const {
  const std::optional<Vertex> source = Find(from);
  const std::optional<Vertex> goal = Find(to);
  if (!source || !goal) return {};
  if (*source == *goal) return {std::string(names_[*source])};
  const Vertex none = boost::graph_traits<Graph>::null_vertex();
  std::vector<Vertex> parent(names_.size(), none);
  std::vector<size_t> depth(names_.size(), 0);
  try {
    boost::breadth_first_search(
        calls_, *source,
        boost::visitor(PathVisitor<Vertex>(*goal, max_depth, &parent, &depth)));
  } catch (const StopSearch&) {
  }
  if (parent[*goal] == none) return {};
  std::vector<std::string> path;
  for (Vertex v = *goal; v != *source; v = parent[v]) {
    path.emplace_back(names_[v]);
  }
  path.emplace_back(names_[*source]);
  std::ranges::reverse(path);
  return path;
}

// Both lists come out sorted: vertices are numbered in name order.
std::vector<std::string> SourceCallGraph::Callees(std::string_view name) const {
  std::vector<std::string> out;
  if (const std::optional<Vertex> v = Find(name)) {
    for (auto [it, end] = boost::out_edges(*v, calls_); it != end; ++it) {
      out.emplace_back(names_[boost::target(*it, calls_)]);
    }
  }
  return out;
}

std::vector<std::string> SourceCallGraph::Callers(std::string_view name) const {
  std::vector<std::string> out;
  if (const std::optional<Vertex> v = Find(name)) {
    for (uint32_t i = caller_start_[*v]; i < caller_start_[*v + 1]; ++i) {
      out.emplace_back(names_[callers_[i]]);
    }
  }
  return out;
}

}  // namespace ftriage::kernel
