// `ftriage diff GOOD BAD`: where the failing run leaves the good one.
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "analysis/error_origin.h"
#include "analysis/export_folded.h"
#include "analysis/function_stats.h"
#include "analysis/run_pairing.h"
#include "analysis/run_variation.h"
#include "analysis/tree_diff.h"
#include "cli/color.h"
#include "cli/command_common.h"
#include "cli/divergence_view.h"
#include "core/decimal_time.h"

namespace ftriage::cli {
namespace {

using analysis::CallForest;
using Json = nlohmann::ordered_json;

bool ReadListFile(const std::string& path, std::vector<std::string>* out,
                  std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  out->clear();
  for (std::string line; std::getline(in, line);) {
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
      line.pop_back();
    }
    size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos) out->push_back(line.substr(start));
  }
  return true;
}

// |deterministic| is empty with one run of each kind, else one flag per
// difference.
void PrintText(const LoadedTrace& gt, const LoadedTrace& bt,
               const analysis::Comparison& c,
               const std::vector<bool>& deterministic, size_t context,
               bool side_by_side, bool color, std::ostream& o) {
  const CallForest& g = gt.forest;
  const CallForest& b = bt.forest;
  const analysis::Invocation& gi = c.good;
  const analysis::Invocation& bi = c.bad;
  const analysis::TreeDiff& d = c.diff;
  o << "GOOD: " << InputPath(gt, g.node(gi.call).file) << " line "
    << g.line(gi.call) << ": " << CallName(g, gi.call) << "  (" << gi.why
    << ")\n";
  o << "BAD:  " << InputPath(bt, b.node(bi.call).file) << " line "
    << b.line(bi.call) << ": " << CallName(b, bi.call) << "  (" << bi.why
    << ")\n\n";
  if (std::string note = analysis::GoodFailsTooNote(g, gi.call);
      !note.empty()) {
    o << "note: " << note << "\n\n";
  }
  for (const analysis::CaptureNote& n : analysis::CaptureNotes(c, g, b)) {
    o << "note: " << n.sentence << "\n\n";
  }
  if (d.divergence) {
    const analysis::Divergence& v = *d.divergence;
    std::string where = CallName(b, v.bad_parent);
    if (CallName(g, v.good_parent) != where) {
      where = CallName(g, v.good_parent) + " (GOOD) / " + where + " (BAD)";
    }
    o << "divergence in " << where << " "
      << CallPairLines(g, v.good_parent, b, v.bad_parent) << ":\n";
    if (!v.retval_bad.is_none()) {
      o << "  both call " << CallName(b, v.retval_bad) << " "
        << CallPairLines(g, v.retval_good, b, v.retval_bad)
        << " but BAD's returns " << v.bad_outcome << "\n";
    } else {
      o << "  last common call:     " << CallName(b, v.last_common_bad) << " "
        << CallPairLines(g, v.last_common_good, b, v.last_common_bad) << "\n";
      o << "  first call only GOOD: " << CallName(g, v.first_good_only) << " "
        << CallPairLines(g, v.first_good_only, b, {}) << "\n";
      o << "  first call only BAD:  " << CallName(b, v.first_bad_only) << " "
        << CallPairLines(g, {}, b, v.first_bad_only) << "\n";
      o << "  BAD then:             " << v.bad_outcome << "\n";
    }
    if (c.bad_limits.HidesCalleesOf(b, v.bad_parent)) {
      o << "  caution:              BAD's capture could not show calls in "
        << CallName(b, v.bad_parent)
        << " (see the note above): this divergence may be the capture's, "
           "not the kernel's\n";
    }
  } else if (d.differences.empty()) {
    o << "no difference in the compared calls\n";
  } else {
    o << "no divergence on BAD's failing path\n";
  }
  if (d.divergence && !d.divergence->aligned.empty()) {
    o << "\n";
    PrintAlignedTree(g, b, *d.divergence, context, side_by_side, color, o);
  }
  if (!d.differences.empty()) {
    o << "\ndifferences (" << d.differences.size()
      << ", most relevant first):\n";
    for (size_t i = 0; i < d.differences.size(); ++i) {
      const analysis::Difference& x = d.differences[i];
      if (!deterministic.empty()) {
        o << (deterministic[i] ? "  [deterministic]" : "  [varies]     ");
      }
      o << "  " << analysis::DifferenceKindName(x.kind) << ": "
        << (x.bad.is_none() ||
                    x.kind == analysis::DifferenceKind::kCollapsedInBad
                ? CallName(g, x.good)
                : CallName(b, x.bad))
        << " " << CallPairLines(g, x.good, b, x.bad)
        << (x.on_failing_path ? "  [failing path]" : "") << "\n";
    }
  }
  o << "\n"
    << d.matched << " calls matched; noise set aside: " << d.noise_good
    << " in GOOD, " << d.noise_bad << " in BAD\n";
}

std::string Us(int64_t ns, uint64_t timed) {
  return timed == 0 ? "-" : FormatDurationUs(ns);
}

