#include "kernel/source_lexer.h"

#include <array>

namespace ftriage::kernel {
namespace {

// Character classes by table: the lexer's inner loops test every byte.
constexpr uint8_t kIdentStart = 1;
constexpr uint8_t kDigit = 2;

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kIdentStart;
  t['_'] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

inline uint8_t ClassOf(char c) { return kClasses[static_cast<uint8_t>(c)]; }
inline bool IsIdentStart(char c) { return ClassOf(c) == kIdentStart; }
inline bool IsDigit(char c) { return ClassOf(c) == kDigit; }
inline bool IsIdentChar(char c) { return ClassOf(c) != 0; }
bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// L"x", u"x", U"x", u8"x": the prefix is part of the literal.
bool IsEncodingPrefix(std::string_view ident) {
  return ident == "L" || ident == "u" || ident == "U" || ident == "u8";
}

// Directives whose argument matters: the expression, or only the name.
bool KeepsExpression(std::string_view name) {
  return name == "if" || name == "elif";
}
bool KeepsName(std::string_view name) {
  return name == "ifdef" || name == "ifndef" || name == "elifdef" ||
         name == "elifndef" || name == "define";
}

}  // namespace

bool SourceLexer::AtContinuation() const {
  if (pos_ + 1 >= s_.size() || s_[pos_] != '\\') return false;
  const char n = s_[pos_ + 1];
  return n == '\n' ||
         (n == '\r' && pos_ + 2 < s_.size() && s_[pos_ + 2] == '\n');
}

void SourceLexer::SkipContinuation() {
  pos_ += s_[pos_ + 1] == '\n' ? 2 : 3;
  ++line_;
}

void SourceLexer::SkipBlockComment() {
  pos_ += 2;
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (c == '*' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
      pos_ += 2;
      return;
    }
    if (c == '\n') ++line_;
    ++pos_;
  }
}

void SourceLexer::SkipLineComment() {
  while (pos_ < s_.size() && s_[pos_] != '\n') {
    if (AtContinuation()) {
      SkipContinuation();
      continue;
    }
    ++pos_;
  }
}

// From the opening quote past the closing one; an unterminated literal
// ends before the newline (apostrophes in #error text and #if 0 blocks).
void SourceLexer::SkipLiteral(char quote) {
  ++pos_;
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (c == '\n') return;
    if (c == '\\') {
      if (AtContinuation()) {
        SkipContinuation();
      } else {
        pos_ += 2;
      }
      continue;
    }
    ++pos_;
    if (c == quote) return;
  }
  pos_ = s_.size();
}

std::string_view SourceLexer::LexPunct() {
  const size_t start = pos_;
  auto at = [&](size_t i) { return start + i < s_.size() ? s_[start + i] : 0; };
  const char c = at(0);
  const char n = at(1);
  size_t len = 1;
  if (c == '-' && n == '>') {
    len = 2;
  } else if (c == '.' && n == '.' && at(2) == '.') {
    len = 3;
  } else if ((c == '<' || c == '>') && n == c) {
    len = at(2) == '=' ? 3 : 2;
  } else if ((c == '&' || c == '|' || c == '+' || c == '-' || c == '#') &&
             n == c) {
    len = 2;
  } else if (n == '=' && std::string_view("=!<>+-*/%&|^").find(c) !=
                             std::string_view::npos) {
    len = 2;
  }
  pos_ += len;
  return s_.substr(start, len);
}

// Reads the rest of a directive's logical line, leaving the newline.
// |keep|: collect the text into argument_; |name_only|: only its first
// identifier.
void SourceLexer::ReadDirectiveRest(bool keep, bool name_only) {
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (c == '\n') break;
    if (AtContinuation()) {
      SkipContinuation();
    } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*') {
      SkipBlockComment();
    } else if (c == '/' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '/') {
      SkipLineComment();
      continue;
    } else if (c == '"' || c == '\'') {
      const size_t start = pos_;
      SkipLiteral(c);
      if (keep && !name_only) argument_.append(s_.substr(start, pos_ - start));
      if (name_only && !argument_.empty()) keep = false;
      continue;
    } else {
      ++pos_;
      if (!keep) continue;
      if (name_only) {
        if (IsIdentChar(c)) {
          argument_.push_back(c);
        } else if (!argument_.empty()) {
          keep = false;
        }
        continue;
      }
      if (!IsBlank(c)) {
        argument_.push_back(c);
        continue;
      }
    }
    // Whitespace, a comment or a continuation: one space, or the end of
    // the name.
    if (name_only && !argument_.empty()) keep = false;
    if (keep && !name_only && !argument_.empty() && argument_.back() != ' ') {
      argument_.push_back(' ');
    }
  }
  if (!argument_.empty() && argument_.back() == ' ') argument_.pop_back();
}

Token SourceLexer::LexDirective(LineNo line) {
  ++pos_;  // '#'
  while (pos_ < s_.size()) {
    if (IsBlank(s_[pos_])) {
      ++pos_;
    } else if (AtContinuation()) {
      SkipContinuation();
    } else if (s_.substr(pos_).starts_with("/*")) {
      SkipBlockComment();
    } else {
      break;
    }
  }
  const size_t start = pos_;
  while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
  const std::string_view name = s_.substr(start, pos_ - start);
  argument_.clear();
  const bool expression = KeepsExpression(name);
  ReadDirectiveRest(expression || KeepsName(name), !expression);
  return {TokenKind::kDirective, name, line, true};
}

Token SourceLexer::Next() {
  while (pos_ < s_.size()) {
    const char c = s_[pos_];
    if (c == '\n') {
      ++line_;
      ++pos_;
      at_line_start_ = true;
      continue;
    }
    if (IsBlank(c)) {
      ++pos_;
      continue;
    }
    if (AtContinuation()) {
      SkipContinuation();
      continue;
    }
    const char n = pos_ + 1 < s_.size() ? s_[pos_ + 1] : 0;
    if (c == '/' && n == '*') {
      SkipBlockComment();
      continue;
    }
    if (c == '/' && n == '/') {
      SkipLineComment();
      continue;
    }
    const bool first = at_line_start_;
    at_line_start_ = false;
    const LineNo line = line_;
    if (c == '#' && first) return LexDirective(line);
    const size_t start = pos_;
    TokenKind kind = TokenKind::kPunct;
    if (IsIdentStart(c)) {
      while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
      kind = TokenKind::kIdentifier;
      if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'') &&
          IsEncodingPrefix(s_.substr(start, pos_ - start))) {
        SkipLiteral(s_[pos_]);
        kind = TokenKind::kLiteral;
      }
    } else if (IsDigit(c) || (c == '.' && IsDigit(n))) {
      ++pos_;
      while (pos_ < s_.size()) {
        const char d = s_[pos_];
        const char prev = s_[pos_ - 1];
        const bool exponent_sign =
            (d == '+' || d == '-') &&
            (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P');
        if (!IsIdentChar(d) && d != '.' && !exponent_sign) break;
        ++pos_;
      }
      kind = TokenKind::kNumber;
    } else if (c == '"' || c == '\'') {
      SkipLiteral(c);
      kind = TokenKind::kLiteral;
    } else {
      return {kind, LexPunct(), line, first};
    }
    return {kind, s_.substr(start, pos_ - start), line, first};
  }
  return {TokenKind::kEnd, {}, line_, at_line_start_};
}

}  // namespace ftriage::kernel
