#ifndef FTRIAGE_ANALYSIS_EXPORT_FOLDED_H_
#define FTRIAGE_ANALYSIS_EXPORT_FOLDED_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/tree_diff.h"
#include "analysis/tree_filter.h"

namespace ftriage::analysis {

// What the number after a folded stack counts.
enum class FoldWeight : uint8_t {
  kCount,         // calls ending in the stack (a merged node counts its own)
  kSelfDuration,  // ns spent in the stack's last frame, traced callees
                  // excluded; calls without a duration add nothing
};

// Folded stacks ("a;b;c 3", read by flamegraph.pl, speedscope, inferno and
// difffolded.pl): every root-to-call path of some call trees, merged by
// frame name, with each run's self weight. Kept as a trie of frames, so a
// 100k-deep chain costs memory per frame, not per stack. Not a sampled
// profile: counts are calls the trace printed.
class FoldedStacks {
 public:
  // A call's frame name, before SanitizeFrame.
  using FrameName = std::function<std::string(const CallForest&, NodeId)>;

  FoldedStacks(size_t runs, FoldWeight weight, FrameName name);

  // Adds |root| and its descendants to run |run|; with |shown|, only the
  // nodes it marks (a TreeSelection's).
  void Add(const CallForest& forest, NodeId root, size_t run,
           const std::vector<bool>* shown = nullptr);

  // One line per stack weighing something in some run: "a;b;c 3" with one
  // run, "a;b;c 3 0" with two (difffolded's "stack good bad"). Depth first,
  // sibling frames in name order.
  void Write(std::ostream& out) const;

  // The sum of run |run|'s weights.
  uint64_t Total(size_t run) const;

 private:
  uint32_t Child(uint32_t parent, const std::string& name);
  uint64_t Weight(const CallForest& forest, NodeId id,
                  const std::vector<bool>* shown) const;

  size_t runs_;
  FoldWeight weight_;
  FrameName frame_name_;
  std::vector<uint32_t> parent_;   // per frame; frame 0 is the trie's root
  std::vector<uint32_t> name_;     // per frame: index into names_
  std::vector<uint64_t> weights_;  // frame * runs_ + run
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> name_ids_;
  std::unordered_map<uint64_t, uint32_t> children_;  // parent<<32|name
};

// A name as a folded frame: ';' and white space become '_' (they separate
// frames and the count), an empty name is "[unknown]".
std::string SanitizeFrame(std::string_view name);

// `export --to folded`: the selected trees, frames named by normalized
// name ("validate_xmit_skb.isra.0" and "validate_xmit_skb" are one frame).
void WriteFolded(const CallForest& forest, const TreeSelection& selection,
                 FoldWeight weight, std::ostream& out);

// `diff --folded`: the subtrees of GOOD's and BAD's compared calls by call
// count, frames named by the diff's comparison key (CompareKey), so that
// "__x64_sys_bpf" and "__ia32_sys_bpf" are one frame, "syscall:bpf".
void WriteFoldedDiff(const CallForest& good, NodeId good_root,
                     const CallForest& bad, NodeId bad_root,
                     const DiffOptions& options, std::ostream& out);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPORT_FOLDED_H_
