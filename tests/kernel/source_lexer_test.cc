#include "kernel/source_lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage::kernel {
namespace {

using Strings = std::vector<std::string>;

// "L<line>:<text>" per token, "#name(argument)" for directives; "^" marks
// a token that starts its line.
Strings Lex(std::string_view text) {
  SourceLexer lexer(text);
  Strings out;
  for (Token t = lexer.Next(); t.kind != TokenKind::kEnd; t = lexer.Next()) {
    std::string s = "L" + std::to_string(t.line) + ":";
    if (t.first_on_line) s += "^";
    if (t.kind == TokenKind::kDirective) {
      s += "#" + std::string(t.text) + "(" +
           std::string(lexer.directive_argument()) + ")";
    } else {
      s += std::string(t.text);
    }
    out.push_back(s);
  }
  return out;
}

TEST(SourceLexerTest, SyntheticTokensAndLines) {
  EXPECT_EQ(Lex("a->b == c += 1.5e+3;\n  x ... y\n"),
            (Strings{"L1:^a", "L1:->", "L1:b", "L1:==", "L1:c",
                     "L1:+=", "L1:1.5e+3", "L1:;", "L2:^x", "L2:...", "L2:y"}));
  EXPECT_EQ(Lex("f(\"a \\\" ( {\", 'x', '\\'', L\"w\")"),
            (Strings{"L1:^f", "L1:(", "L1:\"a \\\" ( {\"", "L1:,", "L1:'x'",
                     "L1:,", "L1:'\\''", "L1:,", "L1:L\"w\"", "L1:)"}));
}

TEST(SourceLexerTest, SyntheticCommentsAndContinuationsKeepLines) {
  EXPECT_EQ(Lex("/* one\n two */ a // three (\nb \\\nc\r\nd"),
            (Strings{"L2:^a", "L3:^b", "L4:c", "L5:^d"}));
}

TEST(SourceLexerTest, SyntheticDirectives) {
  EXPECT_EQ(Lex("#if defined(A) && \\\n    B /* c\n d */ || C // e\n"
                "  #  ifdef  X_Y  /* z */\n"
                "#define FOO(x) \\\n\tbar(x) \"#if\"\n"
                "#include <linux/x.h>\n"
                "#error can't \"do\" this\n"
                "#\n"
                "after"),
            (Strings{"L1:^#if(defined(A) && B || C)", "L4:^#ifdef(X_Y)",
                     "L5:^#define(FOO)", "L7:^#include()", "L8:^#error()",
                     "L9:^#()", "L10:^after"}));
}

TEST(SourceLexerTest, SyntheticUnterminatedLiteralEndsAtTheLine) {
  EXPECT_EQ(Lex("a = 'b;\nc\n\"d\ne"),
            (Strings{"L1:^a", "L1:=", "L1:'b;", "L2:^c", "L3:^\"d", "L4:^e"}));
}

}  // namespace
}  // namespace ftriage::kernel
