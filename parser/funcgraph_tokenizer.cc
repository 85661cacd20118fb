#include "parser/funcgraph_tokenizer.h"

#include <cstring>

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

constexpr std::string_view kIrqEnterMark = "==========>";
constexpr std::string_view kIrqExitMark = "<==========";

// "8312.407170": abstime column, seconds with a fraction, no unit.
bool IsAbsTime(std::string_view t) {
  size_t dot = t.find('.');
  return dot != std::string_view::npos && AllDigits(t.substr(0, dot)) &&
         AllDigits(t.substr(dot + 1));
}

// "[mark ]12.345 us" -> mark and "12.345".
bool ParseDurationColumn(std::string_view t, char* mark,
                         std::string_view* duration) {
  char m = ' ';
  if (!t.empty() && std::strchr("+!#*@$", t[0]) != nullptr) {
    m = t[0];
    t = TrimLeft(t.substr(1));
  }
  if (t.size() < 4 || t.substr(t.size() - 2) != "us" ||
      !IsSpace(t[t.size() - 3])) {
    return false;
  }
  std::string_view num = TrimRight(t.substr(0, t.size() - 2));
  size_t dot = num.find('.');
  bool ok = dot == std::string_view::npos ? AllDigits(num)
                                          : AllDigits(num.substr(0, dot)) &&
                                                AllDigits(num.substr(dot + 1));
  if (!ok) return false;
  *mark = m;
  *duration = num;
  return true;
}

// "0 us" (rel time of latency tracers, before the CPU column).
bool IsRelTime(std::string_view t) {
  return t.size() > 3 && t.substr(t.size() - 3) == " us" &&
         AllDigits(TrimRight(t.substr(0, t.size() - 3)));
}

bool LooksLikeBody(std::string_view t) {
  return t.find_first_of("({};") != std::string_view::npos ||
         t.find("/*") != std::string_view::npos;
}

bool IsLatFlags(std::string_view t) {
  if (t.size() != 4 && t.size() != 5) return false;
  for (char c : t) {
    if (std::strchr(".dDbXNnpBLlZzHhs0123456789abcdef", c) == nullptr) {
      return false;
    }
  }
  return true;
}

// " 12) " -> 12, advancing |s| past ')'.
bool ConsumeCpu(std::string_view* s, int32_t* cpu) {
  std::string_view t = TrimLeft(*s);
  size_t i = 0;
  while (i < t.size() && IsDigit(t[i])) ++i;
  if (i == 0 || i > 6 || i >= t.size() || t[i] != ')') return false;
  if (i + 1 < t.size() && !IsSpace(t[i + 1])) return false;
  *cpu = static_cast<int32_t>(*ParseInt(t.substr(0, i)));
  *s = t.substr(i + 1);
  return true;
}

// Function name before '(' : "f", "f.isra.0", "dummy_xmit [dummy]", "0xffff..".
bool IsFunctionName(std::string_view name) {
  if (name.empty()) return false;
  size_t space = name.find(' ');
  std::string_view sym = name.substr(0, space);
  for (char c : sym) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) ||
              c == '_' || c == '.' || c == '$';
    if (!ok) return false;
  }
  if (space == std::string_view::npos) return true;
  std::string_view mod = name.substr(space + 1);
  return mod.size() > 2 && mod.front() == '[' && mod.back() == ']' &&
         mod.find(' ') == std::string_view::npos;
}

// Reads the trailers after a call or a '}': ";", "{", "/* .. */", "(ret=..)".
// Returns false if something else is left over.
bool ParseTrailers(std::string_view r, bool* leaf, bool* entry,
                   std::string_view* tail) {
  r = TrimLeft(r);
  while (!r.empty()) {
    if (r[0] == ';') {
      *leaf = true;
      r = r.substr(1);
    } else if (r[0] == '{') {
      *entry = true;
      r = r.substr(1);
    } else if (r.substr(0, 2) == "/*") {
      size_t end = r.find("*/", 2);
      if (end == std::string_view::npos) return false;
      *tail = Trim(r.substr(2, end - 2));
      r = r.substr(end + 2);
    } else if (r[0] == '(') {
      size_t end = r.find(')');
      if (end == std::string_view::npos) return false;
      std::string_view inner = Trim(r.substr(1, end - 1));
      // trace-cmd "(ret=-22)"; "(3)" is its fgraph:depth option: ignored.
      if (!AllDigits(inner)) *tail = inner;
      r = r.substr(end + 1);
    } else {
      return false;
    }
    r = TrimLeft(r);
  }
  return true;
}

