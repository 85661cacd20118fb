#include "kernel/source_kbuild.h"

#include <re2/re2.h>

#include <optional>
#include <utility>

namespace ftriage::kernel {
namespace {

constexpr int kMaxCompositeNesting = 4;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view FirstWord(std::string_view s) {
  const size_t end = s.find_first_of(" \t(");
  return s.substr(0, end);
}

// A makefile's logical lines: continuations joined, comments removed.
struct LogicalLine {
  std::string text;
  LineNo line = 0;
};

std::vector<LogicalLine> LogicalLines(std::string_view text) {
  std::vector<LogicalLine> out;
  LineNo line = 0;
  bool continued = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view physical = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    const bool continues = physical.ends_with('\\');
    if (continues) physical.remove_suffix(1);
    if (!continued) out.push_back({std::string(), line});
    out.back().text.append(physical);
    out.back().text.push_back(' ');
    continued = continues;
  }
  for (LogicalLine& l : out) {
    for (size_t i = 0; i < l.text.size(); ++i) {
      if (l.text[i] == '#' && (i == 0 || l.text[i - 1] != '\\')) {
        l.text.resize(i);
        break;
      }
    }
  }
  return out;
}

// The condition of an ifeq/ifneq/ifdef/ifndef line on one CONFIG_ option,
// or nullopt for any other test.
std::optional<KbuildCondition> ParseIf(std::string_view line) {
  static const RE2 kEqValue(
      R"((ifeq|ifneq)\s*\(\s*\$\((CONFIG_\w+)\)\s*,\s*(\w*)\s*\))");
  static const RE2 kEqValueFirst(
      R"((ifeq|ifneq)\s*\(\s*(\w*)\s*,\s*\$\((CONFIG_\w+)\)\s*\))");
  static const RE2 kEqQuoted(
      R"re((ifeq|ifneq)\s+["']\$\((CONFIG_\w+)\)["']\s+["'](\w*)["'])re");
  static const RE2 kDef(R"((ifdef|ifndef)\s+(CONFIG_\w+))");
  std::string keyword;
  std::string option;
  std::string value;
  const re2::StringPiece piece(line.data(), line.size());
  if (RE2::FullMatch(piece, kEqValue, &keyword, &option, &value) ||
      RE2::FullMatch(piece, kEqValueFirst, &keyword, &value, &option) ||
      RE2::FullMatch(piece, kEqQuoted, &keyword, &option, &value)) {
    // ifeq ($(CONFIG_X),y) and ifneq ($(CONFIG_X),) need X.
    return KbuildCondition{option, (keyword == "ifeq") == value.empty()};
  }
  if (RE2::FullMatch(piece, kDef, &keyword, &option)) {
    return KbuildCondition{option, keyword == "ifndef"};
  }
  return std::nullopt;
}

// The list a variable fills: "" for obj-/lib-/subdir- lists, the composite
// object's name for foo-y/foo-objs/foo-$(CONFIG_X), nullopt otherwise.
std::optional<std::string> ListOf(std::string_view var) {
  for (std::string_view prefix : {"obj-", "lib-", "subdir-"}) {
    if (!var.starts_with(prefix)) continue;
    const std::string_view rest = var.substr(prefix.size());
    if (rest == "y" || rest == "m" || rest.starts_with("$(")) return "";
    return std::nullopt;
  }
  size_t dash = var.find("-$(");
  if (dash == std::string_view::npos) {
    for (std::string_view suffix : {"-y", "-m", "-objs"}) {
      if (var.ends_with(suffix)) dash = var.size() - suffix.size();
    }
  }
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  const std::string_view name = var.substr(0, dash);
  if (name.find('$') != std::string_view::npos) return std::nullopt;
  return std::string(name);
}

// "VAR += value" (also =, :=, ::=, ?=): splits into VAR and value.
bool SplitAssignment(std::string_view line, std::string_view* var,
                     std::string_view* value) {
  int depth = 0;
  size_t i = 0;
  for (; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ' ' || c == '\t' || c == '=' || c == '+' ||
                       c == ':' || c == '?')) {
      break;
    }
  }
  *var = line.substr(0, i);
  std::string_view rest = Trim(line.substr(i));
  for (std::string_view op : {"+=", "::=", ":=", "?=", "="}) {
    if (rest.starts_with(op)) {
      *value = rest.substr(op.size());
      return !var->empty();
    }
  }
  return false;
}

void AddOptions(std::string_view var, std::vector<KbuildCondition>* out) {
  static const RE2 kOption(R"((CONFIG_\w+))");
  re2::StringPiece input(var.data(), var.size());
  std::string option;
  while (RE2::FindAndConsume(&input, kOption, &option)) {
    out->push_back({option, false});
  }
}

std::string_view ParentDir(std::string_view dir) {
  const size_t slash = dir.rfind('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : dir.substr(0, slash);
}

// |path| relative to its ancestor directory |dir|.
std::string_view RelativeTo(std::string_view path, std::string_view dir) {
  return dir.empty() ? path : path.substr(dir.size() + 1);
}

}  // namespace

