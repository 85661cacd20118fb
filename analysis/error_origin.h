#ifndef FTRIAGE_ANALYSIS_ERROR_ORIGIN_H_
#define FTRIAGE_ANALYSIS_ERROR_ORIGIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/call_tree.h"

namespace ftriage::analysis {

// How a finding knows where the error came from.
enum class Confidence : uint8_t {
  kTraced,        // return values prove the chain down to the origin
  kInferred,      // only the failing call's value is known: an error window
  kOrderUnknown,  // return probes without call order (bcc): no chain
};
const char* ConfidenceName(Confidence c);

// One failing call: a syscall (or --root match) that returned an errno,
// where the error started, and how it travelled up. Nothing here is guessed:
// when the trace cannot show the origin, |origin| is None and the error
// window says what the trace does show.
struct ErrorFinding {
  uint32_t thread = 0;
  NodeId root = NodeId::None();  // the failing call; None if only events
  int64_t syscall_record = -1;   // index into CallForest::syscalls(), or -1
  StringId syscall = StringId::None();  // "bpf"; None if not a syscall
  int errno_number = 0;                 // positive: 22
  int64_t retval = 0;                   // as traced: -22 or 0xffffffea
  // Outermost first: root ... origin, every link returning the same errno.
  std::vector<NodeId> chain;
  NodeId origin = NodeId::None();
  Confidence confidence = Confidence::kTraced;
  // kInferred: the deepest call known to fail, and its last traced callee
  // before it returned (None if it has none).
  NodeId window_parent = NodeId::None();
  NodeId window_after = NodeId::None();
  // |window_after| shows no return value and may return an errno: the
  // error may come from it as well as from the code after it.
  bool window_after_may_fail = false;
  // Calls made after the error on the way out (siblings after each link).
  std::vector<NodeId> cleanup;
  // kOrderUnknown: every call of the thread that returned this errno.
  std::vector<NodeId> unordered;
  std::vector<std::string> notes;  // doubts and what would settle them
};

struct ErrorOptions {
  std::string root_glob;  // failing calls are outermost matches, not roots
  int errno_number = 0;   // 0: any
  std::string syscall;    // "" any; compared with the normalized name
  int32_t pid = -1;
  std::string comm_glob;
};

// Every failing call, in input order.
std::vector<ErrorFinding> FindErrors(const CallForest& forest,
                                     const ErrorOptions& options);

// Identical failures (same call, errno and chain, e.g. a retry loop) as one
// group each: indexes into |findings|, in input order.
std::vector<std::vector<size_t>> FoldErrors(
    const CallForest& forest, const std::vector<ErrorFinding>& findings);

// The input line a finding starts at (its failing call, first probe, or
// the syscall's exit event).
LineNo FindingLine(const CallForest& forest, const ErrorFinding& finding);

// Functions whose return value is never an errno (allocators return
// pointers, capable() a bool, __cond_resched a flag): their values are not
// followed even when they look like one.
bool IsNonErrnoHelper(std::string_view normalized_name);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_ERROR_ORIGIN_H_
