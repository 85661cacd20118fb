#include "parser/syscount_reader.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal_time.h"
#include "parser/bcc_common.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr int64_t kNsPerMs = 1000 * kNsPerUs;
constexpr size_t kMaxCommBytes = 15;  // TASK_COMM_LEN - 1

// Syscall names are C identifiers ("_llseek", "epoll_pwait2").
bool IsSyscallName(std::string_view s) {
  auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  return !s.empty() && alpha(s.front()) &&
         std::all_of(s.begin(), s.end(),
                     [&](char c) { return alpha(c) || IsDigit(c); });
}

enum class Table : uint8_t { kBySyscall, kByProcess };

struct Row {
  Table table = Table::kBySyscall;
  std::string_view syscall;  // kBySyscall
  int32_t pid = -1;          // kByProcess
  std::string_view comm;     // kByProcess, may be empty
  int64_t count = 0;
  std::string_view latency;  // "3415860.022", empty without -L
};

// "%-22s %8s" of "SYSCALL" or "PID    COMM" and "COUNT", then "%16s" of
// "TIME (us)" / "TIME (ms)" with -L; |*latency_unit_ns| is 0 without.
bool ParseHeader(std::string_view line, int64_t* latency_unit_ns) {
  size_t pos = 0;
  std::string_view f = NextField(line, &pos);
  if (!(f == "SYSCALL" || (f == "PID" && NextField(line, &pos) == "COMM")) ||
      NextField(line, &pos) != "COUNT") {
    return false;
  }
  std::string_view time = Trim(line.substr(pos));
  if (time == "TIME (us)") {
    *latency_unit_ns = kNsPerUs;
  } else if (time == "TIME (ms)") {
    *latency_unit_ns = kNsPerMs;
  } else if (time.empty()) {
    *latency_unit_ns = 0;
  } else {
    return false;
  }
  return true;
}

// "[09:44:16]" (strftime "[%H:%M:%S]") -> nanoseconds since midnight.
std::optional<int64_t> ParseIntervalTime(std::string_view t) {
  if (t.size() != 10 || t.front() != '[' || t.back() != ']') {
    return std::nullopt;
  }
  return ParseClockTimeNs(t.substr(1, 8));
}

// "Tracing syscalls, printing top 10... Ctrl+C to quit." and, with -x or
// --syscall, "Tracing failed syscalls, ..." / "Tracing syscall 'open'...".
bool IsBanner(std::string_view line) {
  std::string_view t = TrimLeft(line);
  if (!t.starts_with("Tracing ")) return false;
  t.remove_prefix(8);
  if (t.starts_with("failed ")) t.remove_prefix(7);
  return t.starts_with("syscalls, printing top ") || t.starts_with("syscall '");
}

// The last field of |s|; |*rest| is what precedes it.
std::string_view LastField(std::string_view s, std::string_view* rest) {
  s = TrimRight(s);
  size_t i = s.size();
  while (i > 0 && !IsSpace(s[i - 1])) --i;
  *rest = s.substr(0, i);
  return s.substr(i);
}

// Rows are read from the right, because the name column may hold spaces
// ("[unknown: 321]", a task name): [latency "%16.3f"] before it the count.
// The shape says which table: a PID is a number, a syscall name never is.
bool ParseRow(std::string_view line, Row* out) {
  Row r;
  std::string_view rest;
  std::string_view last = LastField(line, &rest);
  if (last.find('.') != std::string_view::npos) {
    if (!ParseDecimalNs(last, 1)) return false;
    r.latency = last;
    last = LastField(rest, &rest);
  }
  std::optional<int64_t> count = ParseInt(last);
  if (!count) return false;
  r.count = *count;
  rest = Trim(rest);
  size_t pos = 0;
  std::string_view first = NextField(rest, &pos);
  std::optional<int64_t> pid = ParseInt(first);
  if (pid && *pid <= INT32_MAX) {
    r.table = Table::kByProcess;
    r.pid = static_cast<int32_t>(*pid);
    r.comm = Trim(rest.substr(pos));
    // The kernel cuts task names to 15 bytes; anything longer is not a
    // "%-6d %-15s" cell (a bcc trace row is not one).
    if (r.comm.size() > kMaxCommBytes) return false;
  } else {
    // A syscall name, or what bcc and libbpf-tools print for a number they
    // have no name for; anything else ending in a number ("-->COUNT 271",
    // prose, "key: 1410") is not a row.
    if (!IsSyscallName(rest) &&
        !(rest.starts_with("[unknown: ") && rest.ends_with(']'))) {
      return false;
    }
    r.syscall = rest;
  }
  *out = r;
  return true;
}

struct Seen {
  bool by_syscall = false;
  bool by_process = false;
  bool latency = false;
};

class SyscountReader : public BccTextReader {
 public:
  using BccTextReader::BccTextReader;

  std::vector<std::string> Features() const override {
    return FeatureNames({{seen_.by_syscall, "by-syscall"},
                         {seen_.by_process, "by-process"},
                         {seen_.latency, "latency"}});
  }

 protected:
  bool OnRecordLine(std::string_view line, LineNo n) override;

 private:
  int64_t latency_unit_ns_ = 0;  // from the last table header; 0 unknown
  int64_t interval_ns_ = -1;     // from the last "[HH:MM:SS]"
  Seen seen_;
};

bool SyscountReader::OnRecordLine(std::string_view line, LineNo n) {
  if (std::optional<int64_t> ns = ParseIntervalTime(Trim(line))) {
    interval_ns_ = *ns;
    return true;
  }
  if (ParseHeader(line, &latency_unit_ns_)) return true;
  Row row;
  if (!ParseRow(line, &row)) return false;
  TraceEvent e;
  e.kind = EventKind::kSummary;
  e.file = ctx().file;
  e.line = n;
  e.timestamp_ns = interval_ns_;
  e.value = row.count;
  if (row.table == Table::kByProcess) {
    seen_.by_process = true;
    e.pid = row.pid;
    e.tgid = row.pid;  // -P counts per process: the key is the tgid
    if (!row.comm.empty()) e.comm = Intern(row.comm);
  } else {
    seen_.by_syscall = true;
    e.func = Intern(row.syscall);
  }
  if (!row.latency.empty()) {
    seen_.latency = true;
    e.text = row.latency;
    if (latency_unit_ns_ > 0) {
      if (auto ns = ParseDecimalNs(row.latency, latency_unit_ns_)) {
        e.duration_ns = *ns;
      }
    }
  }
  Emit(e);
  return true;
}

}  // namespace

std::unique_ptr<FormatReader> CreateSyscountReader(const ReaderContext& ctx) {
  return std::make_unique<FormatReaderOf<SyscountReader>>(ctx);
}

SniffScore SniffSyscountLine(std::string_view line) {
  int64_t unit = 0;
  if (IsBanner(line) || ParseHeader(line, &unit)) return SniffScore::kSure;
  std::string_view t = Trim(line);
  // The reader drops the echo of Ctrl+C before an interval time; so must
  // the sniffer, which sees raw lines.
  if (t.starts_with("^C")) t.remove_prefix(2);
  Row row;
  return ParseIntervalTime(t) || ParseRow(line, &row) ? SniffScore::kMaybe
                                                      : SniffScore::kNo;
}

}  // namespace ftriage::parser
