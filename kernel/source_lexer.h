#ifndef FTRIAGE_KERNEL_SOURCE_LEXER_H_
#define FTRIAGE_KERNEL_SOURCE_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace ftriage::kernel {

enum class TokenKind : uint8_t {
  kIdentifier,
  kNumber,
  kLiteral,  // "string" or 'c', quotes included
  kPunct,    // "{", "->", "==", "+=", "..." (compound operators are one)
  kDirective,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  // The token's text; for kDirective the directive's name ("ifdef", "" for
  // a null directive), see SourceLexer::directive_argument().
  std::string_view text;
  LineNo line = 0;
  bool first_on_line = false;
};

// Splits C source text into tokens for the source indexer: comments are
// skipped, string and character literals are single tokens, line
// continuations are whitespace, and line numbers count every newline of
// the text. A line whose first token is "#" is one kDirective token up to
// its logical end, whatever it contains (a #define's body yields nothing).
// Not a preprocessor: it does not expand macros or follow #include.
class SourceLexer {
 public:
  explicit SourceLexer(std::string_view text) : s_(text) {}

  Token Next();

  // The argument of the last directive, comments removed, continuations
  // joined, whitespace runs made one space: the expression of #if and
  // #elif, the name of #ifdef, #ifndef and #define (only the name, not the
  // body); empty for other directives.
  std::string_view directive_argument() const { return argument_; }

 private:
  void SkipContinuation();  // at AtContinuation()
  void SkipBlockComment();
  void SkipLineComment();
  void SkipLiteral(char quote);
  Token LexDirective(LineNo line);
  void ReadDirectiveRest(bool keep, bool name_only);
  std::string_view LexPunct();
  bool AtContinuation() const;

  std::string_view s_;
  size_t pos_ = 0;
  LineNo line_ = 1;
  bool at_line_start_ = true;
  std::string argument_;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_LEXER_H_