void PrintStats(const std::vector<analysis::FunctionComparison>& stats,
                std::ostream& o) {
  char row[256];
  std::snprintf(row, sizeof row, "%-40s %9s %9s %14s %14s %14s %14s",
                "function", "GOOD n", "BAD n", "GOOD total", "BAD total",
                "GOOD self", "BAD self");
  o << "\nper function (whole runs; only one run first, then by time "
       "difference):\n"
    << row << "\n";
  for (const analysis::FunctionComparison& c : stats) {
    std::snprintf(row, sizeof row, "%-40s %9llu %9llu %14s %14s %14s %14s",
                  c.key.c_str(), static_cast<unsigned long long>(c.good.calls),
                  static_cast<unsigned long long>(c.bad.calls),
                  Us(c.good.total_ns, c.good.timed).c_str(),
                  Us(c.bad.total_ns, c.bad.timed).c_str(),
                  Us(c.good.self_ns, c.good.timed).c_str(),
                  Us(c.bad.self_ns, c.bad.timed).c_str());
    o << row << "\n";
  }
}

Json StatsToJson(const std::vector<analysis::FunctionComparison>& stats) {
  Json out = Json::array();
  for (const analysis::FunctionComparison& c : stats) {
    auto side = [](const analysis::FunctionTotals& t) {
      Json j{{"calls", t.calls}};
      if (t.timed > 0) {
        j["total_ns"] = t.total_ns;
        j["self_ns"] = t.self_ns;
      }
      return j;
    };
    out.push_back(
        {{"function", c.key}, {"good", side(c.good)}, {"bad", side(c.bad)}});
  }
  return out;
}

Json ToJson(const LoadedTrace& gt, const LoadedTrace& bt,
            const analysis::Comparison& c,
            const std::vector<bool>& deterministic) {
  const CallForest& g = gt.forest;
  const CallForest& b = bt.forest;
  const analysis::Invocation& gi = c.good;
  const analysis::Invocation& bi = c.bad;
  const analysis::TreeDiff& d = c.diff;
  Json j;
  j["ftriage_schema"] = kJsonSchemaVersion;
  j["command"] = "diff";
  Json inputs = Json::array();
  for (const auto* t : {&gt, &bt}) {
    for (const InputInfo& in : t->inputs) {
      inputs.push_back({{"role", t == &gt ? "good" : "bad"},
                        {"path", in.path},
                        {"format", parser::FormatName(in.format)}});
    }
  }
  j["inputs"] = inputs;
  j["good"] = {{"function", CallName(g, gi.call)},
               {"line", g.line(gi.call)},
               {"why", gi.why}};
  j["bad"] = {{"function", CallName(b, bi.call)},
              {"line", b.line(bi.call)},
              {"why", bi.why}};
  std::vector<analysis::CaptureNote> notes = analysis::CaptureNotes(c, g, b);
  if (!notes.empty()) j["capture_limits"] = CaptureNotesJson(notes);
  if (d.divergence) {
    j["divergence"] = DivergenceToJson(g, b, *d.divergence);
    if (c.bad_limits.HidesCalleesOf(b, d.divergence->bad_parent)) {
      j["divergence"]["hidden_by_capture"] = true;
    }
  }
  Json diffs = Json::array();
  for (const analysis::Difference& x : d.differences) {
    Json e;
    e["kind"] = analysis::DifferenceKindName(x.kind);
    e.update(CallPairJson(g, x.good, b, x.bad));
    if (x.kind == analysis::DifferenceKind::kCollapsedInBad) {
      e["function"] = CallName(g, x.good);
    }
    e["on_failing_path"] = x.on_failing_path;
    e["depth"] = x.depth;
    if (!deterministic.empty()) {
      e["recurrence"] =
          deterministic[diffs.size()] ? "deterministic" : "variation";
    }
    diffs.push_back(e);
  }
  j["differences"] = diffs;
  j["matched"] = d.matched;
  j["noise"] = {{"good", d.noise_good}, {"bad", d.noise_bad}};
  Json diags = DiagnosticsToJson(gt);
  for (const auto& x : DiagnosticsToJson(bt)) diags.push_back(x);
  j["diagnostics"] = diags;
  return j;
}

analysis::PairingChoice Choice(const DiffCliOptions& o) {
  return {o.root_glob, o.good_at, o.bad_at};
}

