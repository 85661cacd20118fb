#include "parser/bcc_common.h"

#include <string>

#include "core/decimal_time.h"
#include "parser/ftrace_core_lines.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

// How much of a noise line a diagnostic quotes: enough to recognize it,
// bounded so that a 10k-character line does not become a 10k message.
constexpr size_t kQuoteChars = 80;

// NUL bytes or mostly control characters: not text a tool wrote. The same
std::string Quote(std::string_view t) {
  return std::string(t.substr(0, kQuoteChars));
}

}  // namespace

std::optional<int64_t> ParseClockTimeNs(std::string_view text) {
  // Exactly "HH:MM:SS": strftime pads every part to two digits.
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') {
    return std::nullopt;
  }
  auto h = ParseInt(text.substr(0, 2));
  auto m = ParseInt(text.substr(3, 2));
  auto s = ParseInt(text.substr(6, 2));
  // 60 is a leap second, which strftime can print.
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  return ((*h * 60 + *m) * 60 + *s) * kNsPerSec;
}

std::string_view NextField(std::string_view s, size_t* pos) {
  size_t i = *pos;
  while (i < s.size() && IsSpace(s[i])) ++i;
  size_t start = i;
  while (i < s.size() && !IsSpace(s[i])) ++i;
  *pos = i;
  return s.substr(start, i - start);
}

void BccTextReader::OnLine(std::string_view line, LineNo n) {
  if (LooksBinary(line)) {
    prompt_continues_ = false;
    Report(DiagCode::kBinaryData, n, "binary data (NUL or control bytes)");
    return;
  }
  std::string_view t = Trim(line);
  // bcc never prints '#' lines: they are the shell prompt of the person who
  // ran the tool (or their comment), and a trailing '\' continues the
  // command on the next lines, which may look like stack frames.
  if (prompt_continues_ || t.starts_with('#')) {
    prompt_continues_ = t.ends_with('\\');
    Report(DiagCode::kToolChatter, n, "shell command: " + Quote(t));
    return;
  }
  // The terminal echoes Ctrl+C where the cursor is; the tool's final output
  // follows on the same line.
  if (t.starts_with("^C")) {
    line = TrimLeft(line).substr(2);
    if (Trim(line).empty()) {
      Report(DiagCode::kToolChatter, n, "^C typed to stop the tool");
      return;
    }
  }
  CoreLine cl = ClassifyCoreLine(line);
  switch (cl.kind) {
    case CoreLineKind::kBlank:
      OnBlankLine();
      return;
    case CoreLineKind::kChatter:
      Report(DiagCode::kToolChatter, n, "tool output: " + Quote(Trim(line)));
      return;
    case CoreLineKind::kElision:
      Report(DiagCode::kElisionLine, n, "lines cut out by the log's author");
      return;
    default:
      break;
  }
  if (!OnRecordLine(line, n)) {
    Unrecognized(line, n, "not a record of this bcc tool");
  }
}

}  // namespace ftriage::parser
