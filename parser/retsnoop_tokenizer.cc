#include "parser/retsnoop_tokenizer.h"

#include <array>

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr std::string_view kRightArrow = "\xE2\x86\x92";  // → U+2192
constexpr std::string_view kLeftArrow = "\xE2\x86\x90";   // ← U+2190
constexpr std::string_view kBothArrow = "\xE2\x86\x94";   // ↔ U+2194
constexpr std::string_view kBullseye = "\xE2\x97\x8E";    // ◎ U+25CE
constexpr std::string_view kDoubleBang = "\xE2\x80\xBC";  // ‼ U+203C
constexpr std::string_view kArgMark = "\xE2\x80\xBA";     // › U+203A
constexpr std::string_view kWavyLine = "\xE2\x8C\x87";    // ⌇ U+2307
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";    // … U+2026

// The first whitespace-separated field of |*s|, which is advanced past it
// and the spaces after it.
std::string_view NextField(std::string_view* s) {
  std::string_view t = TrimLeft(*s);
  size_t end = 0;
  while (end < t.size() && !IsSpace(t[end])) ++end;
  *s = TrimLeft(t.substr(end));
  return t.substr(0, end);
}

// "HH:MM:SS.uuuuuu" as ts_to_str() prints it.
bool IsWallTime(std::string_view t) {
  return t.size() > 9 && IsDigit(t[0]) && IsDigit(t[1]) && t[2] == ':' &&
         IsDigit(t[3]) && IsDigit(t[4]) && t[5] == ':' && IsDigit(t[6]) &&
         IsDigit(t[7]) && t[8] == '.' && AllDigits(t.substr(9));
}

// "8346/8346" -> 8346, 8346.
bool ParseIdPair(std::string_view t, int32_t* a, int32_t* b) {
  size_t slash = t.find('/');
  if (slash == std::string_view::npos) return false;
  auto x = ParseInt(t.substr(0, slash));
  auto y = ParseInt(t.substr(slash + 1));
  if (!x || !y || *x > INT32_MAX || *y > INT32_MAX) return false;
  *a = static_cast<int32_t>(*x);
  *b = static_cast<int32_t>(*y);
  return true;
}

// "HH:MM:SS.us -> HH:MM:SS.us TID/PID tid/pid (task/proc):"
bool ParseSessionHeader(std::string_view t, RetsnoopLine* out) {
  std::string_view rest = t;
  std::string_view start = NextField(&rest);
  if (!IsWallTime(start) || NextField(&rest) != "->") return false;
  std::string_view end = NextField(&rest);
  if (!IsWallTime(end) || NextField(&rest) != "TID/PID") return false;
  int32_t tid = -1;
  int32_t pid = -1;
  if (!ParseIdPair(NextField(&rest), &tid, &pid)) return false;
  // Task names may contain spaces, '/' and ')': take everything up to the
  // final "):".
  if (rest.size() < 4 || rest.front() != '(' || !rest.ends_with("):")) {
    return false;
  }
  std::string_view comms = rest.substr(1, rest.size() - 3);
  // "kworker/u8:2/kworker/u8:2": prefer the '/' that splits two equal
  // halves (a thread named like its process), else the first one.
  size_t split = comms.find('/');
  if (split == std::string_view::npos) return false;
  size_t mid = comms.size() / 2;
  if (comms.size() % 2 == 1 && comms[mid] == '/' &&
      comms.substr(0, mid) == comms.substr(mid + 1)) {
    split = mid;
  }
  out->kind = RetsnoopLineKind::kSessionHeader;
  out->start_time = start;
  out->end_time = end;
  out->tid = tid;
  out->pid = pid;
  out->task_comm = comms.substr(0, split);
  out->proc_comm = comms.substr(split + 1);
  return true;
}

