#include "parser/funcgraph_tokenizer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/decimal_time.h"
#include "core/unaligned_load.h"
#include "parser/text_scan.h"

// One left-to-right pass over the line: a cursor moves over the prologue
// columns, each recognized by its shape at the cursor (digits, '.', "us",
// ')', '|'; an empty or duration column is matched whole), then over the
// function column. A byte is looked at once or twice (a proc or flags
// column is trimmed after its '|' is found); only the rare lines without
// any '|' after the CPU (task switches, no duration column) search the
// rest of the line again, for "=>". Character tests are one table lookup;
// blank runs, column ends and call names are scanned 16 bytes at a time
// with SSE2 (blank runs 8 at a time without it), and the two times are
// converted to nanoseconds from the digits the column match walks anyway.

namespace ftriage::parser {
namespace {

// Character classes of kClasses.
enum CharClass : uint8_t {
  kNameClass = 1 << 0,     // a symbol name: [A-Za-z0-9_.$]
  kLatFlagClass = 1 << 1,  // a latency flags column: ".dDbXNnpBLlZzHhs0-9a-f"
  kMarkClass = 1 << 2,     // an overhead mark: "+!#*@$"
  kStopClass = 1 << 3,     // '|', "({};" and '/': where a column scan stops
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  auto add = [&t](std::string_view chars, uint8_t cls) {
    for (char c : chars) t[static_cast<unsigned char>(c)] |= cls;
  };
  add("0123456789", kNameClass | kLatFlagClass);
  add("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.$", kNameClass);
  add(".dDbXNnpBLlZzHhsabcdef", kLatFlagClass);
  add("+!#*@$", kMarkClass);
  add("|({};/", kStopClass);
  // The column tests this replaces used strchr(), which also matches NUL.
  t[0] |= kLatFlagClass | kMarkClass;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

constexpr std::string_view kIrqEnterMark = "==========>";
constexpr std::string_view kIrqExitMark = "<==========";

inline bool Is(char c, uint8_t cls) {
  return (kClasses[static_cast<unsigned char>(c)] & cls) != 0;
}

// Word-at-a-time scanning (SWAR) of blank runs: 8 bytes per step.
constexpr uint64_t Repeat(char c) {
  return 0x0101010101010101u * static_cast<unsigned char>(c);
}
constexpr uint64_t kHighBits = Repeat(static_cast<char>(0x80));

// The high bit of each byte of |w| equal to |c|, exactly (no borrows).
inline uint64_t BytesEqual(uint64_t w, char c) {
  constexpr uint64_t kLow7 = Repeat(0x7f);
  uint64_t v = w ^ Repeat(c);
  return ~(((v & kLow7) + kLow7) | v | kLow7);
}

// Index of the first byte flagged in |mask| (from BytesEqual).
inline int FirstFlagged(uint64_t mask) {
  return (std::endian::native == std::endian::little
              ? std::countr_zero(mask)
              : std::countl_zero(mask)) >>
         3;
}

#if defined(__SSE2__)
// 16 bytes per step where SSE2 is available (every x86-64): the body's
// indentation is the longest blank run of a line, often 20-40 bytes.
inline __m128i Load16(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline uint32_t Equal16(__m128i v, char c) {
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
}
#endif

inline const char* SkipSpaces(const char* p, const char* end) {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    __m128i v = Load16(p);
    uint32_t blank = Equal16(v, ' ') | Equal16(v, '\t');
    if (blank != 0xffff) return p + std::countr_one(blank);
  }
#endif
  for (; end - p >= 8; p += 8) {
    uint64_t w = Load8(p);
    uint64_t other = ~(BytesEqual(w, ' ') | BytesEqual(w, '\t')) & kHighBits;
    if (other != 0) return p + FirstFlagged(other);
  }
  while (p < end && IsSpace(*p)) ++p;
  return p;
}

// The first '|' or character that starts a function column ("({};" or
// "/*") at or after |p|, or |end|.
const char* FindColumnEnd(const char* p, const char* end) {
#if defined(__SSE2__)
  // A proc column is 10-20 bytes: one or two steps instead of a byte loop.
  for (; end - p >= 16; p += 16) {
    __m128i v = Load16(p);
    uint32_t stop = Equal16(v, '|') | Equal16(v, '(') | Equal16(v, '{') |
                    Equal16(v, '}') | Equal16(v, ';') | Equal16(v, '/');
    for (; stop != 0; stop &= stop - 1) {
      const char* q = p + std::countr_zero(stop);
      if (*q != '/' || (q + 1 < end && q[1] == '*')) return q;
    }
  }
#endif
  for (; p < end; ++p) {
    if (Is(*p, kStopClass) && (*p != '/' || (p + 1 < end && p[1] == '*'))) {
      return p;
    }
  }
  return end;
}

inline std::string_view View(const char* begin, const char* end) {
  return {begin, static_cast<size_t>(end - begin)};
}

// 10^k for the decimals a unit drops to: 10^0 .. 10^9.
constexpr std::array<uint64_t, 10> kPow10 = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

// Past the digits at |p|, appended to |*digits| (12 then 345 -> 12345).
inline const char* ScanDigits(const char* p, const char* end,
                              uint64_t* digits) {
  uint64_t v = *digits;
  for (; p < end; ++p) {
    unsigned d = static_cast<unsigned>(*p - '0');
    if (d > 9) break;
    v = v * 10 + d;
  }
  *digits = v;
  return p;
}

// The nanoseconds of |text| ("12.345": |whole| digits, '.', |fraction|
// digits, or just digits), in a unit of 10^|decimals| ns, from |digits|
// that the column match gathered on its way; -1 where ParseDecimalNs gives
// nullopt. The shapes ftrace prints (at most 9 whole digits and |decimals|
// decimals: 18 digits, no overflow) cost a multiply; ParseDecimalNs reads
// the rest.
int64_t DecimalNs(std::string_view text, uint64_t digits, size_t whole,
                  size_t fraction, int decimals, int64_t unit_ns) {
  if (whole <= 9 && fraction <= static_cast<size_t>(decimals)) {
    return static_cast<int64_t>(digits * kPow10[decimals - fraction]);
  }
  return ParseDecimalNs(text, unit_ns).value_or(-1);
}

// Past "12.345" or "12" at |p| (digits, at most one '.' between digits),
// or nullptr; |*ns| is its value in microseconds (DecimalNs).
const char* ScanMicros(const char* p, const char* end, int64_t* ns) {
  uint64_t digits = 0;
  const char* d = ScanDigits(p, end, &digits);
  if (d == p) return nullptr;
  const char* f = d;
  if (d < end && *d == '.') {
    f = ScanDigits(d + 1, end, &digits);
    if (f == d + 1) return nullptr;
  }
  size_t whole = static_cast<size_t>(d - p);
  size_t fraction = f == d ? 0 : static_cast<size_t>(f - d - 1);
  *ns = DecimalNs(View(p, f), digits, whole, fraction, 3, kNsPerUs);
  return f;
}

// A time column before the CPU: abstime "8312.407170 |" (seconds) or the
// latency tracers' rel time "0 us |". Its text is the column trimmed.
enum class TimeKind : uint8_t { kNone, kAbs, kRel };
struct TimeColumn {
  TimeKind kind = TimeKind::kNone;
  std::string_view text;
  int64_t ns = -1;             // kAbs: |text| in nanoseconds (DecimalNs)
  const char* next = nullptr;  // after the '|'
};

// |begin|: the column's first non-blank.
TimeColumn ScanTimeColumn(const char* begin, const char* end) {
  TimeColumn col;
  uint64_t digits = 0;
  const char* q = ScanDigits(begin, end, &digits);
  if (q == begin) return col;
  TimeKind kind;
  if (q < end && *q == '.') {
    const char* f = ScanDigits(q + 1, end, &digits);
    if (f == q + 1) return col;
    kind = TimeKind::kAbs;
    col.ns = DecimalNs(View(begin, f), digits, static_cast<size_t>(q - begin),
                       static_cast<size_t>(f - q - 1), 9, kNsPerSec);
    q = f;
  } else {
    // Digits, blanks of which the last is ' ', "us". Tested before the
    // scan: the CPU column "2)" after an abstime comes here on every line.
    if (q == end || !IsSpace(*q)) return col;
    const char* s = SkipSpaces(q, end);
    if (s[-1] != ' ' || end - s < 2 || s[0] != 'u' || s[1] != 's') {
      return col;
    }
    kind = TimeKind::kRel;
    q = s + 2;
  }
  const char* bar = SkipSpaces(q, end);
  if (bar == end || *bar != '|') return col;
  col.kind = kind;
  col.text = View(begin, q);
  col.next = bar + 1;
  return col;
}

// "12) " at |begin| (a non-blank) -> 12 and |*after| past ')'. The ')' ends
// the line or is followed by a blank.
bool ConsumeCpu(const char* begin, const char* end, const char** after,
                int32_t* cpu) {
  uint64_t v = 0;  // wraps harmlessly past 19 digits: more than 6 fail
  const char* q = ScanDigits(begin, end, &v);
  if (q == begin || q - begin > 6 || q == end || *q != ')') return false;
  if (q + 1 < end && !IsSpace(q[1])) return false;
  *cpu = static_cast<int32_t>(v);
  *after = q + 1;
  return true;
}

// A duration column "[mark ]12.345 us |" from its first non-blank |p|:
// sets the mark and "12.345", returns the position after the '|', or
// nullptr if the column is something else.
const char* MatchDuration(const char* p, const char* end, char* mark,
                          std::string_view* duration, int64_t* duration_ns) {
  char m = ' ';
  if (p < end && Is(*p, kMarkClass)) {
    m = *p;
    p = SkipSpaces(p + 1, end);
  }
  int64_t ns;
  const char* num_end = ScanMicros(p, end, &ns);
  if (num_end == nullptr) return nullptr;
  const char* us = SkipSpaces(num_end, end);
  if (us == num_end || end - us < 2 || us[0] != 'u' || us[1] != 's') {
    return nullptr;
  }
  const char* bar = SkipSpaces(us + 2, end);
  if (bar == end || *bar != '|') return nullptr;
  *mark = m;
  *duration = View(p, num_end);
  *duration_ns = ns;
  return bar + 1;
}

bool IsLatFlags(std::string_view t) {
  if (t.size() != 4 && t.size() != 5) return false;
  for (char c : t) {
    if (!Is(c, kLatFlagClass)) return false;
  }
  return true;
}

// Function name before '(' with a space in it: "dummy_xmit [dummy]".
bool IsFunctionName(std::string_view name) {
  if (name.empty()) return false;
  size_t space = name.find(' ');
  std::string_view sym = name.substr(0, space);
  for (char c : sym) {
    if (!Is(c, kNameClass)) return false;
  }
  if (space == std::string_view::npos) return true;
  std::string_view mod = name.substr(space + 1);
  return mod.size() > 2 && mod.front() == '[' && mod.back() == ']' &&
         mod.find(' ') == std::string_view::npos;
}

// Index of |c| in |s| from |pos|, or npos: a loop, as the strings are short.
size_t IndexOf(std::string_view s, char c, size_t pos) {
  for (; pos < s.size(); ++pos) {
    if (s[pos] == c) return pos;
  }
  return std::string_view::npos;
}

// How many symbol characters (kNameClass) |s| starts with.
size_t NameLength(std::string_view s) {
  size_t n = 0;
#if defined(__SSE2__)
  // 16 at a time: call names are 10-30 bytes. Unsigned "x - lo <= span"
  // range tests; '| 0x20' folds upper case onto lower case and maps no
  // other byte into 'a'-'z'.
  auto in_range = [](__m128i v, char lo, char span) {
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
  };
  auto eq = [](__m128i v, char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
  };
  for (; s.size() - n >= 16; n += 16) {
    __m128i v = Load16(s.data() + n);
    __m128i name = _mm_or_si128(
        _mm_or_si128(in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25),
                     in_range(v, '0', 9)),
        _mm_or_si128(eq(v, '_'), _mm_or_si128(eq(v, '.'), eq(v, '$'))));
    auto bits = static_cast<uint32_t>(_mm_movemask_epi8(name));
    if (bits != 0xffff) return n + static_cast<size_t>(std::countr_one(bits));
  }
#endif
  while (n < s.size() && Is(s[n], kNameClass)) ++n;
  return n;
}

// Reads the trailers after a call or a '}': ";", "{", "/* .. */", "(ret=..)".
// Returns false if something else is left over.
bool ParseTrailers(std::string_view r, bool* leaf, bool* entry,
                   std::string_view* tail) {
  r = TrimLeft(r);
  while (!r.empty()) {
    if (r[0] == ';') {
      *leaf = true;
      r.remove_prefix(1);
    } else if (r[0] == '{') {
      *entry = true;
      r.remove_prefix(1);
    } else if (r.size() >= 2 && r[0] == '/' && r[1] == '*') {
      size_t end = 2;
      while (end + 1 < r.size() && !(r[end] == '*' && r[end + 1] == '/')) {
        ++end;
      }
      if (end + 1 >= r.size()) return false;
      *tail = Trim(r.substr(2, end - 2));
      r.remove_prefix(end + 2);
    } else if (r[0] == '(') {
      size_t end = IndexOf(r, ')', 1);
      if (end == std::string_view::npos) return false;
      std::string_view inner = Trim(r.substr(1, end - 1));
      // trace-cmd "(ret=-22)"; "(3)" is its fgraph:depth option: ignored.
      if (!AllDigits(inner)) *tail = inner;
      r.remove_prefix(end + 1);
    } else {
      return false;
    }
    r = TrimLeft(r);
  }
  return true;
}

// The function column after its indentation, up to the line's trimmed
// end: a call, a '}', a comment or an overrun note. |b| is not empty and
// starts with no blank.
bool ParseStatement(std::string_view b, FuncgraphLine* out) {
  if (b.size() >= 4 && b.starts_with("/*") && b.ends_with("*/")) {
    out->kind = FuncgraphLineKind::kComment;
    out->comment = Trim(b.substr(2, b.size() - 4));
    return true;
  }
  if (b[0] == '(' && b.starts_with("(Overruns:")) {
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
  // The name: symbol characters up to '(' on the fast path; anything else
  // ("f [mod](", "f (") is checked as a whole.
  size_t open = NameLength(b);
  std::string_view name = b.substr(0, open);
  if (open == b.size() || b[open] != '(' || open == 0) {
    open = IndexOf(b, '(', open);
    if (open == std::string_view::npos) return false;
    name = TrimRight(b.substr(0, open));
    if (!IsFunctionName(name)) return false;
  }
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

// "----------" (ten dashes or more, nothing else) from the first non-blank.
bool IsSeparator(const char* t, const char* end) {
  const char* q = t;
  while (q < end && *q == '-') ++q;
  return q == end && q - t >= 10;
}

// " 0)  platfor-3210  =>  vmstat-2854" after the CPU column; |p| to |end|
// holds no '|'. Returns false without "=>".
bool ParseTaskSwitch(const char* p, const char* end, FuncgraphLine* out,
                     bool* ok) {
  std::string_view s = View(p, end);
  size_t arrow = s.find("=>");
  if (arrow == std::string_view::npos) return false;
  *ok =
      SplitCommPid(Trim(s.substr(0, arrow)), &out->prev_comm, &out->prev_pid) &&
      SplitCommPid(Trim(s.substr(arrow + 2)), &out->comm, &out->pid);
  if (*ok) out->kind = FuncgraphLineKind::kTaskSwitch;
  return true;
}

}  // namespace

// Reads and fills FuncgraphColumnMemo (see there) for TokenizeFuncgraphLine.
// A slot is keyed by the state the line was read in at its first byte (0:
// at the line's start, 1: after an abstime column), the bytes up to where
// the duration column starts, and one more: the CPU column's test looks at
// the byte after its ')'.
class FuncgraphColumnScan {
 public:
  using Slot = FuncgraphColumnMemo::Slot;

  // At |p|, in |state|: if a slot holds the bytes at |p|, sets the fields
  // it found (a CPU among them), |*resume| to where its duration column
  // starts and |*column| as the scan there had it.
  static bool Resume(FuncgraphColumnMemo* memo, uint8_t state, const char* p,
                     const char* end, FuncgraphLine* out, const char** resume,
                     int* column) {
    if (end - p < 8) return false;
    const Slot& s = memo->slots_[SlotOf(p, state)];
    if (s.size == 0 || s.state != state ||
        static_cast<size_t>(end - p) < s.size ||
        !SameBytes(p, s.bytes.data(), s.size)) {
      return false;
    }
    out->cpu = s.cpu;
    if (s.has_comm) {
      out->comm = View(p + s.comm_at, p + s.comm_at + s.comm_size);
      out->pid = s.pid;
    }
    if (s.has_lat_flags) {
      out->lat_flags =
          View(p + s.lat_flags_at, p + s.lat_flags_at + s.lat_flags_size);
    }
    *resume = p + s.resume;
    *column = s.column;
    ++memo->hits_;
    return true;
  }

  // The scan read from |begin| (in |state|) to |resume|, where a duration
  // column starts (before |end|), with |column| '|' columns and the fields
  // of |out|. Kept only after a CPU column: every test before it stopped
  // at a byte up to its ')'. Without one, the time and CPU tests that
  // failed at |begin| read bytes the slot would not hold (a rel time
  // column "3750 us |" was then read as a duration).
  static void Record(FuncgraphColumnMemo* memo, uint8_t state,
                     const char* begin, const char* resume, const char* end,
                     int column, bool has_cpu, const FuncgraphLine& out) {
    auto size = static_cast<size_t>(resume + 1 - begin);
    if (!has_cpu || size > FuncgraphColumnMemo::kMaxBytes || end - begin < 8) {
      return;
    }
    Slot& s = memo->slots_[SlotOf(begin, state)];
    std::memcpy(s.bytes.data(), begin, size);
    s.size = static_cast<uint8_t>(size);
    s.state = state;
    s.resume = static_cast<uint8_t>(resume - begin);
    s.column = static_cast<uint8_t>(column);
    s.cpu = out.cpu;
    s.has_comm = out.pid >= 0;
    s.comm_at = static_cast<uint8_t>(s.has_comm ? out.comm.data() - begin : 0);
    s.comm_size = static_cast<uint8_t>(out.comm.size());
    s.pid = out.pid;
    s.has_lat_flags = !out.lat_flags.empty();
    s.lat_flags_at = static_cast<uint8_t>(
        s.has_lat_flags ? out.lat_flags.data() - begin : 0);
    s.lat_flags_size = static_cast<uint8_t>(out.lat_flags.size());
  }

 private:
  static size_t SlotOf(const char* p, uint8_t state) {
    uint64_t h = (Load8(p) ^ state) * 0x9e3779b97f4a7c15u;
    return static_cast<size_t>(h >> 60);  // FuncgraphColumnMemo::kSlots
  }
};

// Reads and fills the function column part of FuncgraphColumnMemo (see
// there) for ParseBody.
class FuncgraphBodyScan {
 public:
  using Memo = FuncgraphColumnMemo;

  // If a slot holds |b|, sets the fields the scan found in it.
  static bool Resume(Memo* memo, std::string_view b, FuncgraphLine* out) {
    if (!Fits(b)) return false;
    const Memo::BodySlot& s = memo->body_slots_[SlotOf(b)];
    if (s.size != b.size() || !SameBytes(b.data(), s.bytes.data(), b.size())) {
      return false;
    }
    out->kind = static_cast<FuncgraphLineKind>(s.kind);
    out->func = ViewAt(b, s.func_at, s.func_size);
    out->args = ViewAt(b, s.args_at, s.args_size);
    out->tail = ViewAt(b, s.tail_at, s.tail_size);
    ++memo->body_hits_;
    return true;
  }

  // ParseStatement read |b| into |out|. Only calls, exits and leaves are
  // kept: they set no field but the kind and these three views.
  static void Record(Memo* memo, std::string_view b, const FuncgraphLine& out) {
    if (!Fits(b) || (out.kind != FuncgraphLineKind::kEntry &&
                     out.kind != FuncgraphLineKind::kLeaf &&
                     out.kind != FuncgraphLineKind::kExit)) {
      return;
    }
    if (!Inside(b, out.func) || !Inside(b, out.args) || !Inside(b, out.tail)) {
      return;
    }
    Memo::BodySlot& s = memo->body_slots_[SlotOf(b)];
    std::memcpy(s.bytes.data(), b.data(), b.size());
    s.size = static_cast<uint8_t>(b.size());
    s.kind = static_cast<uint8_t>(out.kind);
    Offset(b, out.func, &s.func_at, &s.func_size);
    Offset(b, out.args, &s.args_at, &s.args_size);
    Offset(b, out.tail, &s.tail_at, &s.tail_size);
  }

 private:
  static bool Fits(std::string_view b) {
    return b.size() >= 8 && b.size() <= Memo::kMaxBodyBytes;
  }
  static size_t SlotOf(std::string_view b) {
    uint64_t h =
        (Load8(b.data()) ^ (Load8(b.data() + b.size() - 8) >> 1) ^ b.size()) *
        0x9e3779b97f4a7c15u;
    static_assert(Memo::kBodySlots == 1024);
    return static_cast<size_t>(h >> 54);
  }
  // Whether |v| is a default view or one inside |b| (at its end when
  // empty), as the scan's are: a slot holds those as offsets.
  static bool Inside(std::string_view b, std::string_view v) {
    return v.data() == nullptr ||
           (v.data() >= b.data() && v.data() + v.size() <= b.data() + b.size());
  }
  static void Offset(std::string_view b, std::string_view v, uint8_t* at,
                     uint8_t* size) {
    *at = v.data() == nullptr ? Memo::kNoView
                              : static_cast<uint8_t>(v.data() - b.data());
    *size = static_cast<uint8_t>(v.size());
  }
  static std::string_view ViewAt(std::string_view b, uint8_t at, uint8_t size) {
    return at == Memo::kNoView ? std::string_view() : b.substr(at, size);
  }
};

namespace {

// The function column from |p| to the line's trimmed end |end|: the
// indentation gives the depth; the rest is a statement. With |memo|, a
// statement seen before takes the fields it gave then.
bool ParseBody(const char* p, const char* end, bool after_pipe,
               FuncgraphLine* out, FuncgraphColumnMemo* memo) {
  const char* begin = SkipSpaces(p, end);
  size_t n = static_cast<size_t>(begin - p);
  // The kernel writes "|  " then 2 spaces per level; some pasted samples
  // compact that to "| ", which makes the count odd.
  if (after_pipe) {
    out->depth = static_cast<int32_t>(n % 2 == 1 ? (n - 1) / 2
                                                 : (n >= 2 ? (n - 2) / 2 : 0));
  } else {
    out->depth = static_cast<int32_t>(n / 2);
  }
  if (begin == end) return false;
  std::string_view b = View(begin, end);
  if (memo == nullptr) return ParseStatement(b, out);
  if (FuncgraphBodyScan::Resume(memo, b, out)) return true;
  if (!ParseStatement(b, out)) return false;
  FuncgraphBodyScan::Record(memo, b, *out);
  return true;
}

}  // namespace

bool TokenizeFuncgraphLine(std::string_view line, FuncgraphLine* out,
                           FuncgraphColumnMemo* memo) {
  // A copy of a constant is a few vector moves; "= FuncgraphLine()" built a
  // zeroed temporary first (rep stos), on every line.
  static constexpr FuncgraphLine kEmpty;
  *out = kEmpty;
  // |p| walks the line; |t| is always SkipSpaces(p).
  const char* p = line.data();
  const char* end = p + TrimRight(line).size();
  const char* t = SkipSpaces(p, end);
  if (IsSeparator(t, end)) {
    out->kind = FuncgraphLineKind::kSeparator;
    return true;
  }
  // Where the memo's bytes begin (nullptr: nothing to record) and in which
  // state: at the line's start, or after its abstime.
  const char* memo_begin = nullptr;
  uint8_t memo_state = 0;
  bool abstime = false;
  bool resumed = false;
  int col = 0;
  bool has_cpu = false;
  // Time columns before the CPU: abstime "8312.407170 |", rel time "3 us |"
  // (only when a CPU column follows it).
  for (int i = 0; i < 2; ++i) {
    if (memo != nullptr && (i == 0 || abstime)) {
      memo_state = abstime ? 1 : 0;
      resumed =
          FuncgraphColumnScan::Resume(memo, memo_state, p, end, out, &p, &col);
      if (resumed) {
        has_cpu = true;
        break;
      }
      memo_begin = p;
    }
    TimeColumn tc = ScanTimeColumn(t, end);
    const char* after;
    int32_t cpu;
    if (tc.kind == TimeKind::kAbs && !abstime) {
      abstime = true;
      out->abstime = tc.text;
      out->abstime_ns = tc.ns;
      memo_begin = nullptr;  // a field from bytes that vary
    } else if (tc.kind != TimeKind::kRel ||
               !ConsumeCpu(SkipSpaces(tc.next, end), end, &after, &cpu)) {
      break;
    }
    p = tc.next;
    t = SkipSpaces(p, end);
  }
  if (!resumed) has_cpu = ConsumeCpu(t, end, &p, &out->cpu);
  // Columns ending in '|': proc, latency flags, then duration (or an irq
  // marker). Without a duration column the body follows directly.
  for (; col < 3; ++col) {
    t = SkipSpaces(p, end);
    // By shape first: an empty column or a duration ends the prologue.
    const char* rest = nullptr;
    if (t < end && *t == '|') {
      rest = t + 1;
    } else {
      rest =
          MatchDuration(t, end, &out->mark, &out->duration, &out->duration_ns);
    }
    if (rest != nullptr) {
      if (memo_begin != nullptr) {
        FuncgraphColumnScan::Record(memo, memo_state, memo_begin, p, end, col,
                                    has_cpu, *out);
      }
      return ParseBody(rest, end, true, out, memo);
    }
    const char* bar = FindColumnEnd(t, end);
    if (bar == end || *bar != '|') {
      // No '|' before the function column. With none at all after the CPU,
      // "a-1 => b-2" is a task switch.
      bool ok;
      if (col == 0 && has_cpu && std::find(bar, end, '|') == end &&
          ParseTaskSwitch(p, end, out, &ok)) {
        return ok;
      }
      break;
    }
    std::string_view seg = TrimRight(View(t, bar));
    rest = bar + 1;
    if (seg == kIrqEnterMark || seg == kIrqExitMark) {
      if (SkipSpaces(rest, end) != end) return false;
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
    p = rest;
  }
  // No '|' columns: only valid with a CPU column ("1) do_sys_open() {").
  if (!has_cpu) return false;
  if (p < end && IsSpace(*p)) ++p;
  return ParseBody(p, end, false, out, memo);
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
