// The HTML report: the report's data as compact JSON, poured into the page
// template with its script (both embedded at build time).
#include "cli/report/report_html.h"

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/tree_walk.h"
#include "cli/command_common.h"
#include "cli/divergence_view.h"
#include "cli/report/report_assets.h"
#include "cli/text_tree.h"
#include "core/errno_table.h"

namespace ftriage::cli {
namespace {

using analysis::CallForest;
using Json = nlohmann::ordered_json;

constexpr size_t kMaxDifferences = 50;  // listed in the summary

// Names, return values and notes repeat: the page gets each once.
class StringTable {
 public:
  int64_t Id(const std::string& s) {
    if (s.empty()) return -1;
    auto [it, added] = ids_.try_emplace(s, list_.size());
    if (added) list_.push_back(s);
    return static_cast<int64_t>(it->second);
  }
  Json Take() { return std::move(list_); }

 private:
  std::unordered_map<std::string, size_t> ids_;
  Json list_ = Json::array();
};

// One run: its input files, the compared call, and every call of that
// call's subtree in pre-order as columns; |local| maps a NodeId to its
// position there.
Json SideJson(const LoadedTrace& t, const analysis::Invocation& inv,
              const char* role, StringTable* strings,
              std::vector<int64_t>* local, std::set<int>* errnos) {
  const CallForest& f = t.forest;
  local->assign(f.size(), -1);
  Json name = Json::array(), line = Json::array(), file = Json::array(),
       depth = Json::array(), dur = Json::array(), ret = Json::array(),
       err = Json::array(), notes = Json::array();
  int64_t n = 0;
  analysis::WalkPreOrder(f, inv.call, [&](NodeId id, int level) {
    const analysis::CallNode& c = f.node(id);
    (*local)[id.value] = n++;
    name.push_back(strings->Id(CallName(f, id)));
    line.push_back(c.line);
    file.push_back(c.file.is_none() ? -1 : static_cast<int64_t>(c.file.value));
    depth.push_back(level);
    dur.push_back(c.duration_ns);
    ret.push_back(strings->Id(ReturnText(c)));
    int e = analysis::ErrnoOf(c);
    err.push_back(e);
    if (e != 0) errnos->insert(e);
    notes.push_back(strings->Id(Notes(f, c)));
    return true;
  });
  Json files = Json::array();
  for (const InputInfo& in : t.inputs) files.push_back(in.path);
  Json j;
  j["role"] = role;
  j["files"] = files;
  j["call"] = {{"function", CallName(f, inv.call)},
               {"file", InputPath(t, f.node(inv.call).file)},
               {"line", f.line(inv.call)},
               {"why", inv.why}};
  j["calls"] = {{"name", name},   {"line", line},  {"file", file},
                {"depth", depth}, {"dur", dur},    {"ret", ret},
                {"err", err},     {"notes", notes}};
  return j;
}

Json RowsJson(const RowTree& tree, const std::vector<int64_t>& good_local,
              const std::vector<int64_t>& bad_local) {
  Json g = Json::array(), b = Json::array(), end = Json::array(),
       kind = Json::array(), marks = Json::array();
  for (const ReportRow& r : tree.rows) {
    g.push_back(r.good.is_none() ? -1 : good_local[r.good.value]);
    b.push_back(r.bad.is_none() ? -1 : bad_local[r.bad.value]);
    end.push_back(r.end);
    kind.push_back(static_cast<int>(r.kind));
    marks.push_back(r.marks);
  }
  return {{"g", g},       {"b", b},         {"end", end},
          {"kind", kind}, {"marks", marks}, {"focus", tree.focus}};
}

Json SummaryJson(const Report& r) {
  Json s;
  Json failure = FailureJson(r);
  if (!failure.is_null()) s["failure"] = failure;
  if (!r.capture_notes.empty()) {
    s["capture_limits"] = CaptureNotesJson(r.capture_notes);
  }
  if (r.good == nullptr) return s;
  const CallForest& g = r.good->forest;
  const CallForest& b = r.bad->forest;
  std::string note = analysis::GoodFailsTooNote(g, r.good_call.call);
  if (!note.empty()) s["good_fails_too"] = note;
  if (r.diff.divergence) {
    s["divergence"] = DivergenceToJson(g, b, *r.diff.divergence);
  }
  Json diffs = Json::array();
  for (const analysis::Difference& x : r.diff.differences) {
    if (diffs.size() == kMaxDifferences) break;
    Json e{{"kind", analysis::DifferenceKindName(x.kind)}};
    e.update(CallPairJson(g, x.good, b, x.bad));
    e["on_failing_path"] = x.on_failing_path;
    diffs.push_back(e);
  }
  s["differences"] = diffs;
  s["differences_total"] = r.diff.differences.size();
  s["matched"] = r.diff.matched;
  s["noise"] = {{"good", r.diff.noise_good}, {"bad", r.diff.noise_bad}};
  return s;
}

Json ExplanationsJson(const std::vector<analysis::Explanation>& explanations) {
  Json out = Json::array();
  for (const analysis::Explanation* e : RankedExplanations(explanations)) {
    Json evidence = Json::array();
    for (const analysis::Evidence& v : e->evidence) {
      evidence.push_back({{"input", v.input},
                          {"path", v.path},
                          {"line", v.line},
                          {"text", v.text}});
    }
    out.push_back({{"kind", analysis::ExplanationKindName(e->kind)},
                   {"certainty", analysis::CertaintyName(e->certainty)},
                   {"function", e->function},
                   {"option", e->option},
                   {"kernel", e->kernel},
                   {"sentence", e->sentence},
                   {"evidence", evidence}});
  }
  return out;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON inside <script>: no "</script>" or "<!--" may appear, so every '<'
// (only ever inside strings) becomes \u003c.
std::string ScriptSafeJson(const Json& j) {
  std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

// Writes |page| with each "{{name}}" replaced by its value, in one pass:
// a value is never searched for placeholders.
void Expand(std::string_view page,
            const std::unordered_map<std::string_view, std::string>& values,
            std::ostream& out) {
  size_t pos = 0;
  for (size_t at; (at = page.find("{{", pos)) != std::string_view::npos;) {
    size_t close = page.find("}}", at);
    if (close == std::string_view::npos) break;
    auto it = values.find(page.substr(at + 2, close - at - 2));
    if (it == values.end()) {
      out << page.substr(pos, at + 2 - pos);
      pos = at + 2;
      continue;
    }
    out << page.substr(pos, at - pos) << it->second;
    pos = close + 2;
  }
  out << page.substr(pos);
}

}  // namespace

Json ReportJson(const Report& r,
                const std::vector<analysis::Explanation>& explanations) {
  StringTable strings;
  std::set<int> errnos;
  std::vector<int64_t> good_local;
  std::vector<int64_t> bad_local;
  Json sides = Json::array();
  if (r.good != nullptr) {
    sides.push_back(
        SideJson(*r.good, r.good_call, "good", &strings, &good_local, &errnos));
  }
  sides.push_back(
      SideJson(*r.bad, r.bad_call, "bad", &strings, &bad_local, &errnos));
  Json j;
  j["title"] = "ftriage report: " + ReportTitle(r);
  j["meta"] = {{"version", r.meta.version},
               {"command_line", r.meta.command_line}};
  j["summary"] = SummaryJson(r);
  j["explanations"] = ExplanationsJson(explanations);
  Json diags = Json::array();
  for (const DiagnosticCount& d : DiagnosticCounts(r)) {
    diags.push_back({{"run", d.run},
                     {"code", DiagCodeName(d.code)},
                     {"severity", SeverityName(DiagSeverity(d.code))},
                     {"count", d.count}});
  }
  j["diagnostics"] = diags;
  Json errno_names = Json::object();
  for (int e : errnos) {
    auto info = LookupErrno(e);
    errno_names[std::to_string(e)] =
        info ? std::string(info->meaning) : std::string();
  }
  j["errno_meanings"] = errno_names;
  j["sides"] = sides;
  j["rows"] = RowsJson(r.rows, good_local, bad_local);
  j["strings"] = strings.Take();
  return j;
}

void WriteHtmlReport(const Report& r,
                     const std::vector<analysis::Explanation>& explanations,
                     std::ostream& out) {
  Expand(kReportTemplate,
         {{"title", EscapeHtml("ftriage report: " + ReportTitle(r))},
          {"data", ScriptSafeJson(ReportJson(r, explanations))},
          {"script", std::string(kReportScript)}},
         out);
}

}  // namespace ftriage::cli
