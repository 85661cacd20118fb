#include "analysis/call_tree.h"

#include <string>

#include "core/errno_table.h"
#include "core/symbol_name.h"

namespace ftriage::analysis {

NodeId CallForest::AddNode(const CallNode& node) {
  CallNode unlinked = node;
  unlinked.parent = NodeId::None();
  unlinked.first_child = NodeId::None();
  unlinked.next_sibling = NodeId::None();
  return nodes_.Append(unlinked);
}

NodeId CallForest::AddAttached(const CallNode& node, NodeId last) {
  NodeId id = nodes_.Append(node);
  LinkAsLast(node.parent, last, id);
  return id;
}

void CallForest::Attach(NodeId parent, NodeId last, NodeId child) {
  nodes_.SetParent(child, parent);
  nodes_.SetNextSibling(child, NodeId::None());
  LinkAsLast(parent, last, child);
}

void CallForest::LinkAsLast(NodeId parent, NodeId last, NodeId child) {
  if (parent.is_none()) {
    threads_[nodes_.thread(child)].roots.push_back(child);
    return;
  }
  if (last.is_none()) {
    nodes_.SetFirstChild(parent, child);
  } else {
    nodes_.SetNextSibling(last, child);
  }
}

void CallForest::AdoptTrailingRoots(uint32_t thread, size_t count,
                                    NodeId parent) {
  std::vector<NodeId>& roots = threads_[thread].roots;
  size_t start = roots.size() - count;
  std::vector<NodeId> moved(roots.begin() + static_cast<ptrdiff_t>(start),
                            roots.end());
  roots.resize(start);
  NodeId last = NodeId::None();
  for (NodeId id : moved) {
    Attach(parent, last, id);
    last = id;
  }
}

void CallForest::AdoptChildrenAfter(NodeId from, NodeId after, NodeId to) {
  NodeId first =
      after.is_none() ? nodes_.first_child(from) : nodes_.next_sibling(after);
  if (first.is_none()) return;
  if (after.is_none()) {
    nodes_.SetFirstChild(from, NodeId::None());
  } else {
    nodes_.SetNextSibling(after, NodeId::None());
  }
  NodeId last = NodeId::None();
  for (NodeId id = first; !id.is_none();) {
    NodeId next = nodes_.next_sibling(id);
    Attach(to, last, id);
    last = id;
    id = next;
  }
}

const CallForest::NameInfo& CallForest::Info(StringId raw) const {
  if (raw.value >= names_.size()) names_.resize(strings_->size());
  if (!names_[raw.value].normalized.is_none()) return names_[raw.value];
  std::string normalized = NormalizeSymbol(strings_->Get(raw));
  NameInfo info;
  info.normalized = strings_->Intern(normalized);
  std::string_view syscall = SyscallName(normalized);
  info.syscall = syscall.empty() ? StringId::None() : strings_->Intern(syscall);
  names_[raw.value] = info;
  return names_[raw.value];
}

StringId CallForest::Normalized(StringId raw) const {
  return raw.is_none() ? raw : Info(raw).normalized;
}

StringId CallForest::SyscallOf(StringId raw) const {
  return raw.is_none() ? raw : Info(raw).syscall;
}

std::string CallName(const CallForest& f, NodeId id) {
  if (id.is_none()) return "-";
  StringId n = f.func(id);
  return n.is_none() ? "?" : std::string(f.name(n));
}

namespace {

int IntegerErrno(RetKind kind, int64_t retval) {
  return kind == RetKind::kInteger ? ErrnoFromRetval(retval).value_or(0) : 0;
}

}  // namespace

int ErrnoOf(const CallNode& n) {
  return (n.flags & kHasRetval) ? IntegerErrno(n.ret_kind, n.retval) : 0;
}

int ErrnoOf(const CallForest& f, NodeId id) {
  return (f.flags(id) & kHasRetval) ? IntegerErrno(f.ret_kind(id), f.retval(id))
                                    : 0;
}

}  // namespace ftriage::analysis
