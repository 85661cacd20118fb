#include "kernel/config_condition.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace ftriage::kernel {
namespace {

// A value of the expression: the integer, or nullopt when unknown.
using Value = std::optional<int64_t>;

constexpr std::string_view kConfigPrefix = "CONFIG_";
constexpr std::string_view kModuleSuffix = "_MODULE";

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

enum class Kind : uint8_t { kIdent, kNumber, kOp, kOther, kEnd };

struct Token {
  Kind kind;
  std::string_view text;
};

// Operators of #if expressions, longest first.
constexpr std::array<std::string_view, 24> kOperators = {
    "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "!", "<", ">", "(",
    ")",  "+",  "-",  "*",  "/",  "%",  "&",  "|",  "^", "~", "?", ":"};

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    const size_t start = i;
    if (IsIdentStart(c)) {
      while (i < s.size() && IsIdentChar(s[i])) ++i;
      out.push_back({Kind::kIdent, s.substr(start, i - start)});
      continue;
    }
    if (IsDigit(c)) {
      while (i < s.size() && IsIdentChar(s[i])) ++i;
      out.push_back({Kind::kNumber, s.substr(start, i - start)});
      continue;
    }
    if (c == '"' || c == '\'') {  // __has_include("x.h"), '\0'
      ++i;
      while (i < s.size() && s[i] != c) i += s[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, s.size());
      out.push_back({Kind::kOther, s.substr(start, i - start)});
      continue;
    }
    const auto op = std::ranges::find_if(kOperators, [&](std::string_view o) {
      return s.substr(i).starts_with(o);
    });
    const size_t len = op == kOperators.end() ? 1 : op->size();
    out.push_back(
        {op == kOperators.end() ? Kind::kOther : Kind::kOp, s.substr(i, len)});
    i += len;
  }
  out.push_back({Kind::kEnd, {}});
  return out;
}

