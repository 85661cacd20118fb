#include "analysis/run_variation.h"

namespace ftriage::analysis {
namespace {

std::string KeyWithParent(const CallForest& f, NodeId id,
                          const DiffOptions& o) {
  NodeId parent = f.parent(id);
  return (parent.is_none() ? std::string("-") : CompareKey(f, parent, o)) +
         ">" + CompareKey(f, id, o);
}

}  // namespace

std::string DifferenceSignature(const CallForest& good, const CallForest& bad,
                                const Difference& d,
                                const DiffOptions& options) {
  std::string where = !d.good.is_none() ? KeyWithParent(good, d.good, options)
                                        : KeyWithParent(bad, d.bad, options);
  return std::string(DifferenceKindName(d.kind)) + ":" + where;
}

std::set<std::string> Signatures(const CallForest& good, const CallForest& bad,
                                 const TreeDiff& diff,
                                 const DiffOptions& options) {
  std::set<std::string> out;
  for (const Difference& d : diff.differences) {
    out.insert(DifferenceSignature(good, bad, d, options));
  }
  return out;
}

}  // namespace ftriage::analysis
