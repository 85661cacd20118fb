#include "core/diagnostics.h"

#include <utility>

namespace ftriage {

const char* DiagCodeName(DiagCode code) {
  switch (code) {
#define FTRIAGE_DIAG_NAME(e, name, sev, skipped) \
  case DiagCode::e:                              \
    return name;
    FTRIAGE_DIAGNOSTICS(FTRIAGE_DIAG_NAME)
#undef FTRIAGE_DIAG_NAME
  }
  return "unknown";
}

Severity DiagSeverity(DiagCode code) {
  switch (code) {
#define FTRIAGE_DIAG_SEV(e, name, sev, skipped) \
  case DiagCode::e:                             \
    return Severity::sev;
    FTRIAGE_DIAGNOSTICS(FTRIAGE_DIAG_SEV)
#undef FTRIAGE_DIAG_SEV
  }
  return Severity::kError;
}

bool CountsAsSkippedLine(DiagCode code) {
  switch (code) {
#define FTRIAGE_DIAG_SKIP(e, name, sev, skipped) \
  case DiagCode::e:                              \
    return skipped;
    FTRIAGE_DIAGNOSTICS(FTRIAGE_DIAG_SKIP)
#undef FTRIAGE_DIAG_SKIP
  }
  return false;
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kDataLoss:
      return "data_loss";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

void DiagnosticSink::Report(Diagnostic d) {
  uint64_t& n = counts_[static_cast<size_t>(d.code)];
  ++n;
  if (CountsAsSkippedLine(d.code)) ++skipped_lines_;
  if (n <= keep_per_code_) kept_.push_back(std::move(d));
}

}  // namespace ftriage
