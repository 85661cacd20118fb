#ifndef FTRIAGE_CLI_REPORT_REPORT_ROWS_H_
#define FTRIAGE_CLI_REPORT_REPORT_ROWS_H_

#include <cstdint>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/tree_diff.h"

namespace ftriage::cli {

// The two compared calls of a report as one tree of rows, GOOD's call and
// BAD's call side by side: a row holds a call both runs make (matched by the
// diff's alignment), or one only GOOD or only BAD makes, or noise set aside.
// With BAD alone every row holds one BAD call.

enum class RowKind : uint8_t {
  kPlain,            // in both runs (or BAD alone)
  kOnlyGood,         // this call and its callees only in GOOD
  kOnlyBad,          // only in BAD
  kNoise,            // set aside before aligning (interrupts, scheduling)
  kCollapsedInBad,   // GOOD's call whose callees BAD makes directly
  kCollapsedInGood,  // the reverse
};

// What a row is on the way to the failure (bits of ReportRow::marks).
enum RowMark : uint16_t {
  kMarkPath = 1 << 0,        // an ancestor of the focus: shown expanded
  kMarkFocus = 1 << 1,       // the divergence (or, BAD alone, the origin)
  kMarkParent = 1 << 2,      // the divergence's parent
  kMarkLastCommon = 1 << 3,  // the last call both runs make
  kMarkFirstGoodOnly = 1 << 4,
  kMarkFirstBadOnly = 1 << 5,
  kMarkRetvalDiff = 1 << 6,    // returns differently in the two runs
  kMarkDurationDiff = 1 << 7,  // 100x slower or faster
  kMarkFailing = 1 << 8,       // on BAD's failing path (the errno chain)
  kMarkOrigin = 1 << 9,        // where the errno starts
  kMarkWindowAfter = 1 << 10,  // the error window starts after this call
};

struct ReportRow {
  NodeId good = NodeId::None();
  NodeId bad = NodeId::None();
  RowKind kind = RowKind::kPlain;
  uint16_t marks = 0;
  uint32_t parent = 0;  // index of the parent row (the root: itself)
  uint32_t end = 0;     // one past the last row of this row's subtree
};

// Rows in pre-order: a row's subtree is [index, end).
struct RowTree {
  std::vector<ReportRow> rows;
  uint32_t focus = 0;  // the row the report opens at
};

// What the rows are built from. |good| is null with BAD alone; |diff| is
// the TreeDiff of |good_call| and |bad_call| (its divergence's aligned
// children, collapsed calls and value differences are used as they are;
// elsewhere children are aligned as DiffTrees aligns them).
struct RowSource {
  const analysis::CallForest* good = nullptr;
  NodeId good_call = NodeId::None();
  const analysis::CallForest* bad = nullptr;
  NodeId bad_call = NodeId::None();
  const analysis::TreeDiff* diff = nullptr;
  const analysis::DiffOptions* options = nullptr;
  std::vector<NodeId> failing_path;  // BAD's errno chain, outermost first
  NodeId origin = NodeId::None();
  NodeId window_after = NodeId::None();
};

// Iterative: any depth, any size.
RowTree BuildRowTree(const RowSource& source);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_REPORT_REPORT_ROWS_H_