bool IsTableRule(std::string_view t) {
  size_t dashes = 0;
  for (char c : t) {
    if (c == '-') {
      ++dashes;
    } else if (!IsSpace(c)) {
      return false;
    }
  }
  // At least the three column rules: a lone "---" is prose or a cut.
  return dashes > 0 && t.find(' ') != std::string_view::npos;
}

// "5.539us" (call trace, 3 decimals) or "73us" (stack block) -> the number.
bool ParseDuration(std::string_view t, std::string_view* out) {
  if (t.size() < 3 || !t.ends_with("us")) return false;
  std::string_view num = t.substr(0, t.size() - 2);
  size_t dot = num.find('.');
  bool ok = dot == std::string_view::npos ? AllDigits(num)
                                          : AllDigits(num.substr(0, dot)) &&
                                                AllDigits(num.substr(dot + 1));
  if (ok) *out = num;
  return ok;
}

// "[-ENOSPC]" -> "-ENOSPC". Results never contain spaces.
bool ParseResult(std::string_view t, std::string_view* out) {
  if (t.size() < 3 || t.front() != '[' || t.back() != ']') return false;
  *out = t.substr(1, t.size() - 2);
  return true;
}

// Symbol as retsnoop prints it: "name", "name+0x1a", "name+26" (with
// stacks.dec-offs), "0xffffffff81234567" (no symbol known).
bool IsSymbol(std::string_view t) {
  size_t plus = t.find('+');
  std::string_view base = t.substr(0, plus);
  if (base.empty()) return false;
  for (char c : base) {
    bool ok = IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '_' || c == '.' || c == '$';
    if (!ok) return false;
  }
  if (plus == std::string_view::npos) return true;
  std::string_view off = t.substr(plus + 1);
  if (off.starts_with("0x")) {
    off.remove_prefix(2);
    if (off.empty()) return false;
    for (char c : off) {
      if (!IsHexDigit(c)) return false;
    }
    return true;
  }
  return AllDigits(off);
}

bool IsAddress(std::string_view t) {
  if (t.size() != 16) return false;
  for (char c : t) {
    if (!IsHexDigit(c)) return false;
  }
  return true;
}

// "(kernel/bpf/btf.c:3856:1)" or "(entry_SYSCALL_64 @ arch/x86/...S:120)"
// at the start of |*s|: the text inside, advancing |*s| past it.
bool ConsumeSource(std::string_view* s, std::string_view* out) {
  if (s->empty() || s->front() != '(') return false;
  size_t close = s->find(')');
  if (close == std::string_view::npos) return false;
  *out = s->substr(1, close - 1);
  *s = TrimLeft(s->substr(close + 1));
  return true;
}

constexpr std::string_view kArgsMissing = "... data missing ...";

// Compact "name=value ..." args, or "... data missing ..." when retsnoop
// lost the args record.
bool IsArgs(std::string_view t) {
  return t.find('=') != std::string_view::npos || t == kArgsMissing;
}

// "→ f", "← f [res] dur  args", "↔ f [res] dur", "◎ probe  args".
bool ParseCallRow(std::string_view t, RetsnoopLine* out) {
  static constexpr std::array<std::pair<std::string_view, RetsnoopMark>, 4>
      kMarks = {{{kRightArrow, RetsnoopMark::kEntry},
                 {kLeftArrow, RetsnoopMark::kExit},
                 {kBothArrow, RetsnoopMark::kLeaf},
                 {kBullseye, RetsnoopMark::kProbe}}};
  for (const auto& [mark, kind] : kMarks) {
    if (!t.starts_with(mark) || t.size() <= mark.size() ||
        t[mark.size()] != ' ') {
      continue;
    }
    std::string_view rest = t.substr(mark.size());
    std::string_view name = NextField(&rest);
    if (name.empty()) return false;
    out->kind = RetsnoopLineKind::kCall;
    out->mark = kind;
    out->name = name;
    std::string_view ahead = rest;
    if (ParseResult(NextField(&ahead), &out->result)) {
      rest = ahead;
      std::string_view after = rest;
      if (ParseDuration(NextField(&after), &out->duration)) rest = after;
    }
    out->args = TrimRight(rest);
    return true;
  }
  return false;
}