// "123", "0x1f", "017", "4096UL"; nullopt when not an integer literal.
Value ParseInteger(std::string_view text) {
  while (!text.empty() && (text.back() == 'u' || text.back() == 'U' ||
                           text.back() == 'l' || text.back() == 'L')) {
    text.remove_suffix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    int d;
    if (IsDigit(c)) {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (d >= base || v > (UINT64_MAX >> 4)) return std::nullopt;
    v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(v);
}

Value FromTruth(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? 1 : 0;
}

// Binary operator precedence, higher binds tighter; 0 = not binary.
int Precedence(std::string_view op) {
  static constexpr std::array<std::pair<std::string_view, int>, 18> kTable = {
      {{"||", 1},
       {"&&", 2},
       {"|", 3},
       {"^", 4},
       {"&", 5},
       {"==", 6},
       {"!=", 6},
       {"<", 7},
       {"<=", 7},
       {">", 7},
       {">=", 7},
       {"<<", 8},
       {">>", 8},
       {"+", 9},
       {"-", 9},
       {"*", 10},
       {"/", 10},
       {"%", 10}}};
  for (const auto& [name, prec] : kTable) {
    if (name == op) return prec;
  }
  return 0;
}

Value Apply(std::string_view op, Value a, Value b) {
  if (op == "&&") {
    if ((a && *a == 0) || (b && *b == 0)) return 0;
    if (a && b) return 1;
    return std::nullopt;
  }
  if (op == "||") {
    if ((a && *a != 0) || (b && *b != 0)) return 1;
    if (a && b) return 0;
    return std::nullopt;
  }
  if (!a || !b) return std::nullopt;
  const int64_t x = *a;
  const int64_t y = *b;
  if (op == "|") return x | y;
  if (op == "^") return x ^ y;
  if (op == "&") return x & y;
  if (op == "==") return x == y;
  if (op == "!=") return x != y;
  if (op == "<") return x < y;
  if (op == "<=") return x <= y;
  if (op == ">") return x > y;
  if (op == ">=") return x >= y;
  if (op == "<<" || op == ">>") {
    if (y < 0 || y > 62) return std::nullopt;
    return op == "<<" ? static_cast<int64_t>(static_cast<uint64_t>(x) << y)
                      : x >> y;
  }
  // Overflow wraps around instead of being undefined behaviour.
  const auto ux = static_cast<uint64_t>(x);
  const auto uy = static_cast<uint64_t>(y);
  if (op == "+") return static_cast<int64_t>(ux + uy);
  if (op == "-") return static_cast<int64_t>(ux - uy);
  if (op == "*") return static_cast<int64_t>(ux * uy);
  if (y == 0 || (x == INT64_MIN && y == -1)) return std::nullopt;
  return op == "/" ? x / y : x % y;
}

// Recursive descent over the tokens; never fails: what it cannot read is
// an unknown value, skipped up to the next && || ? : ) at its level.
class Evaluator {
 public:
  Evaluator(std::vector<Token> tokens, const ConfigLookup& lookup)
      : tokens_(std::move(tokens)), lookup_(lookup) {}

  Truth Run() {
    Value v = Conditional();
    if (Peek().kind != Kind::kEnd) return Truth::kUnknown;
    if (!v) return Truth::kUnknown;
    return *v != 0 ? Truth::kTrue : Truth::kFalse;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  bool PeekOp(std::string_view op) const {
    return Peek().kind == Kind::kOp && Peek().text == op;
  }
  void Advance() {
    if (Peek().kind != Kind::kEnd) ++pos_;
  }
  bool Accept(std::string_view op) {
    if (!PeekOp(op)) return false;
    Advance();
    return true;
  }

  // Nesting deeper than this ("((((...", "!!!!...", "1?1?1?...") is
  // unknown, not a stack overflow; real #if expressions nest a few levels.
  // Counted in Conditional() and Unary() calls: a parenthesis takes two.
  static constexpr int kMaxDepth = 500;
  // Counts one level of recursion while it lives.
  class Nested {
   public:
    explicit Nested(int* depth) : depth_(depth) { ++*depth_; }
    ~Nested() { --*depth_; }
    Nested(const Nested&) = delete;
    Nested& operator=(const Nested&) = delete;

   private:
    int* depth_;
  };

  Value Conditional() {
    Nested nested(&depth_);
    if (depth_ > kMaxDepth) return Unreadable();
    Value cond = Binary(1);
    if (!Accept("?")) return cond;
    Value yes = Conditional();
    if (!Accept(":")) return Unreadable();
    Value no = Conditional();
    if (!cond) return yes == no ? yes : std::nullopt;
    return *cond != 0 ? yes : no;
  }

  Value Binary(int min_prec) {
    Value lhs = Unary();
    while (Peek().kind == Kind::kOp) {
      const std::string_view op = Peek().text;
      const int prec = Precedence(op);
      if (prec == 0 || prec < min_prec) break;
      Advance();
      Value rhs = Binary(prec + 1);
      lhs = Apply(op, lhs, rhs);
    }
    return lhs;
  }

  Value Unary() {
    Nested nested(&depth_);
    if (depth_ > kMaxDepth) return Unreadable();
    if (Accept("!")) {
      Value v = Unary();
      return v ? Value(*v == 0) : std::nullopt;
    }
    if (Accept("-")) {
      Value v = Unary();
      return v ? Value(-*v) : std::nullopt;
    }
    if (Accept("+")) return Unary();
    if (Accept("~")) {
      Value v = Unary();
      return v ? Value(~*v) : std::nullopt;
    }
    return Primary();
  }

  Value Primary() {
    const Token t = Peek();
    if (t.kind == Kind::kNumber) {
      Advance();
      return ParseInteger(t.text);
    }
    if (Accept("(")) {
      Value v = Conditional();
      return Accept(")") ? v : Unreadable();
    }
    if (t.kind != Kind::kIdent) return Unreadable();
    Advance();
    if (t.text == "defined") return Defined();
    if (t.text == "IS_ENABLED" || t.text == "IS_REACHABLE" ||
        t.text == "IS_BUILTIN" || t.text == "IS_MODULE") {
      return KconfigMacro(t.text);
    }
    if (PeekOp("(")) {  // another function-like macro
      SkipGroup();
      return std::nullopt;
    }
    return OptionValue(t.text);
  }

  // defined(X) or defined X.
  Value Defined() {
    const bool paren = Accept("(");
    if (Peek().kind != Kind::kIdent) return Unreadable();
    const std::string_view name = Peek().text;
    Advance();
    if (paren && !Accept(")")) return Unreadable();
    return FromTruth(IsDefined(name));
  }

  // IS_ENABLED(CONFIG_X) and friends.
  Value KconfigMacro(std::string_view macro) {
    if (!PeekOp("(")) return Unreadable();
    if (PeekAt(1).kind != Kind::kIdent || !PeekOpAt(2, ")")) {
      SkipGroup();
      return std::nullopt;
    }
    const std::string_view name = PeekAt(1).text;
    pos_ += 3;
    if (!name.starts_with(kConfigPrefix)) return std::nullopt;
    switch (lookup_(name)) {
      case ConfigState::kUnknown:
      case ConfigState::kValue:
        return std::nullopt;
      case ConfigState::kUnset:
        return 0;
      case ConfigState::kBuiltin:
        return macro != "IS_MODULE";
      case ConfigState::kModule:
        return macro != "IS_BUILTIN";
    }
    return std::nullopt;
  }

  const Token& PeekAt(size_t ahead) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  bool PeekOpAt(size_t ahead, std::string_view op) const {
    return PeekAt(ahead).kind == Kind::kOp && PeekAt(ahead).text == op;
  }

  // Whether autoconf.h defines |name|; nullopt when that depends on
  // something the lookup does not know.
  std::optional<bool> IsDefined(std::string_view name) const {
    if (!name.starts_with(kConfigPrefix)) return std::nullopt;
    const ConfigState s = lookup_(name);
    if (s == ConfigState::kBuiltin || s == ConfigState::kValue) return true;
    if (name.ends_with(kModuleSuffix)) {
      const ConfigState base =
          lookup_(name.substr(0, name.size() - kModuleSuffix.size()));
      if (base == ConfigState::kUnknown) return std::nullopt;
      return base == ConfigState::kModule;
    }
    if (s == ConfigState::kUnknown) return std::nullopt;
    return false;
  }

  // A bare identifier: its macro value (undefined ones are 0).
  Value OptionValue(std::string_view name) const {
    if (!name.starts_with(kConfigPrefix)) return std::nullopt;
    if (lookup_(name) == ConfigState::kValue) return std::nullopt;
    return FromTruth(IsDefined(name));
  }

  // Skips a balanced ( ... ) group starting at the current "(".
  void SkipGroup() {
    int depth = 0;
    do {
      if (PeekOp("(")) ++depth;
      if (PeekOp(")")) --depth;
      Advance();
    } while (depth > 0 && Peek().kind != Kind::kEnd);
  }

  // Skips what cannot be read, up to the next operator that ends an
  // operand at this nesting level.
  Value Unreadable() {
    int depth = 0;
    while (Peek().kind != Kind::kEnd) {
      if (depth == 0 && (PeekOp("&&") || PeekOp("||") || PeekOp("?") ||
                         PeekOp(":") || PeekOp(")"))) {
        break;
      }
      if (PeekOp("(")) ++depth;
      if (PeekOp(")")) --depth;
      Advance();
    }
    return std::nullopt;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;  // Conditional() and Unary() calls active
  const ConfigLookup& lookup_;
};

}  // namespace

Truth EvalCondition(std::string_view expr, const ConfigLookup& lookup) {
  return Evaluator(Tokenize(expr), lookup).Run();
}

std::vector<std::string> ConditionOptions(std::string_view expr) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(expr)) {
    if (t.kind != Kind::kIdent || !t.text.starts_with(kConfigPrefix)) continue;
    if (std::ranges::find(out, t.text) == out.end()) out.emplace_back(t.text);
  }
  return out;
}

}  // namespace ftriage::kernel
