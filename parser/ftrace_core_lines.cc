#include "parser/ftrace_core_lines.h"

#include <array>

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// "CPU:2 [LOST 318 EVENTS]", "CPU:2 [LOST EVENTS]", trace-cmd
// "CPU:2 [318 EVENTS DROPPED]" and "CPU:2 [EVENTS DROPPED]".
bool ParseLost(std::string_view t, CoreLine* out) {
  if (!StartsWith(t, "CPU:")) return false;
  size_t i = 4;
  while (i < t.size() && IsDigit(t[i])) ++i;
  auto cpu = ParseInt(t.substr(4, i - 4));
  std::string_view rest = Trim(t.substr(i));
  if (!cpu || rest.size() < 2 || rest.front() != '[' || rest.back() != ']') {
    return false;
  }
  std::string_view inner = rest.substr(1, rest.size() - 2);
  std::string_view number;
  if (StartsWith(inner, "LOST ") && inner.ends_with(" EVENTS")) {
    number = Trim(inner.substr(5, inner.size() - 12));
  } else if (inner.ends_with("EVENTS DROPPED")) {
    number = Trim(inner.substr(0, inner.size() - 14));
  } else if (inner != "LOST EVENTS") {
    return false;
  }
  out->kind = CoreLineKind::kLost;
  out->cpu = static_cast<int32_t>(*cpu);
  if (!number.empty()) {
    auto n = ParseInt(number);
    if (!n) return false;
    out->count = *n;
  }
  return true;
}

bool IsShellPrompt(std::string_view after_hash) {
  static constexpr std::array<std::string_view, 10> kCommands = {
      "./",    "cat ", "echo ",     "trace-cmd ", "perf ",
      "sudo ", "cd ",  "retsnoop ", "bpftrace ",  "trace-bpfcc "};
  for (std::string_view c : kCommands) {
    if (StartsWith(after_hash, c)) return true;
  }
  return false;
}

bool IsChatter(std::string_view t) {
  // Tool banners, ^C, and trace-cmd report -w's latency summary.
  static constexpr std::array<std::string_view, 13> kPrefixes = {
      "^C",
      "Tracing ",
      "Ending tracing",
      "Receiving data",
      "Detaching",
      "Hit Ctrl-C",
      "Press Ctrl-C",
      "Attaching ",
      "Instrumenting",
      "Average wakeup latency:",
      "Maximum Latency:",
      "Minimum Latency:",
      "RT task timings:"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(t, p)) return true;
  }
  return false;
}

}  // namespace

CoreLine ClassifyCoreLine(std::string_view line) {
  CoreLine out;
  std::string_view t = Trim(line);
  if (t.empty()) {
    out.kind = CoreLineKind::kBlank;
    return out;
  }
  if (t[0] == '#') {
    if (StartsWith(t, "#####") && t.find("buffer started") != t.npos) {
      size_t cpu_at = t.find("CPU ");
      if (cpu_at != t.npos) {
        std::string_view digits = t.substr(cpu_at + 4);
        digits = digits.substr(0, digits.find(' '));
        if (auto cpu = ParseInt(digits)) out.cpu = static_cast<int32_t>(*cpu);
      }
      out.kind = CoreLineKind::kBufferStarted;
      return out;
    }
    out.text = Trim(t.substr(1));
    if (StartsWith(out.text, "WARNING: FUNCTION TRACING IS CORRUPTED")) {
      out.kind = CoreLineKind::kCorrupted;
    } else {
      out.kind = IsShellPrompt(out.text) ? CoreLineKind::kChatter
                                         : CoreLineKind::kHeader;
    }
    return out;
  }
  if (ParseLost(t, &out)) return out;
  if (t == "[LINE TOO BIG]") {
    out.kind = CoreLineKind::kLineTooBig;
  } else if (t == "[...]" || t.find_first_not_of('.') == t.npos ||
             t == "\xE2\x80\xA6") {
    out.kind = CoreLineKind::kElision;
  } else if (t == "Dumping ftrace buffer:" ||
             (t.size() >= 10 && t.find_first_not_of('-') == t.npos)) {
    // ftrace_dump()'s frame around a trace dumped on the console.
    out.kind = CoreLineKind::kPreamble;
  } else if (StartsWith(t, "version = ") || StartsWith(t, "cpus=") ||
             (StartsWith(t, "CPU ") && t.ends_with(" is empty")) ||
             (t.find(": cpus=") != t.npos)) {
    out.kind = CoreLineKind::kPreamble;
  } else if (IsChatter(t)) {
    out.kind = CoreLineKind::kChatter;
  }
  return out;
}

}  // namespace ftriage::parser