// "‼ ... missing 3 records ...   ...  ..." (<= v0.9.8 prints the gap text in
// the function column) or "   ...  ..." (v0.10+ keeps it in a column the
// call-trace table never prints).
bool ParseGapRow(std::string_view t, RetsnoopLine* out) {
  if (t.starts_with(kDoubleBang)) {
    size_t at = t.find("missing ");
    if (at == std::string_view::npos) return false;
    std::string_view rest = t.substr(at + 8);
    out->kind = RetsnoopLineKind::kGap;
    if (auto n = ParseInt(NextField(&rest))) out->count = *n;
    return true;
  }
  std::string_view rest = t;
  if (NextField(&rest) == "..." && NextField(&rest) == "..." && rest.empty()) {
    out->kind = RetsnoopLineKind::kGap;
    return true;
  }
  return false;
}

// "marks dur [res] [~addr] sym (src)  args" in the stack block.
bool ParseFrameRow(std::string_view line, RetsnoopLine* out) {
  std::string_view s = line;
  bool no_frame = false;
  bool stitched = false;
  if (s.starts_with('!')) {
    no_frame = true;
    s.remove_prefix(1);
  }
  if (s.starts_with('*')) {
    stitched = true;
    s.remove_prefix(1);
  } else if (s.starts_with(kWavyLine)) {
    stitched = true;
    s.remove_prefix(kWavyLine.size());
  }
  s = TrimLeft(s);
  // A duration is only a duration when a result follows: both come from
  // the same traced call, and a bare "12us" could be a symbol.
  std::string_view ahead = s;
  std::string_view dur_field = NextField(&ahead);
  std::string_view result;
  bool unfinished = dur_field == "...";
  bool has_result = false;
  std::string_view duration;
  if ((unfinished || ParseDuration(dur_field, &duration)) &&
      ParseResult(NextField(&ahead), &result)) {
    s = ahead;
    has_result = true;
  } else {
    unfinished = false;
  }
  std::string_view field = NextField(&s);
  bool filtered = false;
  bool has_address = false;
  if (field.starts_with('~') && IsAddress(field.substr(1))) {
    filtered = true;
    has_address = true;
    field = NextField(&s);
  } else if (IsAddress(field)) {
    has_address = true;
    field = NextField(&s);
  }
  if (!IsSymbol(field)) return false;
  std::string_view source;
  bool has_source = ConsumeSource(&s, &source);
  std::string_view args = TrimRight(s);
  if (!args.empty() && !IsArgs(args)) return false;
  // A bare word is prose, not a frame: retsnoop prints a frame either with
  // the traced call's result or with the kernel stack's "+0x" offset.
  if (!has_result && !has_source && !has_address &&
      field.find('+') == std::string_view::npos) {
    return false;
  }
  out->kind = RetsnoopLineKind::kFrame;
  out->no_stack_frame = no_frame;
  out->stitched = stitched;
  out->filtered = filtered;
  out->has_address = has_address;
  out->unfinished = unfinished;
  out->duration = duration;
  out->result = result;
  out->name = field;
  out->source = source;
  out->args = args;
  return true;
}

// ". inlined_func  (file.c:12)" and the LBR continuation ". a (src)  . b".
bool ParseInlineRow(std::string_view t, RetsnoopLine* out) {
  if (!t.starts_with(". ")) return false;
  std::string_view rest = t.substr(2);
  std::string_view name = NextField(&rest);
  if (!IsSymbol(name)) return false;
  out->kind = RetsnoopLineKind::kInlineFrame;
  out->name = name;
  ConsumeSource(&rest, &out->source);
  out->args = TrimRight(rest);
  return true;
}

