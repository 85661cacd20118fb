#ifndef FTRIAGE_ANALYSIS_EXPLANATION_H_
#define FTRIAGE_ANALYSIS_EXPLANATION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ftriage::analysis {

// Why a function the engineer expected is not in a run's trace, or what
// else in the kernels explains a divergence.
enum class ExplanationKind : uint8_t {
  kCompiledOut,        // its definition or call site is under an unset CONFIG_
  kInlined,            // no code of its own: it runs inside its caller
  kNotTraceable,       // a symbol ftrace cannot hook (notrace, __init, ...)
  kWeakStub,           // the weak stub (COND_SYSCALL) that returns -ENOSYS
  kModuleNotLoaded,    // built as a module that was not loaded
  kNotCalled,          // traceable in that kernel: the run went another way
  kFilteredByCapture,  // events lost, or the capture did not select it
  kCallOrder,          // probes without order, put in order by the source
  kConfigDifference,   // an option the two kernels set differently
  kUnknown,            // nothing given tells; the text says what would
};
const char* ExplanationKindName(ExplanationKind kind);

enum class Certainty : uint8_t { kHigh, kMedium, kLow };
const char* CertaintyName(Certainty c);

// One fact a conclusion rests on: a line of an input, or the absence of a
// name from a whole file (line 0).
struct Evidence {
  std::string input;  // "trace", "kallsyms", "available_filter_functions",
                      // "config", "source", "makefile"
  std::string path;   // as given by the user, or relative to the source root
  uint32_t line = 0;  // 1-based; 0: the name is absent from the file
  std::string text;   // the line, or what is absent
};

struct Explanation {
  ExplanationKind kind = ExplanationKind::kUnknown;
  Certainty certainty = Certainty::kLow;
  std::string function;  // the function explained ("" for an option)
  std::string option;    // CONFIG_X where one applies
  std::string kernel;    // "BAD", "GOOD" or "" (both / not kernel-specific)
  std::string sentence;  // for people
  std::vector<Evidence> evidence;
  int rank = 0;  // higher first
};

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPLANATION_H_
