#include "parser/trace_format.h"

#include <algorithm>
#include <array>

#include "parser/bcc_trace_reader.h"
#include "parser/funcgraph_reader.h"
#include "parser/function_reader.h"
#include "parser/retsnoop_reader.h"
#include "parser/sectioned_reader.h"
#include "parser/syscount_reader.h"
#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

// One row per format: adding a format is one reader plus one row here.
struct FormatSpec {
  TraceFormat format;
  const char* name;
  const char* alias;  // also accepted by --format, may be nullptr
  std::unique_ptr<FormatReader> (*create)(const ReaderContext&);
  SniffScore (*sniff_line)(std::string_view line);
};

constexpr std::array<FormatSpec, 5> kFormats = {{
    {TraceFormat::kFuncgraph, "funcgraph", "function_graph",
     CreateFuncgraphReader, SniffFuncgraphLine},
    {TraceFormat::kFunction, "function", nullptr, CreateFunctionReader,
     SniffFunctionLine},
    {TraceFormat::kRetsnoop, "retsnoop", nullptr, CreateRetsnoopReader,
     SniffRetsnoopLine},
    {TraceFormat::kBccTrace, "bcc-trace", "trace-bpfcc", CreateBccTraceReader,
     SniffBccTraceLine},
    {TraceFormat::kSyscount, "syscount", nullptr, CreateSyscountReader,
     SniffSyscountLine},
}};

// Stack frame lines (" => f", bcc's indented "f+0x1a [kernel]") and '#'
// headers belong to the records around them; they do not count when
// deciding whether a file is mostly records or mostly prose.
bool IsContinuationLine(std::string_view line) {
  std::string_view t = TrimLeft(line);
  if (t.starts_with("=> ") || t.starts_with('#')) return true;
  // "sym+0x1a", "sym+0x1a [kernel]": one token, or one plus a module.
  size_t space = t.find(' ');
  return LeadingSpaces(line) >= 4 &&
         (space == std::string_view::npos ||
          (t.find(' ', space + 1) == std::string_view::npos &&
           t.substr(space + 1).starts_with('[') && t.ends_with(']')));
}

const FormatSpec* Find(TraceFormat format) {
  for (const FormatSpec& f : kFormats) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

}  // namespace

const char* FormatName(TraceFormat format) {
  const FormatSpec* f = Find(format);
  return f == nullptr ? "unknown" : f->name;
}

std::optional<TraceFormat> FormatFromName(std::string_view name) {
  for (const FormatSpec& f : kFormats) {
    if (name == f.name || (f.alias != nullptr && name == f.alias)) {
      return f.format;
    }
  }
  return std::nullopt;
}

std::vector<std::string> FormatNames() {
  std::vector<std::string> names;
  for (const FormatSpec& f : kFormats) names.push_back(f.name);
  return names;
}

SniffResult SniffFormat(std::string_view head) {
  if (head.size() > kSniffBytes) {
    head = head.substr(0, kSniffBytes);
    size_t last_nl = head.rfind('\n');
    if (last_nl != std::string_view::npos) head = head.substr(0, last_nl);
  }
  std::array<size_t, kFormats.size()> maybe{};
  std::array<size_t, kFormats.size()> sure{};
  std::array<std::string, kFormats.size()> sure_line;
  // Records read before the first line any format is sure of: a mixed file
  // starts in the format of those, and switches at the sure line.
  std::array<size_t, kFormats.size()> before_sure{};
  // The longest run of consecutive records per format: a console log with a
  // dumped trace is mostly boot messages, but the dump is one block.
  std::array<size_t, kFormats.size()> run{};
  std::array<size_t, kFormats.size()> longest_run{};
  bool seen_sure = false;
  size_t lines = 0;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head =
        nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = StripConsolePrefix(line);
    if (Trim(line).empty()) continue;
    bool counts = !IsContinuationLine(line);
    lines += counts;
    bool sure_here = false;
    for (size_t i = 0; i < kFormats.size(); ++i) {
      SniffScore s = kFormats[i].sniff_line(line);
      if (s == SniffScore::kSure && sure[i]++ == 0) {
        sure_line[i] = std::string(Trim(line).substr(0, 60));
      }
      sure_here |= s == SniffScore::kSure;
      if (s != SniffScore::kNo && counts) {
        ++maybe[i];
        if (!seen_sure) ++before_sure[i];
        longest_run[i] = std::max(longest_run[i], ++run[i]);
      } else if (counts) {
        run[i] = 0;
      }
    }
    seen_sure |= sure_here;
  }
  SniffResult r;
  size_t best = kFormats.size();
  for (size_t i = 0; i < kFormats.size(); ++i) {
    if (sure[i] > 0 && (best == kFormats.size() || sure[i] > sure[best])) {
      best = i;
    }
  }
  if (best < kFormats.size()) {
    constexpr size_t kSectionMinRecords = 3;
    size_t lead = 0;
    for (size_t i = 1; i < kFormats.size(); ++i) {
      if (before_sure[i] > before_sure[lead]) lead = i;
    }
    if (sure[lead] == 0 && before_sure[lead] >= kSectionMinRecords) {
      r.format = kFormats[lead].format;
      r.reason = std::to_string(before_sure[lead]) + " " + kFormats[lead].name +
                 " records before line '" + sure_line[best] + "'";
      return r;
    }
    r.format = kFormats[best].format;
    r.reason = "line '" + sure_line[best] + "' is written only by " +
               kFormats[best].name;
    return r;
  }
  for (size_t i = 0; i < kFormats.size(); ++i) {
    if (maybe[i] > 0 && (best == kFormats.size() || maybe[i] > maybe[best])) {
      best = i;
    }
  }
  // Prose that happens to hold a record-like line is not a trace: without a
  // line only one format writes, at least a fifth of the lines must read.
  constexpr size_t kRecordBlock = 5;
  if (best == kFormats.size() ||
      (maybe[best] * 5 < lines && longest_run[best] < kRecordBlock)) {
    r.reason = best == kFormats.size()
                   ? "none of " + std::to_string(lines) +
                         " sampled lines is a record of a known format"
                   : "only " + std::to_string(maybe[best]) + " of " +
                         std::to_string(lines) + " sampled lines read as " +
                         kFormats[best].name + " records";
    return r;
  }
  r.format = kFormats[best].format;
  r.reason = std::to_string(maybe[best]) + " of " + std::to_string(lines) +
             " sampled lines are " + kFormats[best].name + " records";
  return r;
}

std::unique_ptr<FormatReader> CreateSingleFormatReader(
    TraceFormat format, const ReaderContext& ctx) {
  const FormatSpec* f = Find(format);
  return f == nullptr ? nullptr : f->create(ctx);
}

std::unique_ptr<FormatReader> CreateReader(TraceFormat format,
                                           const ReaderContext& ctx) {
  if (Find(format) == nullptr) return nullptr;
  return std::make_unique<SectionedReader>(format, ctx);
}

std::vector<TraceFormat> KnownFormats() {
  std::vector<TraceFormat> out;
  for (const FormatSpec& f : kFormats) out.push_back(f.format);
  return out;
}

SniffScore SniffLine(TraceFormat format, std::string_view line) {
  const FormatSpec* f = Find(format);
  return f == nullptr ? SniffScore::kNo : f->sniff_line(line);
}

}  // namespace ftriage::parser