// With several runs: a difference is deterministic when every GOOD/BAD pair
// shows it and no two GOOD runs differ that way; otherwise it varies.
std::vector<bool> Deterministic(
    const std::vector<std::unique_ptr<LoadedTrace>>& goods,
    const std::vector<std::unique_ptr<LoadedTrace>>& bads,
    const analysis::Comparison& primary, const DiffCliOptions& o,
    const analysis::DiffOptions& opts, const Io& io) {
  std::set<std::string> in_every_pair = analysis::Signatures(
      goods[0]->forest, bads[0]->forest, primary.diff, opts);
  std::set<std::string> between_goods;
  std::string error;
  for (size_t i = 0; i < goods.size(); ++i) {
    for (size_t j = 0; j < bads.size(); ++j) {
      if (i == 0 && j == 0) continue;
      auto c = analysis::CompareRuns(goods[i]->forest, bads[j]->forest,
                                     Choice(o), opts, &error);
      if (!c) {
        *io.err << "ftriage: run pair " << i + 1 << "/" << j + 1 << ": "
                << error << "\n";
        continue;
      }
      std::set<std::string> sigs = analysis::Signatures(
          goods[i]->forest, bads[j]->forest, c->diff, opts);
      std::erase_if(in_every_pair,
                    [&](const std::string& s) { return !sigs.contains(s); });
    }
    for (size_t k = i + 1; k < goods.size(); ++k) {
      auto gi =
          analysis::PickGoodInvocation(goods[k]->forest, goods[i]->forest,
                                       primary.good.call, 0, opts, &error);
      if (!gi || i != 0) continue;  // compare the others with the first
      analysis::TreeDiff d =
          analysis::DiffTrees(goods[0]->forest, primary.good.call,
                              goods[k]->forest, gi->call, {gi->call}, opts);
      for (const std::string& s :
           analysis::Signatures(goods[0]->forest, goods[k]->forest, d, opts)) {
        between_goods.insert(s);
      }
    }
  }
  std::vector<bool> out;
  for (const analysis::Difference& x : primary.diff.differences) {
    std::string sig = analysis::DifferenceSignature(goods[0]->forest,
                                                    bads[0]->forest, x, opts);
    out.push_back(in_every_pair.contains(sig) && !between_goods.contains(sig));
  }
  return out;
}

}  // namespace

int RunDiff(const GlobalOptions& g, const DiffCliOptions& o, const Io& io) {
  analysis::DiffOptions opts;
  if (!o.keep_noise) opts.noise = analysis::DefaultNoise();
  if (!o.noise_file.empty()) {
    std::string error;
    if (!ReadListFile(o.noise_file, &opts.noise, &error)) {
      *io.err << "ftriage: --noise: " << error << "\n";
      return kExitError;
    }
  }
  std::vector<std::string> renames = o.renames;
  if (!o.rename_file.empty()) {
    std::vector<std::string> from_file;
    std::string error;
    if (!ReadListFile(o.rename_file, &from_file, &error)) {
      *io.err << "ftriage: --rename-file: " << error << "\n";
      return kExitError;
    }
    renames.insert(renames.end(), from_file.begin(), from_file.end());
  }
  for (const std::string& r : renames) {
    size_t eq = r.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == r.size()) {
      *io.err << "ftriage: --rename takes OLD=NEW, not '" << r << "'\n";
      return kExitError;
    }
    opts.renames.push_back({r.substr(0, eq), r.substr(eq + 1)});
  }
  std::vector<std::unique_ptr<LoadedTrace>> goods;
  std::vector<std::unique_ptr<LoadedTrace>> bads;
  std::vector<RunToLoad> to_load;
  for (auto [paths, runs] :
       {std::pair{&o.more_good, &goods}, std::pair{&o.more_bad, &bads}}) {
    // The first run may span several files (--good-part, --bad-part).
    std::vector<std::string> first = {runs == &goods ? o.good : o.bad};
    const auto& parts = runs == &goods ? o.good_parts : o.bad_parts;
    first.insert(first.end(), parts.begin(), parts.end());
    runs->push_back(std::make_unique<LoadedTrace>());
    to_load.push_back({first, runs->back().get()});
    for (const std::string& path : *paths) {
      runs->push_back(std::make_unique<LoadedTrace>());
      to_load.push_back({{path}, runs->back().get()});
    }
  }
  if (!LoadRunsOrReport(g, to_load, io)) return kExitError;
  const LoadedTrace& good = *goods[0];
  const LoadedTrace& bad = *bads[0];
  std::string error;
  auto c =
      analysis::CompareRuns(good.forest, bad.forest, Choice(o), opts, &error);
  if (!c) {
    *io.err << "ftriage: " << error << "\n";
    return kExitError;
  }
  std::vector<bool> deterministic;
  if (goods.size() > 1 || bads.size() > 1) {
    deterministic = Deterministic(goods, bads, *c, o, opts, io);
  }
  const analysis::TreeDiff& d = c->diff;
  std::vector<analysis::FunctionComparison> stats;
  if (o.stats) {
    stats = analysis::CompareFunctions(good.forest, bad.forest, opts);
  }
  if (o.folded) {
    analysis::WriteFoldedDiff(good.forest, c->good.call, bad.forest,
                              c->bad.call, opts, *io.out);
  } else if (g.json) {
    Json j = ToJson(good, bad, *c, deterministic);
    if (!deterministic.empty()) {
      j["runs"] = {{"good", goods.size()}, {"bad", bads.size()}};
    }
    if (o.stats) j["stats"] = StatsToJson(stats);
    *io.out << DumpJson(j);
  } else {
    PrintText(good, bad, *c, deterministic, o.context, o.side_by_side,
              UseColor(g, io), *io.out);
    if (o.stats) PrintStats(stats, *io.out);
  }
  PrintDiagnostics(g, good, io);
  PrintDiagnostics(g, bad, io);
  return d.divergence || !d.differences.empty() ? kExitFound : kExitOk;
}

}  // namespace ftriage::cli