std::vector<KbuildEntry> ParseKbuild(std::string_view text) {
  std::vector<KbuildEntry> out;
  // One frame per open if-block: its condition, when on a CONFIG_ option.
  std::vector<std::optional<KbuildCondition>> blocks;
  bool in_define = false;
  for (const LogicalLine& l : LogicalLines(text)) {
    const std::string_view line = Trim(l.text);
    const std::string_view word = FirstWord(line);
    if (in_define) {
      in_define = word != "endef";
      continue;
    }
    if (word == "define") {
      in_define = true;
    } else if (word == "ifeq" || word == "ifneq" || word == "ifdef" ||
               word == "ifndef") {
      blocks.push_back(ParseIf(line));
    } else if (word == "else" && !blocks.empty()) {
      const std::string_view rest = Trim(line.substr(word.size()));
      if (!rest.empty()) {
        blocks.back() = ParseIf(rest);
      } else if (blocks.back()) {
        blocks.back()->negated = !blocks.back()->negated;
      }
    } else if (word == "endif") {
      if (!blocks.empty()) blocks.pop_back();
    } else {
      std::string_view var;
      std::string_view value;
      if (!SplitAssignment(line, &var, &value)) continue;
      std::optional<std::string> list = ListOf(var);
      if (!list) continue;
      std::vector<KbuildCondition> conditions;
      AddOptions(var, &conditions);
      for (size_t i = blocks.size(); i-- > 0;) {
        if (blocks[i]) conditions.push_back(*blocks[i]);
      }
      size_t pos = 0;
      while (pos < value.size()) {
        const size_t start = value.find_first_not_of(" \t", pos);
        if (start == std::string_view::npos) break;
        size_t end = value.find_first_of(" \t", start);
        if (end == std::string_view::npos) end = value.size();
        pos = end;
        const std::string_view w = value.substr(start, end - start);
        if (w.find('$') != std::string_view::npos) continue;
        if (!w.ends_with(".o") && !w.ends_with('/')) continue;
        out.push_back({*list, std::string(w), l.line, conditions});
      }
    }
  }
  return out;
}

void KbuildGateResolver::Add(const std::string& dir, FileId makefile,
                             std::vector<KbuildEntry> entries) {
  Makefile m{makefile, std::move(entries), {}, {}};
  for (size_t i = 0; i < m.entries.size(); ++i) {
    const KbuildEntry& e = m.entries[i];
    (e.composite.empty() ? m.listed : m.members).emplace(e.word, i);
  }
  dirs_[dir].push_back(std::move(m));
}

bool KbuildGateResolver::FindListed(std::string_view dir, std::string_view word,
                                    Listed* out) const {
  auto it = dirs_.find(dir);
  if (it == dirs_.end()) return false;
  for (bool composite : {false, true}) {
    for (const Makefile& m : it->second) {
      const auto& index = composite ? m.members : m.listed;
      auto found = index.find(word);
      if (found != index.end()) {
        *out = {m.file, &m.entries[found->second]};
        return true;
      }
    }
  }
  return false;
}

bool KbuildGateResolver::ObjectGates(std::string_view dir,
                                     std::string_view word, int depth,
                                     StringPool& strings,
                                     std::vector<MakefileGate>* out) const {
  Listed l;
  if (depth > kMaxCompositeNesting || !FindListed(dir, word, &l)) return false;
  for (const KbuildCondition& c : l.entry->conditions) {
    out->push_back(
        {strings.Intern(c.option), l.makefile, l.entry->line, c.negated});
  }
  if (!l.entry->composite.empty()) {
    ObjectGates(dir, l.entry->composite + ".o", depth + 1, strings, out);
  }
  return true;
}

std::vector<MakefileGate> KbuildGateResolver::GatesOf(
    std::string_view path, StringPool& strings) const {
  std::vector<MakefileGate> out;
  std::string_view dir = ParentDir(path);
  const std::string_view stem = path.substr(0, path.rfind('.'));
  // The object: listed in its own directory, or by a relative path in an
  // ancestor's makefile (obj-y += sub/file.o).
  for (std::string_view d = dir;; d = ParentDir(d)) {
    const std::string object = std::string(RelativeTo(stem, d)) + ".o";
    if (ObjectGates(d, object, 0, strings, &out) || d.empty()) break;
  }
  // Each directory: the nearest ancestor line that descends into it.
  while (!dir.empty()) {
    std::string_view next = ParentDir(dir);
    for (std::string_view from = next;; from = ParentDir(from)) {
      const std::string key = std::string(RelativeTo(dir, from)) + "/";
      if (ObjectGates(from, key, 0, strings, &out)) {
        next = from;
        break;
      }
      if (from.empty()) break;
    }
    dir = next;
  }
  return out;
}

}  // namespace ftriage::kernel