bool ParseBody(std::string_view body, bool after_pipe, FuncgraphLine* out) {
  size_t n = LeadingSpaces(body);
  // The kernel writes "|  " then 2 spaces per level; some pasted samples
  // compact that to "| ", which makes the count odd.
  if (after_pipe) {
    out->depth = static_cast<int32_t>(n % 2 == 1 ? (n - 1) / 2
                                                 : (n >= 2 ? (n - 2) / 2 : 0));
  } else {
    out->depth = static_cast<int32_t>(n / 2);
  }
  std::string_view b = TrimRight(body.substr(n));
  if (b.empty()) return false;
  if (b.size() >= 4 && b.substr(0, 2) == "/*" &&
      b.substr(b.size() - 2) == "*/") {
    out->kind = FuncgraphLineKind::kComment;
    out->comment = Trim(b.substr(2, b.size() - 4));
    return true;
  }
  if (b.substr(0, 10) == "(Overruns:") {
    auto v = ParseInt(Trim(b.substr(10, b.size() - 11)));
    if (b.back() != ')' || !v) return false;
    out->kind = FuncgraphLineKind::kOverrun;
    out->overruns = *v;
    return true;
  }
  bool leaf = false;
  bool entry = false;
  if (b[0] == '}') {
    if (!ParseTrailers(b.substr(1), &leaf, &entry, &out->tail) || leaf ||
        entry) {
      return false;
    }
    out->kind = FuncgraphLineKind::kExit;
    return true;
  }
  size_t open = b.find('(');
  if (open == std::string_view::npos) return false;
  std::string_view name = TrimRight(b.substr(0, open));
  if (!IsFunctionName(name)) return false;
  int level = 0;
  size_t close = open;
  for (; close < b.size(); ++close) {
    if (b[close] == '(') ++level;
    if (b[close] == ')' && --level == 0) break;
  }
  if (close == b.size()) return false;
  if (!ParseTrailers(b.substr(close + 1), &leaf, &entry, &out->tail) ||
      (leaf && entry)) {
    return false;
  }
  out->func = name;
  out->args = b.substr(open + 1, close - open - 1);
  // A call with neither ';' nor '{' (seen in pre-merge patch samples) is a
  // leaf: it printed its own duration.
  out->kind = entry ? FuncgraphLineKind::kEntry : FuncgraphLineKind::kLeaf;
  return true;
}

}  // namespace

bool TokenizeFuncgraphLine(std::string_view line, FuncgraphLine* out) {
  *out = FuncgraphLine();
  std::string_view s = TrimRight(line);
  std::string_view t = TrimLeft(s);
  if (t.size() >= 10 && t.find_first_not_of('-') == std::string_view::npos) {
    out->kind = FuncgraphLineKind::kSeparator;
    return true;
  }
  // Time columns before the CPU: abstime "8312.407170 |", rel time "3 us |".
  for (int i = 0; i < 2; ++i) {
    size_t bar = s.find('|');
    if (bar == std::string_view::npos) break;
    std::string_view seg = Trim(s.substr(0, bar));
    std::string_view rest = s.substr(bar + 1);
    int32_t cpu;
    std::string_view probe = rest;
    if (IsAbsTime(seg) && out->abstime.empty()) {
      out->abstime = seg;
    } else if (!IsRelTime(seg) || !ConsumeCpu(&probe, &cpu)) {
      break;
    }
    s = rest;
  }
  bool has_cpu = ConsumeCpu(&s, &out->cpu);
  if (has_cpu && s.find('|') == std::string_view::npos) {
    size_t arrow = s.find("=>");
    if (arrow != std::string_view::npos) {
      if (!SplitCommPid(Trim(s.substr(0, arrow)), &out->prev_comm,
                        &out->prev_pid) ||
          !SplitCommPid(Trim(s.substr(arrow + 2)), &out->comm, &out->pid)) {
        return false;
      }
      out->kind = FuncgraphLineKind::kTaskSwitch;
      return true;
    }
  }
  // Columns ending in '|': proc, latency flags, then duration (or an irq
  // marker). Without a duration column the body follows directly.
  for (int col = 0; col < 3; ++col) {
    size_t bar = s.find('|');
    std::string_view seg = bar == std::string_view::npos
                               ? std::string_view()
                               : Trim(s.substr(0, bar));
    if (bar == std::string_view::npos || LooksLikeBody(seg)) break;
    std::string_view rest = s.substr(bar + 1);
    if (seg.empty()) return ParseBody(rest, true, out);
    if (ParseDurationColumn(seg, &out->mark, &out->duration)) {
      return ParseBody(rest, true, out);
    }
    if (seg == kIrqEnterMark || seg == kIrqExitMark) {
      if (!Trim(rest).empty()) return false;
      out->kind = seg == kIrqEnterMark ? FuncgraphLineKind::kIrqEnter
                                       : FuncgraphLineKind::kIrqExit;
      return true;
    }
    if (IsLatFlags(seg) && out->lat_flags.empty()) {
      out->lat_flags = seg;
    } else if (out->comm.empty() && SplitCommPid(seg, &out->comm, &out->pid)) {
      // proc column
    } else {
      return false;
    }
    s = rest;
  }
  // No '|' columns: only valid with a CPU column ("1) do_sys_open() {").
  if (!has_cpu) return false;
  if (!s.empty() && IsSpace(s[0])) s.remove_prefix(1);
  return ParseBody(s, false, out);
}

FuncgraphTail ParseFuncgraphTail(std::string_view tail) {
  FuncgraphTail out;
  bool expect_value = false;
  bool first = true;
  while (!(tail = TrimLeft(tail)).empty()) {
    size_t end = 0;
    while (end < tail.size() && !IsSpace(tail[end])) ++end;
    std::string_view tok = tail.substr(0, end);
    tail = tail.substr(end);
    if (expect_value) {
      out.retval = tok;
      expect_value = false;
    } else if (tok == "=") {
      expect_value = true;
    } else if (tok.substr(0, 4) == "ret=") {
      out.retval = tok.substr(4);
    } else if (tok.substr(0, 2) == "<-") {
      out.caller = tok.substr(2);
    } else if (first) {
      // Doc drift: ftrace.rst shows "} /* kmem_cache_free() */".
      if (tok.size() > 2 && tok.substr(tok.size() - 2) == "()") {
        tok.remove_suffix(2);
      }
      out.name = tok;
    }
    first = false;
  }
  // BTF-typed output marks truncated values: "0x69380649(trunc)".
  size_t paren = out.retval.find('(');
  if (paren != std::string_view::npos) out.retval = out.retval.substr(0, paren);
  return out;
}

}  // namespace ftriage::parser
