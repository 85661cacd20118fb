#ifndef FTRIAGE_CORE_DIAGNOSTICS_H_
#define FTRIAGE_CORE_DIAGNOSTICS_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.h"

namespace ftriage {

// Problems found in the *input* (as opposed to operational failures such as a
// file that cannot be opened). Readers report them and keep going; nothing in
// the input is dropped without a diagnostic. The code string is stable: it is
// printed in [brackets] on stderr, in JSON, and grepped for in tests.
//
// X(enumerator, "code", severity, counts_as_skipped_line)
#define FTRIAGE_DIAGNOSTICS(X)                                 \
  X(kUnrecognizedLine, "unrecognized_line", kWarning, true)    \
  X(kMalformedLine, "malformed_line", kWarning, true)          \
  X(kElisionLine, "elision_line", kInfo, true)                 \
  X(kToolChatter, "tool_chatter", kInfo, true)                 \
  X(kConsoleMessage, "console_message", kInfo, true)           \
  X(kBinaryData, "binary_data", kWarning, true)                \
  X(kLineTooBig, "line_too_big", kDataLoss, true)              \
  X(kLostEvents, "lost_events", kDataLoss, false)              \
  X(kBufferStarted, "cpu_buffer_started", kDataLoss, false)    \
  X(kOverrun, "overrun", kDataLoss, false)                     \
  X(kTracingCorrupted, "tracing_corrupted", kDataLoss, false)  \
  X(kUnmatchedExit, "unmatched_exit", kInfo, false)            \
  X(kUnterminatedCall, "unterminated_call", kInfo, false)      \
  X(kExitNameMismatch, "exit_name_mismatch", kDataLoss, false) \
  X(kDepthGap, "depth_gap", kInfo, false)                      \
  X(kInputError, "input_error", kError, false)

enum class DiagCode : uint8_t {
#define FTRIAGE_DIAG_ENUM(e, code, sev, skipped) e,
  FTRIAGE_DIAGNOSTICS(FTRIAGE_DIAG_ENUM)
#undef FTRIAGE_DIAG_ENUM
};
inline constexpr size_t kDiagCodeCount = 0
#define FTRIAGE_DIAG_COUNT(e, code, sev, skipped) +1
    FTRIAGE_DIAGNOSTICS(FTRIAGE_DIAG_COUNT)
#undef FTRIAGE_DIAG_COUNT
    ;

enum class Severity : uint8_t { kInfo, kWarning, kDataLoss, kError };

const char* DiagCodeName(DiagCode code);
Severity DiagSeverity(DiagCode code);
const char* SeverityName(Severity severity);
// True for codes that mean "this input line was not turned into an event".
bool CountsAsSkippedLine(DiagCode code);

struct Diagnostic {
  DiagCode code;
  FileId file = FileId::None();
  LineNo line = 0;      // 1-based; 0 when not tied to a line
  std::string message;  // lowercase, no trailing period

  bool operator==(const Diagnostic&) const = default;
};

// Where a reader reports problems: a DiagnosticSink, or a recording that
// hands them on later in order with the events (parser::EventRecording).
class DiagnosticReporter {
 public:
  virtual ~DiagnosticReporter() = default;
  virtual void Report(Diagnostic d) = 0;
};

// Counts every diagnostic and keeps the first |keep_per_code| of each code in
// report order, so a million bad lines cost a counter, not a million strings.
class DiagnosticSink : public DiagnosticReporter {
 public:
  explicit DiagnosticSink(size_t keep_per_code = 100)
      : keep_per_code_(keep_per_code) {}

  void Report(Diagnostic d) override;
  uint64_t count(DiagCode code) const {
    return counts_[static_cast<size_t>(code)];
  }
  uint64_t skipped_lines() const { return skipped_lines_; }
  const std::vector<Diagnostic>& kept() const { return kept_; }

 private:
  size_t keep_per_code_;
  std::array<uint64_t, kDiagCodeCount> counts_{};
  uint64_t skipped_lines_ = 0;
  std::vector<Diagnostic> kept_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_DIAGNOSTICS_H_