// "[#22] from (src)  ->  to (src)"
bool IsLbrRow(std::string_view t) {
  if (!t.starts_with("[#")) return false;
  size_t close = t.find(']');
  return close != std::string_view::npos && AllDigits(t.substr(2, close - 2));
}

// "WARNING! Sample data incomplete! 3 record(s) dropped. ..." and
// "WARNING! 12 samples were dropped, you are missing data! ...".
bool ParseWarning(std::string_view t, RetsnoopLine* out) {
  constexpr std::string_view kIncomplete = "WARNING! Sample data incomplete! ";
  constexpr std::string_view kWarning = "WARNING! ";
  std::string_view rest;
  if (t.starts_with(kIncomplete)) {
    rest = t.substr(kIncomplete.size());
    if (rest.find(" dropped") == std::string_view::npos) return false;
  } else if (t.starts_with(kWarning) &&
             t.find(" samples were dropped") != std::string_view::npos) {
    rest = t.substr(kWarning.size());
  } else {
    return false;
  }
  out->kind = RetsnoopLineKind::kLost;
  if (auto n = ParseInt(NextField(&rest))) out->count = *n;
  return true;
}

bool IsNote(std::string_view t) {
  return t.starts_with("LBR data was dropped") ||
         t.starts_with("Failed to capture LBR entries") ||
         t.starts_with("[LBR] ");
}

// retsnoop's status lines, its -v preamble, and the shell prompt authors
// paste above the output.
bool IsChatter(std::string_view t) {
  static constexpr std::array<std::string_view, 11> kPrefixes = {
      "Receiving data", "Detaching", "^C",       "Using vmlinux",
      "Discovered ",    "Found ",    "Skipped ", "Function '",
      "Total ",         "$ ",        "# "};
  for (std::string_view p : kPrefixes) {
    if (t.starts_with(p)) return true;
  }
  return false;
}

bool IsElision(std::string_view t) {
  return t == "[...]" || t == kEllipsis ||
         (t.size() >= 3 && t.find_first_not_of('.') == std::string_view::npos);
}

}  // namespace

void TokenizeRetsnoopLine(std::string_view line, RetsnoopLine* out) {
  *out = RetsnoopLine();
  out->indent = LeadingSpaces(line);
  std::string_view t = Trim(line);
  out->text = t;
  if (t.empty()) {
    out->kind = RetsnoopLineKind::kBlank;
    return;
  }
  if (ParseCallRow(t, out) || ParseGapRow(t, out)) return;
  if (t.starts_with(kArgMark) && t.size() > kArgMark.size() &&
      t[kArgMark.size()] == ' ') {
    out->kind = RetsnoopLineKind::kArg;
    out->args = Trim(t.substr(kArgMark.size()));
    return;
  }
  if (t == kArgsMissing) {
    out->kind = RetsnoopLineKind::kArg;
    out->args = t;
    return;
  }
  if (ParseSessionHeader(t, out)) return;
  if (t.starts_with("FUNCTION CALL") && t.find(" RESULT ") != t.npos &&
      t.find("DURATION") != t.npos) {
    out->kind = RetsnoopLineKind::kTableHeader;
    out->old_table_header = t.starts_with("FUNCTION CALL TRACE");
    return;
  }
  if (IsTableRule(t)) {
    out->kind = RetsnoopLineKind::kTableRule;
    return;
  }
  if (IsLbrRow(t)) {
    out->kind = RetsnoopLineKind::kLbr;
    return;
  }
  if (ParseWarning(t, out)) return;
  if (IsNote(t)) {
    out->kind = RetsnoopLineKind::kNote;
    return;
  }
  if (IsElision(t)) {
    out->kind = RetsnoopLineKind::kElision;
    return;
  }
  if (ParseInlineRow(t, out)) return;
  if (IsChatter(t)) {
    out->kind = RetsnoopLineKind::kChatter;
    return;
  }
  ParseFrameRow(line, out);
}

}  // namespace ftriage::parser
