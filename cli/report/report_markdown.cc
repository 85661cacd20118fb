// The Markdown report: what a bug report or a mail needs, in plain text
// that also renders.
#include "cli/report/report_markdown.h"

#include <string>
#include <string_view>
#include <tuple>

#include "cli/command_common.h"
#include "cli/divergence_view.h"
#include "core/errno_table.h"

namespace ftriage::cli {
namespace {

using analysis::CallForest;
using Json = nlohmann::ordered_json;

constexpr size_t kMaxDifferences = 10;

// `text` as a code span, with a longer fence if it holds backticks.
std::string Code(std::string_view text) {
  std::string fence = text.find('`') == std::string_view::npos ? "`" : "`` ";
  std::string close = fence == "`" ? "`" : " ``";
  return fence + std::string(text) + close;
}

// "`f` (line 7)"
std::string CallAt(const Json& call) {
  return Code(call.value("function", "?")) + " (line " +
         std::to_string(call.value("line", 0)) + ")";
}

std::string Str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

void WriteFailure(const Report& r, std::ostream& o) {
  const CallForest& f = r.bad->forest;
  NodeId call = r.bad_call.call;
  std::string where = Code(InputPath(*r.bad, f.node(call).file)) + " line " +
                      std::to_string(f.line(call));
  Json e = FailureJson(r);
  if (e.is_null()) {
    o << "- **Call:** " << Code(CallName(f, call)) << " at " << where << " ("
      << r.bad_call.why << "); it did not fail\n";
    return;
  }
  o << "- **Failing call:** ";
  if (!Str(e, "syscall").empty()) o << Code(Str(e, "syscall")) << " syscall, ";
  o << Code(CallName(f, call)) << " at " << where << "\n";
  if (!Str(e, "args_decoded").empty()) {
    o << "- **Arguments:** " << Code(Str(e, "args_decoded")) << "\n";
  }
  const Json& err = e["errno"];
  o << "- **errno:** " << err.value("number", 0);
  if (!Str(err, "name").empty()) o << " " << Str(err, "name");
  if (!Str(err, "meaning").empty()) o << " (" << Str(err, "meaning") << ")";
  o << "\n- **Origin:** ";
  const Json& origin = e["origin"];
  if (origin.contains("function")) {
    o << CallAt(origin);
  } else if (origin.contains("window") && origin["window"].contains("after")) {
    o << "not in the trace; error window: in "
      << Code(origin["window"]["in"].value("function", "?")) << " after "
      << CallAt(origin["window"]["after"]);
  } else if (origin.contains("window")) {
    o << "not in the trace; somewhere inside "
      << CallAt(origin["window"]["in"]);
  } else {
    o << "unknown";
  }
  o << " [" << Str(origin, "confidence") << "]\n";
  if (e.contains("chain") && !e["chain"].empty()) {
    o << "- **Chain:** ";
    std::string sep;
    for (const Json& link : e["chain"]) {
      o << sep << CallAt(link);
      if (auto code = ErrnoFromRetval(link.value("retval", int64_t{0}))) {
        o << " " << ErrnoLabel(*code);
      }
      sep = " → ";
    }
    o << "\n";
  }
  if (e.contains("notes")) {
    for (const Json& note : e["notes"]) {
      o << "- **Note:** " << note.get<std::string>() << "\n";
    }
  }
}

void WriteDivergence(const Report& r, std::ostream& o) {
  const CallForest& g = r.good->forest;
  const CallForest& b = r.bad->forest;
  for (const auto& [label, t, inv] : {std::tuple{"GOOD", r.good, &r.good_call},
                                      std::tuple{"BAD", r.bad, &r.bad_call}}) {
    const analysis::CallNode& n = t->forest.node(inv->call);
    o << "- **" << label << ":** " << Code(InputPath(*t, n.file)) << " line "
      << n.line << ": " << Code(CallName(t->forest, inv->call)) << " ("
      << inv->why << ")\n";
  }
  if (std::string note = analysis::GoodFailsTooNote(g, r.good_call.call);
      !note.empty()) {
    o << "- **Note:** " << note << "\n";
  }
  const analysis::TreeDiff& d = r.diff;
  if (!d.divergence) {
    o << "\n"
      << (d.differences.empty() ? "No difference in the compared calls."
                                : "No divergence on BAD's failing path.")
      << "\n";
  } else {
    const analysis::Divergence& v = *d.divergence;
    o << "- **Divergence in:** " << Code(CallName(b, v.bad_parent));
    if (CallName(g, v.good_parent) != CallName(b, v.bad_parent)) {
      o << " (GOOD: " << Code(CallName(g, v.good_parent)) << ")";
    }
    o << " " << CallPairLines(g, v.good_parent, b, v.bad_parent) << "\n";
    if (!v.retval_bad.is_none()) {
      o << "- **Both call:** " << Code(CallName(b, v.retval_bad)) << " "
        << CallPairLines(g, v.retval_good, b, v.retval_bad)
        << ", but BAD's returns " << v.bad_outcome << "\n";
    } else {
      auto item = [&](const char* label, const CallForest& f, NodeId id,
                      NodeId gid, NodeId bid) {
        o << "- **" << label << ":** "
          << (id.is_none()
                  ? "-"
                  : Code(CallName(f, id)) + " " + CallPairLines(g, gid, b, bid))
          << "\n";
      };
      item("Last common call", b, v.last_common_bad, v.last_common_good,
           v.last_common_bad);
      item("First call only GOOD", g, v.first_good_only, v.first_good_only, {});
      item("First call only BAD", b, v.first_bad_only, {}, v.first_bad_only);
      o << "- **BAD then:** " << v.bad_outcome << "\n";
    }
    if (!v.aligned.empty()) {
      o << "\n```diff\n";
      PrintAlignedTree(g, b, v, r.meta.context, false, false, o);
      o << "```\n";
    }
  }
  if (!d.differences.empty()) {
    o << "\nDifferences (" << d.differences.size()
      << ", most relevant first):\n\n";
    for (size_t i = 0; i < d.differences.size() && i < kMaxDifferences; ++i) {
      const analysis::Difference& x = d.differences[i];
      Json ref = CallPairJson(g, x.good, b, x.bad);
      o << "- " << analysis::DifferenceKindName(x.kind) << ": "
        << Code(x.kind == analysis::DifferenceKind::kCollapsedInBad
                    ? CallName(g, x.good)
                    : ref.value("function", "?"))
        << " " << CallPairLines(g, x.good, b, x.bad)
        << (x.on_failing_path ? " [failing path]" : "") << "\n";
    }
    if (d.differences.size() > kMaxDifferences) {
      o << "- ... " << d.differences.size() - kMaxDifferences
        << " more: `ftriage diff` lists them all\n";
    }
  }
  o << "\n"
    << d.matched << " calls matched; noise set aside: " << d.noise_good
    << " in GOOD, " << d.noise_bad << " in BAD.\n";
}

void WriteExplanations(const std::vector<analysis::Explanation>& explanations,
                       std::ostream& o) {
  o << "\n## Explanations\n\n";
  if (explanations.empty()) {
    o << "None.\n";
    return;
  }
  size_t n = 0;
  for (const analysis::Explanation* e : RankedExplanations(explanations)) {
    o << ++n << ". **" << analysis::ExplanationKindName(e->kind) << "**";
    if (!e->function.empty()) o << " " << Code(e->function);
    if (!e->option.empty()) o << " " << Code(e->option);
    o << " (";
    if (!e->kernel.empty()) o << e->kernel << " kernel, ";
    o << "certainty " << analysis::CertaintyName(e->certainty)
      << "): " << e->sentence << "\n";
    for (const analysis::Evidence& v : e->evidence) {
      o << "   - " << v.input << " " << Code(v.path);
      if (v.line != 0) {
        o << " line " << v.line << ": " << Code(v.text) << "\n";
      } else {
        o << ": no " << Code(v.text) << "\n";
      }
    }
  }
}

void WriteDiagnostics(const Report& r, std::ostream& o) {
  o << "\n## Parse warnings\n\n";
  std::vector<DiagnosticCount> counts = DiagnosticCounts(r);
  if (counts.empty()) {
    o << "None: every line of the input was read.\n";
    return;
  }
  o << "| run | diagnostic | severity | count |\n|---|---|---|---:|\n";
  for (const DiagnosticCount& c : counts) {
    o << "| " << c.run << " | " << DiagCodeName(c.code) << " | "
      << SeverityName(DiagSeverity(c.code)) << " | " << c.count << " |\n";
  }
}

}  // namespace

void WriteMarkdownReport(const Report& r,
                         const std::vector<analysis::Explanation>& explanations,
                         std::ostream& o) {
  o << "# ftriage report: " << ReportTitle(r) << "\n\n";
  WriteFailure(r, o);
  for (const analysis::CaptureNote& n : r.capture_notes) {
    o << "- **Capture:** " << n.sentence << "\n";
  }
  if (r.good != nullptr) {
    o << "\n## Where BAD leaves GOOD\n\n";
    WriteDivergence(r, o);
  }
  WriteExplanations(explanations, o);
  WriteDiagnostics(r, o);
  o << "\n---\nMade by " << r.meta.version << ": " << Code(r.meta.command_line)
    << "\n";
}

}  // namespace ftriage::cli
