#include "kernel/source_scanner.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "kernel/source_conditions.h"
#include "kernel/source_lexer.h"

namespace ftriage::kernel {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kMaxContextArgument = 64;

// Words followed by "(" that are not calls, and never referenced objects.
bool IsKeyword(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "if",
      "for",
      "while",
      "switch",
      "return",
      "sizeof",
      "typeof",
      "__typeof__",
      "__typeof",
      "typeof_unqual",
      "__typeof_unqual__",
      "alignof",
      "_Alignof",
      "__alignof__",
      "__alignof",
      "_Generic",
      "asm",
      "__asm__",
      "__asm",
      "__attribute__",
      "__attribute",
      "volatile",
      "__volatile__",
      "case",
      "do",
      "else",
      "goto",
      "default",
      "break",
      "continue",
      "int",
      "char",
      "short",
      "long",
      "unsigned",
      "signed",
      "__signed__",
      "void",
      "float",
      "double",
      "_Bool",
      "const",
      "__const",
      "static",
      "inline",
      "__inline",
      "__inline__",
      "extern",
      "register",
      "auto",
      "__auto_type",
      "struct",
      "union",
      "enum",
      "typedef",
      "restrict",
      "__restrict",
      "__restrict__",
      "_Atomic",
      "__extension__",
      "_Static_assert",
      "__label__",
      "_Noreturn",
      "_Thread_local",
      "__thread",
      "__int128",
      "defined"};
  return kWords.contains(w);
}

bool IsTagKeyword(std::string_view w) {
  return w == "struct" || w == "union" || w == "enum";
}

