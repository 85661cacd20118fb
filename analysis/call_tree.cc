#include "analysis/call_tree.h"

#include <string>

#include "core/symbol_name.h"

namespace ftriage::analysis {

namespace {

// Arenas from this size on get a PagePrefaulter.
constexpr size_t kPrefaultBytes = size_t{64} << 20;
// Nodes between two PagePrefaulter::Advance() calls (a power of two).
constexpr uint32_t kAdvanceNodes = 1 << 15;

}  // namespace

void CallForest::Reserve(size_t n) {
  prefaulter_.reset();
  nodes_.reserve(n);
  size_t bytes = nodes_.capacity() * sizeof(CallNode);
  if (bytes >= kPrefaultBytes && PagePrefaulter::Worthwhile()) {
    prefaulter_ = std::make_unique<PagePrefaulter>(
        reinterpret_cast<char*>(nodes_.data()), bytes);
  }
}

NodeId CallForest::AddNode(const CallNode& node) {
  NodeId id{static_cast<uint32_t>(nodes_.size())};
  if (prefaulter_ != nullptr) {
    if (nodes_.size() == nodes_.capacity()) {
      prefaulter_.reset();  // push_back moves the nodes to a new block
    } else if (id.value % kAdvanceNodes == 0) {
      prefaulter_->Advance(nodes_.size() * sizeof(CallNode));
    }
  }
  nodes_.push_back(node);
  nodes_.back().parent = NodeId::None();
  nodes_.back().first_child = NodeId::None();
  nodes_.back().last_child = NodeId::None();
  nodes_.back().next_sibling = NodeId::None();
  return id;
}

void CallForest::Attach(NodeId parent, NodeId child) {
  CallNode& c = nodes_[child.value];
  c.parent = parent;
  c.next_sibling = NodeId::None();
  if (parent.is_none()) {
    threads_[c.thread].roots.push_back(child);
    return;
  }
  CallNode& p = nodes_[parent.value];
  if (p.last_child.is_none()) {
    p.first_child = child;
  } else {
    nodes_[p.last_child.value].next_sibling = child;
  }
  p.last_child = child;
}

void CallForest::AdoptTrailingRoots(uint32_t thread, size_t count,
                                    NodeId parent) {
  std::vector<NodeId>& roots = threads_[thread].roots;
  size_t start = roots.size() - count;
  std::vector<NodeId> moved(roots.begin() + static_cast<ptrdiff_t>(start),
                            roots.end());
  roots.resize(start);
  for (NodeId id : moved) Attach(parent, id);
}

void CallForest::AdoptChildrenAfter(NodeId from, NodeId after, NodeId to) {
  CallNode& f = nodes_[from.value];
  NodeId first =
      after.is_none() ? f.first_child : nodes_[after.value].next_sibling;
  if (first.is_none()) return;
  if (after.is_none()) {
    f.first_child = NodeId::None();
    f.last_child = NodeId::None();
  } else {
    nodes_[after.value].next_sibling = NodeId::None();
    f.last_child = after;
  }
  for (NodeId id = first; !id.is_none();) {
    NodeId next = nodes_[id.value].next_sibling;
    Attach(to, id);
    id = next;
  }
}

const CallForest::NameInfo& CallForest::Info(StringId raw) const {
  auto it = names_.find(raw);
  if (it != names_.end()) return it->second;
  std::string normalized = NormalizeSymbol(strings_->Get(raw));
  NameInfo info;
  info.normalized = strings_->Intern(normalized);
  std::string_view syscall = SyscallName(normalized);
  info.syscall = syscall.empty() ? StringId::None() : strings_->Intern(syscall);
  return names_.emplace(raw, info).first->second;
}

StringId CallForest::Normalized(StringId raw) const {
  return raw.is_none() ? raw : Info(raw).normalized;
}

StringId CallForest::SyscallOf(StringId raw) const {
  return raw.is_none() ? raw : Info(raw).syscall;
}

}  // namespace ftriage::analysis
