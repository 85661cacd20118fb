// Every finding of `errors --json` and `diff --json` on all of testdata
// cites input lines that exist and say what the finding claims: the cited
// line names the function, a return value (or [void], [NULL], a bool) is
// printed on the call's return line (or, for a value taken from sys_exit,
// on the syscall's exit event),
// and the syscall's enter and exit events name the syscall; so do the calls
// a capture-limit note cites. Runs the CLI
// in-process over testdata/seeds, real, corpus, mixed and the diff/*.args
// pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/errno_table.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The lines of a testdata file, 1-based (index 0 unused), CR stripped.
std::vector<std::string> LinesOf(const std::string& relative) {
  std::vector<std::string> lines = {""};
  std::istringstream in(ReadFile(TestdataPath(relative)));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// Whether |line| names |function| as printed: the name itself, or without
// its " [module]" part (retsnoop and bcc print the module elsewhere); a
// syscall event node "sys_X" may be printed as trace-cmd's "sys_enter_X".
bool NamesFunction(const std::string& line, const std::string& function) {
  if (line.find(function) != std::string::npos) return true;
  std::string bare = function.substr(0, function.find(' '));
  if (!bare.empty() && line.find(bare) != std::string::npos) return true;
  if (bare.starts_with("sys_")) {
    std::string rest = bare.substr(4);
    return line.find("sys_enter_" + rest) != std::string::npos ||
           line.find("sys_exit_" + rest) != std::string::npos;
  }
  return false;
}

// Whether |line| prints the return value |v|: in decimal, as 64- or 32-bit
// hex (any case, with or without 0x), or by its errno name (retsnoop's
// "[-EINVAL]").
bool PrintsValue(std::string line, int64_t v) {
  std::transform(line.begin(), line.end(), line.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  char buf[64];
  std::vector<std::string> forms = {std::to_string(v)};
  std::snprintf(buf, sizeof buf, "%" PRIx64, static_cast<uint64_t>(v));
  forms.push_back(buf);
  std::snprintf(buf, sizeof buf, "%" PRIx32,
                static_cast<uint32_t>(static_cast<uint64_t>(v)));
  forms.push_back(buf);
  if (v < 0 && v >= -4095) {
    if (auto info = LookupErrno(static_cast<int>(-v))) {
      std::string name(info->name);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      forms.push_back(name);
    }
  }
  for (const std::string& f : forms) {
    if (line.find(f) != std::string::npos) return true;
  }
  return false;
}

// The call nodes of `tree --json` by input line: where their return was
// printed and where their value came from.
struct TreeNode {
  std::string function;
  uint64_t exit_line = 0;
  bool retval_from_syscall_exit = false;
};
using TreeIndex = std::multimap<uint64_t, TreeNode>;

void IndexTree(const Json& node, TreeIndex* out) {
  std::vector<const Json*> todo = {&node};
  while (!todo.empty()) {
    const Json& n = *todo.back();
    todo.pop_back();
    TreeNode t;
    t.function = n.value("function", "");
    t.exit_line = n.value("exit_line", uint64_t{0});
    for (const Json& f : n.value("flags", Json::array())) {
      if (f == "retval_from_syscall_exit") t.retval_from_syscall_exit = true;
    }
    out->emplace(n.value("line", uint64_t{0}), t);
    if (n.contains("children")) {
      for (const Json& c : n["children"]) todo.push_back(&c);
    }
  }
}

TreeIndex TreeOf(const std::vector<std::string>& files) {
  std::vector<std::string> args = {"tree", "--json"};
  args.insert(args.end(), files.begin(), files.end());
  CliResult r = RunCliInTestdata(args);
  TreeIndex index;
  if (r.exit_code != 0) return index;
  const Json tree = Json::parse(r.out);
  for (const Json& task : tree["tasks"]) {
    for (const Json& root : task["roots"]) IndexTree(root, &index);
  }
  return index;
}

// Checks the findings of one input file; failures name |what|.
class Checker {
 public:
  Checker(std::string file, std::string what)
      : file_(std::move(file)),
        what_(std::move(what)),
        lines_(LinesOf(file_)),
        tree_(TreeOf({file_})) {}

  // |line| exists; returns its text.
  const std::string* Line(const Json& line, const std::string& field) {
    uint64_t n = line.get<uint64_t>();
    if (n == 0 || n >= lines_.size()) {
      ADD_FAILURE() << what_ << ": " << field << " cites line " << n << " of "
                    << file_ << ", which has " << lines_.size() - 1;
      return nullptr;
    }
    ++cited_;
    return &lines_[n];
  }

  // A call {function, line, retval}; |exit_line| is the line of the
  // syscall's sys_exit event, if any.
  void Call(const Json& ref, const std::string& field, uint64_t exit_line) {
    if (!ref.contains("line")) return;
    const std::string* text = Line(ref["line"], field);
    if (text == nullptr) return;
    std::string function = ref.value("function", "");
    if (!function.empty()) {
      EXPECT_TRUE(NamesFunction(*text, function))
          << what_ << ": " << field << " " << function << " at " << file_ << ":"
          << ref["line"] << " reads: " << *text;
    }
    if (ref.contains("retval")) Retval(ref, field, exit_line);
  }

  void Syscall(const Json& failure) {
    std::string name = failure.value("syscall", "");
    for (const char* field : {"args_line", "exit_line"}) {
      if (!failure.contains(field)) continue;
      const std::string* text = Line(failure[field], field);
      if (text == nullptr || name.empty()) continue;
      EXPECT_NE(text->find(name), std::string::npos)
          << what_ << ": " << field << " of syscall " << name << " at " << file_
          << ":" << failure[field] << " reads: " << *text;
      if (std::string(field) == "exit_line" && failure.contains("retval") &&
          !failure.contains("call")) {
        EXPECT_TRUE(PrintsValue(*text, failure["retval"].get<int64_t>()))
            << what_ << ": exit_line " << *text;
      }
    }
  }

  size_t cited() const { return cited_; }
  const std::string& file() const { return file_; }

 private:
  // The value a call is said to return is printed on its return line, on
  // its own line (leaves, probes), or on the syscall's exit event.
  void Retval(const Json& ref, const std::string& field, uint64_t exit_line) {
    uint64_t line = ref["line"].get<uint64_t>();
    int64_t value = ref["retval"].get<int64_t>();
    std::string function = ref.value("function", "");
    std::vector<uint64_t> candidates = {line};
    auto [b, e] = tree_.equal_range(line);
    for (auto it = b; it != e; ++it) {
      if (it->second.function != function) continue;
      if (it->second.exit_line != 0) candidates.push_back(it->second.exit_line);
      if (it->second.retval_from_syscall_exit && exit_line != 0) {
        candidates.push_back(exit_line);
      }
    }
    const std::string kind = ref.value("ret_kind", "");
    for (uint64_t c : candidates) {
      if (c >= lines_.size()) continue;
      const std::string& text = lines_[c];
      if (kind == "void" ? text.find("void") != std::string::npos
          : kind == "bool"
              ? text.find(value != 0 ? "true" : "false") != std::string::npos
          : kind == "pointer" ? PrintsValue(text, value) ||
                                    text.find("NULL") != std::string::npos
                              : PrintsValue(text, value)) {
        return;
      }
    }
    ADD_FAILURE() << what_ << ": " << field << " " << function << " at "
                  << file_ << ":" << line << " is said to return " << value
                  << ", which none of its lines prints: " << lines_[line];
  }

  std::string file_;
  std::string what_;
  std::vector<std::string> lines_;
  TreeIndex tree_;
  size_t cited_ = 0;
};

TEST(FindingLinesTest, ErrorsCiteLinesThatSayWhatTheyClaim) {
  size_t failures = 0;
  size_t cited = 0;
  for (const std::string& file : TraceInputs()) {
    CliResult r = RunCliInTestdata({"errors", "--json", "--all", file});
    ASSERT_NE(r.exit_code, 2) << file << ": " << r.err;
    Json j = Json::parse(r.out);
    if (j["failures"].empty()) continue;
    Checker check(file, "errors " + file);
    for (const Json& f : j["failures"]) {
      ++failures;
      uint64_t exit_line = f.value("exit_line", uint64_t{0});
      check.Syscall(f);
      for (const char* field : {"line", "first_line", "last_line"}) {
        check.Line(f[field], field);
      }
      if (f.contains("call")) check.Call(f["call"], "call", exit_line);
      const Json& origin = f["origin"];
      check.Call(origin, "origin", exit_line);
      if (origin.contains("window")) {
        for (const char* part : {"in", "after"}) {
          if (origin["window"].contains(part)) {
            check.Call(origin["window"][part], std::string("window.") + part,
                       exit_line);
          }
        }
      }
      for (const char* list : {"chain", "cleanup", "unordered"}) {
        for (const Json& c : f.value(list, Json::array())) {
          check.Call(c, list, exit_line);
        }
      }
    }
    cited += check.cited();
  }
  EXPECT_GT(failures, 30u);
  EXPECT_GT(cited, 300u);
}

// The arguments of a diff/X.args file, and its GOOD and BAD files (the
// first two positional arguments).
struct DiffArgs {
  std::vector<std::string> args;
  std::string good;
  std::string bad;
};

DiffArgs ReadDiffArgs(const std::string& relative) {
  DiffArgs d;
  std::istringstream in(ReadFile(TestdataPath(relative)));
  std::vector<std::string> positional;
  bool takes_value = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    d.args.push_back(line);
    if (takes_value) {
      takes_value = false;
    } else if (line.starts_with("--")) {
      takes_value = line != "--stats" && line != "--keep-noise" &&
                    line.find('=') == std::string::npos;
    } else {
      positional.push_back(line);
    }
  }
  if (positional.size() >= 2) {
    d.good = positional[0];
    d.bad = positional[1];
  }
  return d;
}

// A call pair {function, good_function, good_line, bad_line}: "function"
// is BAD's name when BAD's call is cited (GOOD's in "good_function" when it
// differs), else GOOD's. A call collapsed in BAD is named by GOOD; its BAD
// line is only checked to exist.
void CheckPair(const Json& pair, const std::string& field, Checker& good,
               Checker& bad, bool collapsed_in_bad) {
  std::string function = pair.value("function", "");
  if (pair.contains("good_line")) {
    Json g = {{"function", pair.value("good_function", function)},
              {"line", pair["good_line"]}};
    good.Call(g, field + " (GOOD)", 0);
  }
  if (pair.contains("bad_line") && collapsed_in_bad) {
    bad.Line(pair["bad_line"], field + " (BAD)");
  } else if (pair.contains("bad_line")) {
    Json b = {{"function", function}, {"line", pair["bad_line"]}};
    bad.Call(b, field + " (BAD)", 0);
  }
}

TEST(FindingLinesTest, DiffCitesLinesThatSayWhatTheyClaim) {
  size_t pairs = 0;
  fs::path root(TestdataPath("diff"));
  for (const auto& e : fs::directory_iterator(root)) {
    std::string rel = "diff/" + e.path().filename().string();
    if (!rel.ends_with(".args")) continue;
    DiffArgs d = ReadDiffArgs(rel);
    ASSERT_FALSE(d.bad.empty()) << rel;
    std::vector<std::string> args = {"diff", "--json"};
    args.insert(args.end(), d.args.begin(), d.args.end());
    CliResult r = RunCliInTestdata(args);
    ASSERT_NE(r.exit_code, 2) << rel << ": " << r.err;
    Json j = Json::parse(r.out);
    ++pairs;
    Checker good(d.good, "diff " + rel);
    Checker bad(d.bad, "diff " + rel);
    good.Call(j["good"], "good", 0);
    bad.Call(j["bad"], "bad", 0);
    if (j.contains("divergence")) {
      const Json& v = j["divergence"];
      for (const char* part : {"parent", "different_return", "last_common",
                               "first_good_only", "first_bad_only"}) {
        if (v.contains(part)) CheckPair(v[part], part, good, bad, false);
      }
      bad.Call(v["bad_outcome"], "bad_outcome", 0);
    }
    for (const Json& x : j["differences"]) {
      std::string kind = x["kind"];
      CheckPair(x, "difference " + kind, good, bad, kind == "collapsed_in_bad");
    }
    for (const Json& note : j.value("capture_limits", Json::array())) {
      for (const Json& c : note["cites"]) {
        (c["run"] == "bad" ? bad : good).Call(c, "capture limit", 0);
      }
    }
    EXPECT_GT(good.cited() + bad.cited(), 2u) << rel;
  }
  EXPECT_GE(pairs, 8u);
}

}  // namespace
}  // namespace ftriage::testing
