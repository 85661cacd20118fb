#include "parser/bcc_trace_reader.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/decimal_time.h"
#include "core/errno_table.h"
#include "parser/bcc_common.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr std::string_view kCountMark = "-->COUNT ";

// Where user space ends on 64-bit kernels (x86-64 and arm64 alike): a stack
// address at or above it is a kernel frame.
constexpr uint64_t kKernelSpaceStart = 0xffff800000000000ULL;

// The columns a header announced.
struct Layout {
  bool time = false;
  bool cpu = false;
  bool tid = false;
  size_t comm_width = 0;  // 15 since 2017-12, 12 before
};

struct Row {
  int64_t timestamp_ns = -1;
  int32_t cpu = -1;
  int32_t tgid = -1;
  int32_t pid = -1;
  std::string_view comm;
  std::string_view func;
  std::string_view message;
  bool has_tid = false;
};

std::optional<int32_t> ParseId(std::string_view field) {
  auto v = ParseInt(field);
  if (!v || *v > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(*v);
}

// The TIME column: "05:31:57" (-T), seconds since the start cut to 8
// characters "1.234567" (-t), unix seconds "1700000000.123456" (-u). A
// bare integer is not a time: it is the PID of a row without TIME.
std::optional<int64_t> ParseTimeField(std::string_view field) {
  if (auto ns = ParseClockTimeNs(field)) return ns;
  if (field.find('.') == std::string_view::npos) return std::nullopt;
  return ParseDecimalNs(field, kNsPerSec);
}

bool ParseHeader(std::string_view line, Layout* out) {
  Layout l;
  size_t pos = 0;
  std::string_view f = NextField(line, &pos);
  if (f == "TIME") {
    l.time = true;
    f = NextField(line, &pos);
  }
  if (f == "CPU") {
    l.cpu = true;
    f = NextField(line, &pos);
  }
  if (f != "PID") return false;
  f = NextField(line, &pos);
  if (f == "TID") {
    l.tid = true;
    f = NextField(line, &pos);
  }
  if (f != "COMM") return false;
  size_t comm_at = pos - f.size();
  f = NextField(line, &pos);
  if (f != "FUNC") return false;
  // The gap between the labels is the COMM column's width: the labels are
  // printed with the rows' own formats.
  l.comm_width = pos - f.size() - comm_at - 1;
  // "-" is printed when some probe has a format string.
  f = NextField(line, &pos);
  if (!(f.empty() || f == "-") || !NextField(line, &pos).empty()) {
    return false;
  }
  *out = l;
  return true;
}

// COMM is "%-15s" (or "%-12s"), padded and followed by one space, and a
// task name may contain spaces ("CPU 0/KVM"): when the text at |start| has
// that shape for |width|, the name is the whole column and FUNC starts at
// |*pos|.
bool TakeCommColumn(std::string_view line, size_t start, size_t width,
                    std::string_view* comm, size_t* pos) {
  size_t end = start + width;
  if (end + 1 >= line.size() || line[end] != ' ' || IsSpace(line[end + 1])) {
    return false;
  }
  *comm = TrimRight(line.substr(start, width));
  *pos = end;
  return true;
}

// Reads a row with the columns of |layout|, or, when it is null, with the
// columns the row's shape shows: a time field first, then up to three
// integers (CPU, PID, TID; two are PID and TID, one is PID).
bool ParseRow(std::string_view line, const Layout* layout, Row* out) {
  Row r;
  size_t pos = 0;
  size_t after_time = 0;
  std::optional<int64_t> ts = ParseTimeField(NextField(line, &after_time));
  if (layout != nullptr ? layout->time : ts.has_value()) {
    if (!ts) return false;
    r.timestamp_ns = *ts;
    pos = after_time;
  }
  std::array<int32_t, 3> ids{};
  size_t count = 0;
  size_t want = layout != nullptr ? 1 + layout->cpu + layout->tid : 3;
  while (count < want) {
    size_t next = pos;
    std::optional<int32_t> id = ParseId(NextField(line, &next));
    if (!id) break;
    ids[count++] = *id;
    pos = next;
  }
  if (count == 0 || (layout != nullptr && count != want)) return false;
  bool cpu = layout != nullptr ? layout->cpu : count == 3;
  r.has_tid = layout != nullptr ? layout->tid : count >= 2;
  size_t i = 0;
  if (cpu) r.cpu = ids[i++];
  r.tgid = ids[i++];
  r.pid = r.has_tid ? ids[i] : r.tgid;

  size_t comm_start = pos;
  while (comm_start < line.size() && IsSpace(line[comm_start])) ++comm_start;
  // Without a header, the current layout first: its 15-wide column never
  // fits an older row by accident (the old FUNC column is padded to 16).
  static constexpr std::array<size_t, 2> kCommWidths = {15, 12};
  std::span<const size_t> widths =
      layout != nullptr ? std::span<const size_t>(&layout->comm_width, 1)
                        : std::span<const size_t>(kCommWidths);
  if (std::none_of(widths.begin(), widths.end(), [&](size_t width) {
        return TakeCommColumn(line, comm_start, width, &r.comm, &pos);
      })) {
    // A name longer than an old 12-wide column, or a log whose spaces
    // were squeezed: the name is one field.
    pos = comm_start;
    r.comm = NextField(line, &pos);
  }
  r.func = NextField(line, &pos);
  // Probe names are C identifiers, USDT or tracepoint names: a number here
  // means this is not a row (syscount's "PID COMM COUNT" is not).
  if (r.comm.empty() || r.func.empty() || AllDigits(r.func)) return false;
  r.message = Trim(line.substr(pos));
  *out = r;
  return true;
}

// A retprobe printing retval with "%d", "%x" or "%llx" prints a bare
// number. Unprefixed hex must have a digit or the width of a 32-bit value,
// so that words a "%s" prints ("add", "cafe") are not taken for values.
std::optional<int64_t> BareNumber(std::string_view message) {
  if (message.empty()) return std::nullopt;
  if (std::none_of(message.begin(), message.end(), IsDigit) &&
      message.size() < 8) {
    return std::nullopt;
  }
  return ParseRetval(message);
}

// "Lost 764896 samples" (older bcc) and "Possibly lost 12 samples"
// (src/cc/perf_reader.c, on stderr).
std::optional<int64_t> ParseLostSamples(std::string_view line) {
  size_t pos = 0;
  std::string_view f = NextField(line, &pos);
  if (f == "Possibly") {
    if (NextField(line, &pos) != "lost") return std::nullopt;
  } else if (f != "Lost") {
    return std::nullopt;
  }
  std::optional<int64_t> n = ParseInt(NextField(line, &pos));
  if (NextField(line, &pos) != "samples" || !NextField(line, &pos).empty()) {
    return std::nullopt;
  }
  return n;
}

struct Seen {
  bool time = false;
  bool cpu = false;
  bool tid = false;
  bool retval = false;
  bool kernel_stack = false;
  bool user_stack = false;
  bool stack_address = false;
  bool aggregate = false;
};

class BccTraceReader : public BccTextReader {
 public:
  using BccTextReader::BccTextReader;

  std::vector<std::string> Features() const override {
    const Seen& s = seen_;
    return FeatureNames({{s.time, "time"},
                         {s.cpu, "cpu"},
                         {s.tid, "tid"},
                         {s.retval, "retval"},
                         {s.kernel_stack, "kernel-stack"},
                         {s.user_stack, "user-stack"},
                         {s.stack_address, "stack-address"},
                         {s.aggregate, "aggregate"}});
  }

 protected:
  bool OnRecordLine(std::string_view line, LineNo n) override;
  void OnBlankLine() override;
  void OnEnd() override { FlushStack(); }

 private:
  void EmitRow(const Row& row, LineNo n);
  bool AddStackLine(std::string_view text, LineNo n);
  void EmitCount(int64_t count, LineNo n);
  void FlushStack();

  std::optional<Layout> layout_;
  // The last row's task and FUNC while lines may still belong to it
  // (stack frames, an -A count): until an empty line or a count.
  bool have_row_ = false;
  TraceEvent row_;
  bool in_stack_ = false;
  TraceEvent stack_;
  std::vector<StringId> frames_;
  Seen seen_;
};

bool BccTraceReader::OnRecordLine(std::string_view line, LineNo n) {
  // Rows start in column 0; only stack frames are indented.
  if (IsSpace(line.front())) {
    if (!have_row_) return false;
    // A failed stack id is printed without a newline, so -A's count can
    // follow it on the same line: "        -14-->COUNT 5".
    size_t at = line.find(kCountMark);
    std::optional<int64_t> count;
    if (at != std::string_view::npos) {
      count = ParseInt(Trim(line.substr(at + kCountMark.size())));
      if (!count) return false;
    }
    if (!AddStackLine(line.substr(0, at), n)) return false;
    if (count) EmitCount(*count, n);
    return true;
  }
  FlushStack();
  if (line.starts_with(kCountMark)) {
    std::optional<int64_t> count =
        ParseInt(Trim(line.substr(kCountMark.size())));
    if (!count || !have_row_) return false;
    EmitCount(*count, n);
    return true;
  }
  Layout layout;
  if (ParseHeader(line, &layout)) {
    layout_ = layout;
    have_row_ = false;
    return true;
  }
  if (std::optional<int64_t> lost = ParseLostSamples(line)) {
    TraceEvent e;
    e.kind = EventKind::kLost;
    e.value = *lost;
    e.file = ctx().file;
    e.line = n;
    Report(DiagCode::kLostEvents, n,
           std::to_string(*lost) +
               " samples lost: bcc's perf buffer was full (-b raises it)");
    Emit(e);
    return true;
  }
  Row row;
  // A row that does not fit the header (two captures pasted together) is
  // still read by its shape.
  if ((layout_ && ParseRow(line, &*layout_, &row)) ||
      ParseRow(line, nullptr, &row)) {
    EmitRow(row, n);
    return true;
  }
  return false;
}

void BccTraceReader::OnBlankLine() {
  FlushStack();
  have_row_ = false;
}

void BccTraceReader::EmitRow(const Row& row, LineNo n) {
  seen_.time |= row.timestamp_ns >= 0;
  seen_.cpu |= row.cpu >= 0;
  seen_.tid |= row.has_tid;
  TraceEvent e;
  e.file = ctx().file;
  e.line = n;
  e.timestamp_ns = row.timestamp_ns;
  e.cpu = row.cpu;
  e.tgid = row.tgid;
  e.pid = row.pid;
  e.comm = Intern(row.comm);
  e.func = Intern(row.func);
  row_ = e;
  have_row_ = true;
  if (std::optional<int64_t> v = BareNumber(row.message)) {
    e.kind = EventKind::kReturnProbe;
    e.ret_kind = RetKind::kInteger;
    e.value = *v;
    seen_.retval = true;
  } else {
    e.kind = EventKind::kTracepoint;
    e.text = row.message;
  }
  Emit(e);
}

bool BccTraceReader::AddStackLine(std::string_view text, LineNo n) {
  std::string_view t = Trim(text);
  // A negative stack id (bpf_get_stackid's errno): this stack was not
  // captured. It has no newline, so the next stack (-K -U) may follow.
  if (t.starts_with('-')) {
    size_t i = 1;
    while (i < t.size() && IsDigit(t[i])) ++i;
    if (i == 1) return false;
    t = TrimLeft(t.substr(i));
  }
  if (!in_stack_) {
    in_stack_ = true;
    stack_ = row_;
    stack_.kind = EventKind::kStackTrace;
    stack_.line = n;
    frames_.clear();
  }
  if (t.empty()) return true;
  // -a prints the address ("%16x ") before the symbol; a symbol always has
  // a "+0x" offset or is "[unknown]", so it is never all hex digits.
  size_t pos = 0;
  std::string_view first = NextField(t, &pos);
  std::optional<int64_t> address;
  if (pos < t.size() && first.size() <= 16 &&
      std::all_of(first.begin(), first.end(), IsHexDigit)) {
    address = ParseRetval("0x" + std::string(first));
    t = TrimLeft(t.substr(pos));
    seen_.stack_address = true;
  }
  // Without an address only the module tells: "[kernel]", or a shared
  // object; a kernel module ("[kvm]") and an executable look alike.
  size_t module_at = t.rfind(" [");
  std::string_view module = module_at == std::string_view::npos
                                ? std::string_view()
                                : t.substr(module_at);
  bool kernel = address ? static_cast<uint64_t>(*address) >= kKernelSpaceStart
                        : module == " [kernel]";
  bool user = address ? !kernel : module.find(".so") != std::string_view::npos;
  seen_.kernel_stack |= kernel;
  seen_.user_stack |= user;
  frames_.push_back(Intern(t));
  return true;
}

void BccTraceReader::EmitCount(int64_t count, LineNo n) {
  FlushStack();
  seen_.aggregate = true;
  TraceEvent e = row_;
  e.kind = EventKind::kSummary;
  e.value = count;
  e.line = n;
  // The count closes its block: lines after it need a row of their own.
  have_row_ = false;
  Emit(e);
}

void BccTraceReader::FlushStack() {
  if (!in_stack_) return;
  in_stack_ = false;
  stack_.frames = frames_;
  Emit(stack_);
}

}  // namespace

std::unique_ptr<FormatReader> CreateBccTraceReader(const ReaderContext& ctx) {
  return std::make_unique<FormatReaderOf<BccTraceReader>>(ctx);
}

SniffScore SniffBccTraceLine(std::string_view line) {
  Layout layout;
  if (ParseHeader(line, &layout)) return SniffScore::kSure;
  Row row;
  if (ParseLostSamples(line) || (!line.empty() && !IsSpace(line.front()) &&
                                 ParseRow(line, nullptr, &row))) {
    return SniffScore::kMaybe;
  }
  return SniffScore::kNo;
}

}  // namespace ftriage::parser