bool HasLowercase(std::string_view w) {
  return std::ranges::any_of(w, [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsAllCaps(std::string_view w) {
  return !HasLowercase(w) &&
         std::ranges::any_of(w, [](char c) { return c >= 'A' && c <= 'Z'; });
}

uint16_t FlagOf(std::string_view w) {
  if (w == "static") return kStatic;
  if (w == "inline" || w == "__inline" || w == "__inline__") return kInline;
  if (w == "__always_inline") return kAlwaysInline;
  if (w == "noinline") return kNoinline;
  if (w == "notrace") return kNotrace;
  if (w == "noinstr") return kNotrace | kNoinline;
  if (w == "__init") return kInit;
  if (w == "__weak") return kWeak;
  if (w == "extern") return kExtern;
  return 0;
}

// Macros that define a function named by their first argument.
struct DefiningMacro {
  std::string_view prefix;
  uint16_t flag;
};

std::optional<DefiningMacro> DefiningMacroOf(std::string_view name) {
  auto numbered = [&](std::string_view stem, char max) {
    return name.size() == stem.size() + 1 && name.starts_with(stem) &&
           name.back() >= '0' && name.back() <= max;
  };
  if (numbered("SYSCALL_DEFINE", '6')) {
    return DefiningMacro{"sys_", kSyscallDefine};
  }
  if (numbered("COMPAT_SYSCALL_DEFINE", '6')) {
    return DefiningMacro{"compat_sys_", kSyscallDefine};
  }
  if (numbered("BPF_CALL_", '5')) return DefiningMacro{"", kBpfCall};
  return std::nullopt;
}

// COND_SYSCALL(x); defines the stub sys_x.
std::optional<std::string_view> CondSyscallPrefix(std::string_view name) {
  if (name == "COND_SYSCALL") return "sys_";
  if (name == "COND_SYSCALL_COMPAT") return "compat_sys_";
  if (name == "cond_syscall") return "";
  return std::nullopt;
}

// Whether |name|, written after |before|, names something a reference
// should record: not a member, a struct tag, a keyword or an all-caps
// constant or macro.
bool IsReferenceName(std::string_view name, std::string_view before) {
  if (before == "." || before == "->" || IsTagKeyword(before)) return false;
  if (IsKeyword(name) || name == "true" || name == "false") return false;
  return HasLowercase(name);
}

struct HeadToken {
  TokenKind kind;
  std::string_view text;
  LineNo line;
  StringId condition;
  bool first_on_line;
};

// For Token and HeadToken.
template <typename T>
bool IsPunct(const T& t, std::string_view punct) {
  return t.kind == TokenKind::kPunct && t.text == punct;
}
bool IsIdent(const HeadToken& t) { return t.kind == TokenKind::kIdentifier; }
bool IsMacroName(const HeadToken& t) {
  return IsIdent(t) && !IsKeyword(t.text);
}
bool IsWordLike(const HeadToken& t) {
  return t.kind == TokenKind::kIdentifier || t.kind == TokenKind::kNumber ||
         t.kind == TokenKind::kLiteral;
}

enum class Mode : uint8_t {
  kHead,         // a file-scope declaration, before "=", "{" or ";"
  kInitializer,  // after its "=", up to ";"
  kBody,         // a function body
  kAggregate,    // a struct, union or enum body
};

struct State {
  Mode mode = Mode::kHead;
  int depth = 0;     // braces inside the initializer, body or aggregate
  int parens = 0;    // parentheses of the declaration or initializer
  int def = -1;      // kBody: the definition
  StringId context;  // kInitializer: the object
  std::vector<HeadToken> head;  // kHead: the declaration so far
};

bool Agree(const State& a, const State& b) {
  return a.mode == b.mode && a.depth == b.depth && a.parens == b.parens;
}

// The states around one #if group, to pick one when branches disagree.
struct Group {
  State at_if;
  std::optional<State> first_end;  // after the first kept branch
  LineNo first_end_line = 0;
  bool discarding = false;  // in an "#if 0" or "#elif 0" branch
};

// An identifier in a body or initializer, waiting to see whether "("
// follows.
struct PendingName {
  std::string_view text;
  LineNo line = 0;
  StringId condition;
  bool through_member = false;
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : lexer_(text) {}

  FileScan Run() {
    Token t = lexer_.Next();
    for (; t.kind != TokenKind::kEnd; t = lexer_.Next()) {
      if (t.kind == TokenKind::kDirective) {
        OnDirective(t);
        continue;
      }
      conds_.NoteOther();
      if (conds_.version() != cond_version_) {
        cond_version_ = conds_.version();
        cond_ = Intern(conds_.current());
      }
      OnToken(t);
      before_ = t.text;
    }
    Finish(t.line);
    return std::move(out_);
  }

 private:
  StringId Intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    const StringId id{static_cast<uint32_t>(out_.strings.size())};
    ids_.emplace(out_.strings.emplace_back(s), id);
    return id;
  }

  void OnToken(const Token& t) {
    switch (st_.mode) {
      case Mode::kHead:
        return OnHead(t);
      case Mode::kInitializer:
        return OnInitializer(t);
      case Mode::kBody:
        return OnBody(t);
      case Mode::kAggregate:
        return OnAggregate(t);
    }
  }

  void OnHead(const Token& t) {
    const HeadToken h{t.kind, t.text, t.line, cond_, t.first_on_line};
    std::vector<HeadToken>& head = st_.head;
    if (t.kind != TokenKind::kPunct) {
      head.push_back(h);
    } else if (t.text == "(") {
      if (st_.parens++ == 0) SplitInvocations();
      head.push_back(h);
    } else if (t.text == ")") {
      st_.parens = std::max(0, st_.parens - 1);
      head.push_back(h);
    } else if (st_.parens > 0) {
      head.push_back(h);
    } else if (t.text == ";") {
      SplitInvocations();
      EmitWholeInvocation();
      head.clear();
    } else if (t.text == "=") {
      SplitInvocations();
      StartInitializer();
    } else if (t.text == "{") {
      SplitInvocations();
      if (!StartDefinition()) {
        st_.mode = Mode::kAggregate;
        st_.depth = 1;
      }
    } else if (t.text == "}") {
      head.clear();  // unbalanced
    } else {
      head.push_back(h);
    }
  }

  // Identifiers are references, unless "(" follows (a macro such as
  // BIT(3)).
  void OnInitializer(const Token& t) {
    const PendingName name = std::exchange(pending_, {});
    if (!name.text.empty() && !IsPunct(t, "(")) {
      AddReference(name.text, name.line, name.condition, st_.context);
    }
    if (t.kind == TokenKind::kIdentifier) {
      if (IsReferenceName(t.text, before_)) pending_ = {t.text, t.line, cond_};
      return;
    }
    if (t.kind != TokenKind::kPunct) return;
    if (t.text == "(") {
      ++st_.parens;
    } else if (t.text == ")") {
      st_.parens = std::max(0, st_.parens - 1);
    } else if (t.text == "{") {
      ++st_.depth;
    } else if (t.text == "}") {
      if (--st_.depth < 0) st_ = State{};
    } else if (t.text == ";" && st_.depth == 0) {
      st_ = State{};
    }
  }

  void OnBody(const Token& t) {
    const PendingName name = std::exchange(pending_, {});
    if (t.kind == TokenKind::kIdentifier) {
      pending_ = {t.text, t.line, cond_, before_ == "." || before_ == "->"};
      return;
    }
    if (t.kind != TokenKind::kPunct) return;
    if (t.text == "(") {
      if (!name.text.empty() && !IsKeyword(name.text)) {
        out_.calls[static_cast<size_t>(st_.def)].push_back(
            {Intern(name.text), name.line, name.condition,
             name.through_member});
      }
    } else if (t.text == "{") {
      ++st_.depth;
    } else if (t.text == "}" && --st_.depth == 0) {
      Close(st_.def, t.line);
      st_ = State{};
    }
  }

  void OnAggregate(const Token& t) {
    if (t.kind != TokenKind::kPunct) return;
    if (t.text == "{") {
      ++st_.depth;
    } else if (t.text == "}" && --st_.depth == 0) {
      st_.mode = Mode::kHead;
      st_.head.push_back({t.kind, t.text, t.line, cond_, t.first_on_line});
    }
  }

  size_t MatchingClose(size_t open) const {
    const std::vector<HeadToken>& h = st_.head;
    int depth = 0;
    for (size_t i = open; i < h.size(); ++i) {
      if (IsPunct(h[i], "(")) ++depth;
      if (IsPunct(h[i], ")") && --depth == 0) return i;
    }
    return kNone;
  }

  size_t MatchingOpen(size_t close) const {
    const std::vector<HeadToken>& h = st_.head;
    int depth = 0;
    for (size_t i = close + 1; i-- > 0;) {
      if (IsPunct(h[i], ")")) ++depth;
      if (IsPunct(h[i], "(") && --depth == 0) return i;
    }
    return kNone;
  }

  // The argument of the group opened at |open| when it is one identifier
  // followed by "," or ")", else "".
  std::string_view FirstIdentifierArgument(size_t open) const {
    const std::vector<HeadToken>& h = st_.head;
    if (open + 2 >= h.size() || !IsMacroName(h[open + 1])) return {};
    if (!IsPunct(h[open + 2], ",") && !IsPunct(h[open + 2], ")")) return {};
    return h[open + 1].text;
  }

  // The first argument's tokens as text: "BPF_MAP_TYPE_XSKMAP", "\"x=\"".
  std::string FirstArgumentText(size_t open, size_t close) const {
    const std::vector<HeadToken>& h = st_.head;
    std::string out;
    int depth = 0;
    for (size_t i = open + 1; i < close; ++i) {
      if (IsPunct(h[i], "(")) ++depth;
      if (IsPunct(h[i], ")")) --depth;
      if (depth == 0 && IsPunct(h[i], ",")) break;
      if (i > open + 1 && IsWordLike(h[i]) && IsWordLike(h[i - 1])) {
        out += ' ';
      }
      out += h[i].text;
      if (out.size() >= kMaxContextArgument) break;
    }
    return out;
  }

  // Splits complete macro invocations off the front of the declaration:
  // "BPF_MAP_TYPE(A, a)" followed by an identifier starting a new line is
  // a statement without a semicolon.
  void SplitInvocations() {
    std::vector<HeadToken>& h = st_.head;
    size_t start = 0;
    while (start + 4 <= h.size() && IsMacroName(h[start]) &&
           IsPunct(h[start + 1], "(")) {
      const size_t close = MatchingClose(start + 1);
      if (close == kNone || close + 1 >= h.size()) break;
      const HeadToken& next = h[close + 1];
      if (!IsIdent(next) || !next.first_on_line) break;
      MacroInvocation(start, close);
      start = close + 1;
    }
    if (start > 0) h.erase(h.begin(), h.begin() + static_cast<long>(start));
  }

  // Records the declaration when it is exactly "[static] M(...)".
  bool EmitWholeInvocation() {
    const std::vector<HeadToken>& h = st_.head;
    const size_t i = !h.empty() && h[0].text == "static" ? 1 : 0;
    if (h.size() < i + 3 || !IsMacroName(h[i]) || !IsPunct(h[i + 1], "(") ||
        MatchingClose(i + 1) != h.size() - 1) {
      return false;
    }
    MacroInvocation(i, h.size() - 1);
    return true;
  }

  // A top-level macro invocation: the identifiers of its arguments are
  // references, unless it is a COND_SYSCALL stub definition.
  void MacroInvocation(size_t name, size_t close) {
    const std::vector<HeadToken>& h = st_.head;
    const HeadToken& m = h[name];
    const std::string_view first = FirstIdentifierArgument(name + 1);
    if (auto prefix = CondSyscallPrefix(m.text); prefix && !first.empty()) {
      const int def = AddDefinition(std::string(*prefix) + std::string(first),
                                    m.line, m.condition, kCondSyscall);
      Close(def, m.line);
      return;
    }
    const StringId context =
        Intern(std::string(m.text) + "(" + FirstArgumentText(name + 1, close));
    int depth = 0;
    for (size_t i = name + 1; i < close; ++i) {
      if (IsPunct(h[i], "(")) {
        ++depth;
      } else if (IsPunct(h[i], ")")) {
        --depth;
      } else if (depth == 1 && IsIdent(h[i]) && !IsPunct(h[i + 1], "(") &&
                 IsReferenceName(h[i].text, h[i - 1].text)) {
        AddReference(h[i].text, h[i].line, h[i].condition, context);
      }
    }
  }

  // Whether the declaration has nothing but storage classes, inline and
  // attributes (__visible) before |name|: "static DEFINE_X(f)", not
  // "static inline union sctp_arg SCTP_FORCE(void)".
  bool OnlyQualifiersBefore(size_t name) const {
    for (size_t i = 0; i < name; ++i) {
      const HeadToken& t = st_.head[i];
      if (!IsIdent(t) || (FlagOf(t.text) == 0 && !t.text.starts_with("__"))) {
        return false;
      }
    }
    return true;
  }

  // At "{": a definition when the declaration ends in "name(...)", maybe
  // followed by attributes such as __acquires(x).
  bool StartDefinition() {
    const std::vector<HeadToken>& h = st_.head;
    size_t end = h.size();
    size_t open = kNone;
    while (end > 0 && open == kNone) {
      const HeadToken& last = h[end - 1];
      if (IsPunct(last, ")")) {
        const size_t o = MatchingOpen(end - 1);
        if (o == kNone || o == 0 || !IsIdent(h[o - 1])) return false;
        if (o >= 2 && IsPunct(h[o - 2], ")")) {
          end = o - 1;  // an attribute after the parameter list
        } else {
          open = o;
        }
      } else if (IsIdent(last) && end >= 2 && IsPunct(h[end - 2], ")")) {
        --end;
      } else {
        return false;
      }
    }
    if (open == kNone || IsKeyword(h[open - 1].text)) return false;
    const HeadToken& name = h[open - 1];
    uint16_t flags = 0;
    for (size_t i = 0; i + 1 < open; ++i) {
      if (IsIdent(h[i])) flags |= FlagOf(h[i].text);
    }
    std::string def_name(name.text);
    const std::string_view first = FirstIdentifierArgument(open);
    if (auto macro = DefiningMacroOf(name.text); macro && !first.empty()) {
      def_name = std::string(macro->prefix) + std::string(first);
      flags |= macro->flag;
    } else if (IsAllCaps(name.text) && !first.empty() &&
               OnlyQualifiersBefore(open - 1)) {
      def_name = first;
      flags |= kMacroDefined;
    }
    const int def = AddDefinition(def_name, name.line, name.condition, flags);
    st_ = State{};
    st_.mode = Mode::kBody;
    st_.depth = 1;
    st_.def = def;
    return true;
  }

  // The object a declaration initializes: its last identifier that is not
  // a keyword, a macro call, a struct tag or an array size, preferring
  // names without "__" (attributes such as __read_mostly).
  std::string_view InitializedObject() const {
    const std::vector<HeadToken>& h = st_.head;
    std::string_view fallback;
    int brackets = 0;
    for (size_t i = h.size(); i-- > 0;) {
      if (IsPunct(h[i], "]")) ++brackets;
      if (IsPunct(h[i], "[")) --brackets;
      if (brackets != 0 || !IsIdent(h[i]) || IsKeyword(h[i].text)) continue;
      if (i + 1 < h.size() && IsPunct(h[i + 1], "(")) continue;
      if (i > 0 && IsTagKeyword(h[i - 1].text)) continue;
      if (!h[i].text.starts_with("__")) return h[i].text;
      if (fallback.empty()) fallback = h[i].text;
    }
    return fallback;
  }

  void StartInitializer() {
    const StringId context = Intern(InitializedObject());
    st_ = State{};
    st_.mode = Mode::kInitializer;
    st_.context = context;
  }

  int AddDefinition(std::string_view name, LineNo line, StringId condition,
                    uint16_t flags) {
    Definition d;
    d.name = Intern(name);
    d.line = line;
    d.condition = condition;
    d.flags = flags;
    out_.definitions.push_back(d);
    out_.calls.emplace_back();
    return static_cast<int>(out_.definitions.size() - 1);
  }

  void AddReference(std::string_view name, LineNo line, StringId condition,
                    StringId context) {
    Reference r;
    r.name = Intern(name);
    r.line = line;
    r.condition = condition;
    r.context = context;
    out_.references.push_back(r);
  }

  void Close(int def, LineNo line) {
    if (def < 0) return;
    Definition& d = out_.definitions[static_cast<size_t>(def)];
    if (d.end_line == 0) d.end_line = line;
  }

  void OnDirective(const Token& t) {
    const std::string_view d = t.text;
    const std::string_view arg = lexer_.directive_argument();
    if (d == "if" || d == "ifdef" || d == "ifndef") {
      BeginGroup(d == "if" && arg == "0");
      if (d == "if") conds_.If(arg);
      if (d == "ifdef") conds_.Ifdef(arg);
      if (d == "ifndef") conds_.Ifndef(arg);
    } else if (d == "elif") {
      NextBranch(t.line, arg == "0");
      conds_.Elif(arg);
    } else if (d == "elifdef" || d == "elifndef") {
      NextBranch(t.line, false);
      conds_.Elif((d == "elifdef" ? "defined(" : "!defined(") +
                  std::string(arg) + ")");
    } else if (d == "else") {
      NextBranch(t.line, false);
      conds_.Else();
    } else if (d == "endif") {
      EndGroup(t.line);
      conds_.Endif();
    } else if (d == "define") {
      conds_.Define(arg);
    } else {
      conds_.NoteOther();
    }
  }

  void BeginGroup(bool discard) {
    // A complete invocation before the #if is not continued inside it.
    if (st_.mode == Mode::kHead && st_.parens == 0 && EmitWholeInvocation()) {
      st_.head.clear();
    }
    groups_.push_back({st_, std::nullopt, 0, discard});
  }

  // A definition opened in a branch that is being left for good.
  void CloseAbandoned(int def, const Group& g, LineNo line) {
    if (def == g.at_if.def || (g.first_end && g.first_end->def == def)) return;
    Close(def, line);
  }

  void NextBranch(LineNo line, bool discard) {
    if (groups_.empty()) return;
    Group& g = groups_.back();
    State left = std::move(st_);
    if (!g.discarding && !g.first_end) {
      g.first_end = std::move(left);
      g.first_end_line = line;
    } else {
      CloseAbandoned(left.def, g, line);
    }
    st_ = g.at_if;
    g.discarding = discard;
  }

  void EndGroup(LineNo line) {
    if (groups_.empty()) return;
    Group g = std::move(groups_.back());
    groups_.pop_back();
    if (g.discarding) {
      State keep = g.first_end ? std::move(*g.first_end) : std::move(g.at_if);
      if (st_.def != keep.def) Close(st_.def, line);
      st_ = std::move(keep);
      return;
    }
    if (!g.first_end) return;
    if (Agree(st_, *g.first_end)) {
      if (g.first_end->def != st_.def) {
        Close(g.first_end->def, g.first_end_line);
      }
      return;
    }
    if (st_.def != g.first_end->def) Close(st_.def, line);
    st_ = std::move(*g.first_end);
  }

  void Finish(LineNo last_line) {
    if (st_.mode == Mode::kHead) {
      SplitInvocations();
      EmitWholeInvocation();
    }
    for (Definition& d : out_.definitions) {
      if (d.end_line == 0) d.end_line = last_line;
    }
  }

  SourceLexer lexer_;
  ConditionStack conds_;
  uint64_t cond_version_ = ~uint64_t{0};
  StringId cond_;
  std::string_view before_;  // the previous token's text
  State st_;
  std::vector<Group> groups_;
  PendingName pending_;
  FileScan out_;
  std::unordered_map<std::string_view, StringId> ids_;  // views out_.strings
};

}  // namespace

FileScan ScanSource(std::string_view text) { return Scanner(text).Run(); }

}  // namespace ftriage::kernel
