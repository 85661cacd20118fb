#ifndef FTRIAGE_ANALYSIS_EARLY_FILTER_H_
#define FTRIAGE_ANALYSIS_EARLY_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/call_tree_builder.h"
#include "analysis/error_origin.h"
#include "analysis/forest_compaction.h"
#include "analysis/tree_filter.h"
#include "parser/trace_reader.h"

namespace ftriage::analysis {

// The part of a command's filter that can be decided while the trace is
// read. It is conservative: it rules out a root call only when the
// command's own filter (SelectTrees, FindErrors), which still runs on the
// result, would show nothing of it. Empty/negative fields rule out nothing.
//
// Not decided early: --depth and --min-duration hide parts of a call, never
// a whole root; --errors-only and --errno read return values, which a
// later sys_exit event may still give a finished handler call (one that
// returned nothing; a returned value is final, hence failing_only).
struct EarlyFilter {
  int32_t pid = -1;
  std::string comm_glob;
  int32_t cpu = -1;  // the root shown (a --root match, else the root) ran here
  std::string root_glob;
  std::string syscall;  // the failing call is this syscall's entry point
  // Only failing calls are shown: a root that returned a value that is not
  // an errno goes (its return value is final once it closed).
  bool failing_only = false;
  bool top_level_markers = true;  // markers outside calls are shown
  // Only counts are shown (`parse`): every finished root goes, counted in
  // Thread::removed_* and CallForest::removed().
  bool counts_only = false;
  // Judge after every event and compact whenever a call can go: slow on big
  // inputs, but runs every removal path on small ones (tests).
  bool eager = false;

  static EarlyFilter ForTree(const TreeFilter& filter);
  static EarlyFilter ForErrors(const ErrorOptions& options);
  static EarlyFilter ForCounts();
  // Whether it can rule anything out.
  bool active() const;
};

// Sits in front of a CallTreeBuilder and removes, while the trace is read,
// the root calls |filter| rules out (with their markers, args and syscall
// records), so memory follows what the command shows plus the calls still
// open, not the size of the input. Diagnostics are unaffected: the builder
// still sees every event.
//
// The output must not change, so a root is judged only once no later event
// can change its shape (it is closed, and is not after the thread's last
// root at depth <= 0, the only roots an unmatched "}" adopts), and, in a
// thread with kept roots, ruled-out roots the builder may still look up
// stay: the last root at depth <= 0 (it stops such an adoption) and the
// last handler call of a syscall (a later sys_exit event links it).
// Removal (CompactForest) runs when the removable calls are a quarter of
// the arena, so its cost is linear overall and the arena stays within a
// third more than what is kept, plus what arrives between two checks.
//
// Function tracer input merges hits into nodes that keep counting until
// the end: once the builder merged one, nothing is removed any more.
class EarlyFilterSink final : public parser::EventSink {
 public:
  EarlyFilterSink(EarlyFilter filter, CallForest* forest,
                  CallTreeBuilder* builder);

  void OnEvent(const TraceEvent& e) override;

 private:
  // Nodes and markers added between two judgements.
  static constexpr size_t kCheckEvery = size_t{1} << 18;

  // The judged roots that are one syscall's handler in one file.
  struct Handlers {
    NodeId last = NodeId::None();  // None once removed
    bool last_waits = false;  // kept only for a sys_exit that may still come
    bool any_kept = false;
  };
  struct ThreadState {
    size_t judged = 0;                // leading roots judged
    NodeId barrier = NodeId::None();  // last judged root at depth <= 0
    std::unordered_map<uint64_t, Handlers> handlers;  // by HandlerKey
    std::vector<NodeId> held;  // ruled out, but the builder may look it up
    bool kept_any = false;     // a judged root was not ruled out
    size_t removing = 0;       // roots removed at the next compaction
  };

  void Sweep();
  void Judge(uint32_t thread);
  bool ThreadRuledOut(const Thread& t) const;
  // |exit_may_come|: |root| is a handler a sys_exit event may still give
  // a value (the last of its syscall in its thread, returned nothing).
  bool MayBeShown(NodeId root, bool exit_may_come);
  bool CannotFail(NodeId root);
  bool NameMatches(StringId func);
  bool DropsTopMarkers(uint32_t thread) const;
  bool Removable(const ThreadState& s, bool thread_out, NodeId root) const;
  void MarkAllButUnjudged();
  uint64_t HandlerKey(NodeId root) const;
  void Compact();

  EarlyFilter filter_;
  CallForest* forest_;
  CallTreeBuilder* builder_;
  std::vector<ThreadState> states_;
  std::unordered_map<StringId, bool> glob_by_name_;
  std::vector<bool> dead_;         // nodes to remove at the next compaction
  ForestRemap remap_;              // the last compaction's, memory reused
  size_t removable_items_ = 0;     // those plus droppable markers
  size_t dead_calls_counted_ = 0;  // by MarkAllButUnjudged() in that
  size_t markers_counted_ = 0;     // markers looked at for that count
  size_t next_check_ = 0;          // arena size + markers
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EARLY_FILTER_H_
