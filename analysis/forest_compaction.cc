#include "analysis/forest_compaction.h"

#include <algorithm>
#include <unordered_map>

namespace ftriage::analysis {

void CompactForest(const CompactionPlan& plan, CallForest* forest,
                   ForestRemap* out) {
  ForestRemap& remap = *out;
  NodeColumns& nodes = forest->nodes_;
  // Grown geometrically, in huge pages: in a forest that keeps growing
  // (`errors` keeps every failing call) a remap reallocated at every
  // compaction took 27% of the page faults (a 200 MB retval log).
  if (nodes.size() > remap.nodes.capacity()) {
    remap.nodes.reserve(std::max(nodes.size(), 2 * remap.nodes.capacity()));
  }
  remap.nodes.assign(nodes.size(), NodeId::None());
  uint32_t kept = 0;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    if (!plan.dead_nodes[i]) {
      remap.nodes[i] = NodeId{kept++};
      continue;
    }
    NodeId id{i};
    Thread& t = forest->threads_[nodes.thread(id)];
    ++t.removed_calls;
    if (nodes.parent(id).is_none()) ++t.removed_roots;
    forest->removed_.cpus.Add(nodes.cpu(id));
  }
  nodes.Compact(remap.nodes, kept);

  for (Thread& t : forest->threads_) {
    std::erase_if(t.roots, [&](NodeId id) { return remap.Node(id).is_none(); });
    for (NodeId& id : t.roots) id = remap.Node(id);
  }

  // A record whose handler call went is about a call nobody will see.
  std::vector<SyscallRecord>& records = forest->syscalls_;
  remap.syscalls.assign(records.size(), ForestRemap::kRemoved);
  size_t kept_records = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    SyscallRecord r = records[i];
    if (!r.root.is_none()) {
      r.root = remap.Node(r.root);
      if (r.root.is_none()) continue;
    }
    remap.syscalls[i] = kept_records;
    records[kept_records++] = r;
  }
  forest->removed_.syscalls += records.size() - kept_records;
  records.resize(kept_records);

  std::erase_if(forest->markers_, [&](const Marker& m) {
    return m.parent.is_none() ? plan.drop_top_markers[m.thread]
                              : remap.Node(m.parent).is_none();
  });
  for (Marker& m : forest->markers_) m.parent = remap.Node(m.parent);

  std::unordered_map<NodeId, StringId> args;
  for (auto [id, text] : forest->args_) {
    NodeId to = remap.Node(id);
    if (!to.is_none()) args.emplace(to, text);
  }
  forest->args_ = std::move(args);
}

}  // namespace ftriage::analysis
