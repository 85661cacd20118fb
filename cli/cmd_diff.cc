// `ftriage diff GOOD BAD`: where the failing run leaves the good one.
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "analysis/error_origin.h"
#include "analysis/function_stats.h"
#include "analysis/run_pairing.h"
#include "analysis/run_variation.h"
#include "analysis/tree_diff.h"
#include "cli/color.h"
#include "cli/command_common.h"
#include "core/decimal_time.h"

namespace ftriage::cli {
namespace {

using analysis::CallForest;
using Json = nlohmann::ordered_json;

std::string Name(const CallForest& f, NodeId id) {
  if (id.is_none()) return "-";
  StringId n = f.node(id).func;
  return n.is_none() ? "?" : std::string(f.name(n));
}

Json Ref(const CallForest& good, NodeId g, const CallForest& bad, NodeId b) {
  Json j;
  j["function"] = !b.is_none() ? Name(bad, b) : Name(good, g);
  if (!g.is_none() && !b.is_none() && Name(good, g) != Name(bad, b)) {
    j["good_function"] = Name(good, g);  // collapsed or renamed
  }
  if (!g.is_none()) j["good_line"] = good.node(g).line;
  if (!b.is_none()) j["bad_line"] = bad.node(b).line;
  return j;
}

std::string Lines(const CallForest& good, NodeId g, const CallForest& bad,
                  NodeId b) {
  std::string s;
  if (!g.is_none()) s += "GOOD line " + std::to_string(good.node(g).line);
  if (!b.is_none()) {
    s += (s.empty() ? "" : ", ") + std::string("BAD line ") +
         std::to_string(bad.node(b).line);
  }
  return s.empty() ? "" : "(" + s + ")";
}

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

// The divergence as a unified tree diff: BAD's calls down to the parting
// parent, then the parents' children aligned, " " both runs, "-" only GOOD,
// "+" only BAD, with |context| common calls kept before the parting.
void PrintAlignedTree(const CallForest& g, const CallForest& b,
                      const analysis::Divergence& v, size_t context,
                      bool side_by_side, bool color, std::ostream& o) {
  auto emit = [&](char mark, std::string out) {
    out.erase(out.find_last_not_of(' ') + 1);
    const char* paint = mark == '-' ? kRed : mark == '+' ? kGreen : nullptr;
    o << (color && paint != nullptr ? paint + out + kReset : out) << "\n";
  };
  auto line = [&](char mark, size_t level, const std::string& name, NodeId gid,
                  NodeId bid, const std::string& note) {
    std::string indent(level * 2, ' ');
    std::string gl = gid.is_none() ? "" : std::to_string(g.node(gid).line);
    std::string bl = bid.is_none() ? "" : std::to_string(b.node(bid).line);
    char cols[256];
    if (side_by_side) {
      // GOOD on the left, BAD on the right: "<" only GOOD, ">" only BAD.
      std::string left = mark == '+' ? "" : indent + name + "  " + gl;
      std::string right = mark == '-' ? "" : indent + name + "  " + bl;
      const char* sep = mark == '-' ? "<" : mark == '+' ? ">" : "|";
      std::snprintf(cols, sizeof cols, "  %-46s %s %s", left.c_str(), sep,
                    right.c_str());
    } else {
      std::string text = std::string(1, mark) + " " + indent + name;
      std::snprintf(cols, sizeof cols, "%-48s %9s %9s", text.c_str(),
                    gl.c_str(), bl.c_str());
    }
    emit(mark, std::string(cols) + (note.empty() ? "" : "  " + note));
  };
  char header[128];
  if (side_by_side) {
    std::snprintf(header, sizeof header, "  %-46s | %s", "GOOD  (line)",
                  "BAD  (line)");
  } else {
    std::snprintf(header, sizeof header, "%-48s %9s %9s", "  tree diff",
                  "GOOD line", "BAD line");
  }
  o << (color ? kBold + std::string(header) + kReset : std::string(header))
    << "\n";
  std::vector<NodeId> ancestors;
  for (NodeId id = v.bad_parent; !id.is_none(); id = b.node(id).parent) {
    ancestors.push_back(id);
  }
  size_t level = 0;
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it, ++level) {
    bool parent = *it == v.bad_parent;
    std::string name = Name(b, *it);
    if (parent && Name(g, v.good_parent) != name) {
      line('-', level, Name(g, v.good_parent), v.good_parent, {},
           "collapsed in BAD: its callees are made by the call below");
      line('+', level, name, {}, *it, "");
    } else {
      line(' ', level, name, parent ? v.good_parent : NodeId::None(), *it, "");
    }
  }
  // Keep |context| common calls before the first line that differs.
  size_t first_diff = v.aligned.size();
  for (size_t i = 0; i < v.aligned.size() && first_diff == v.aligned.size();
       ++i) {
    const analysis::AlignedCall& a = v.aligned[i];
    if (a.good.is_none() || a.bad.is_none() || a.bad == v.retval_bad ||
        a.bad == v.last_common_bad) {
      first_diff = i;
    }
  }
  size_t start = first_diff > context ? first_diff - context : 0;
  if (start > 0) {
    o << "  " << std::string(level * 2, ' ') << "... " << start
      << " common calls\n";
  }
  for (size_t i = start; i < v.aligned.size(); ++i) {
    const analysis::AlignedCall& a = v.aligned[i];
    std::string note;
    if (!a.bad.is_none() && a.bad == v.last_common_bad) note = "<- last common";
    if (!a.good.is_none() && a.good == v.first_good_only) {
      note = "<- first only GOOD";
    }
    if (!a.bad.is_none() && a.bad == v.first_bad_only) {
      note = "<- first only BAD";
    }
    if (!a.bad.is_none() && a.bad == v.retval_bad) {
      note = "<- returns differently";
    }
    if (a.bad.is_none()) {
      line('-', level, Name(g, a.good), a.good, {}, note);
    } else if (a.good.is_none()) {
      line('+', level, Name(b, a.bad), {}, a.bad, note);
    } else {
      line(' ', level, Name(b, a.bad), a.good, a.bad, note);
    }
  }
  emit(' ', "  " + std::string(level * 2, ' ') + "BAD then " + v.bad_outcome);
}

// |deterministic| is empty with one run of each kind, else one flag per
// difference.
void PrintText(const LoadedTrace& gt, const LoadedTrace& bt,
               const analysis::Invocation& gi, const analysis::Invocation& bi,
               const analysis::TreeDiff& d,
               const std::vector<bool>& deterministic, size_t context,
               bool side_by_side, bool color, std::ostream& o) {
  const CallForest& g = gt.forest;
  const CallForest& b = bt.forest;
  o << "GOOD: " << InputPath(gt, g.node(gi.call).file) << " line "
    << g.node(gi.call).line << ": " << Name(g, gi.call) << "  (" << gi.why
    << ")\n";
  o << "BAD:  " << InputPath(bt, b.node(bi.call).file) << " line "
    << b.node(bi.call).line << ": " << Name(b, bi.call) << "  (" << bi.why
    << ")\n\n";
  if (g.node(gi.call).flags & analysis::kHasRetval &&
      analysis::ErrnoOf(g.node(gi.call)) != 0) {
    o << "note: GOOD's call fails too: the differences below are between the "
         "runs (or kernels), not the cause of BAD's failure\n\n";
  }
  if (d.divergence) {
    const analysis::Divergence& v = *d.divergence;
    std::string where = Name(b, v.bad_parent);
    if (Name(g, v.good_parent) != where) {
      where = Name(g, v.good_parent) + " (GOOD) / " + where + " (BAD)";
    }
    o << "divergence in " << where << " "
      << Lines(g, v.good_parent, b, v.bad_parent) << ":\n";
    if (!v.retval_bad.is_none()) {
      o << "  both call " << Name(b, v.retval_bad) << " "
        << Lines(g, v.retval_good, b, v.retval_bad) << " but BAD's returns "
        << v.bad_outcome << "\n";
    } else {
      o << "  last common call:     " << Name(b, v.last_common_bad) << " "
        << Lines(g, v.last_common_good, b, v.last_common_bad) << "\n";
      o << "  first call only GOOD: " << Name(g, v.first_good_only) << " "
        << Lines(g, v.first_good_only, b, {}) << "\n";
      o << "  first call only BAD:  " << Name(b, v.first_bad_only) << " "
        << Lines(g, {}, b, v.first_bad_only) << "\n";
      o << "  BAD then:             " << v.bad_outcome << "\n";
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
                ? Name(g, x.good)
                : Name(b, x.bad))
        << " " << Lines(g, x.good, b, x.bad)
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
            const analysis::Invocation& gi, const analysis::Invocation& bi,
            const analysis::TreeDiff& d,
            const std::vector<bool>& deterministic) {
  const CallForest& g = gt.forest;
  const CallForest& b = bt.forest;
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
  j["good"] = {{"function", Name(g, gi.call)},
               {"line", g.node(gi.call).line},
               {"why", gi.why}};
  j["bad"] = {{"function", Name(b, bi.call)},
              {"line", b.node(bi.call).line},
              {"why", bi.why}};
  if (d.divergence) {
    const analysis::Divergence& v = *d.divergence;
    Json dv;
    dv["parent"] = Ref(g, v.good_parent, b, v.bad_parent);
    if (!v.retval_bad.is_none()) {
      dv["different_return"] = Ref(g, v.retval_good, b, v.retval_bad);
    }
    if (!v.last_common_bad.is_none()) {
      dv["last_common"] = Ref(g, v.last_common_good, b, v.last_common_bad);
    }
    if (!v.first_good_only.is_none()) {
      dv["first_good_only"] = Ref(g, v.first_good_only, b, {});
    }
    if (!v.first_bad_only.is_none()) {
      dv["first_bad_only"] = Ref(g, {}, b, v.first_bad_only);
    }
    dv["bad_outcome"] = {{"text", v.bad_outcome},
                         {"function", Name(b, v.bad_parent)},
                         {"line", b.node(v.bad_parent).line}};
    j["divergence"] = dv;
  }
  Json diffs = Json::array();
  for (const analysis::Difference& x : d.differences) {
    Json e;
    e["kind"] = analysis::DifferenceKindName(x.kind);
    e.update(Ref(g, x.good, b, x.bad));
    if (x.kind == analysis::DifferenceKind::kCollapsedInBad) {
      e["function"] = Name(g, x.good);
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

}  // namespace

// One comparison: GOOD's and BAD's chosen calls and their tree diff.
struct Comparison {
  analysis::Invocation good;
  analysis::Invocation bad;
  analysis::TreeDiff diff;
};

// Pairs |bad|'s failing call (or, when |like| is given, the call of |bad|
// comparable to it, for two runs of the same kind) with |good|'s.
std::optional<Comparison> Compare(const LoadedTrace& good,
                                  const LoadedTrace& bad,
                                  const DiffCliOptions& o,
                                  const analysis::DiffOptions& opts,
                                  std::string* error) {
  Comparison c;
  auto bi =
      analysis::PickBadInvocation(bad.forest, o.root_glob, o.bad_at, error);
  if (!bi) return std::nullopt;
  auto gi = analysis::PickGoodInvocation(good.forest, bad.forest, bi->call,
                                         o.good_at, opts, error);
  if (!gi) return std::nullopt;
  c.good = *gi;
  c.bad = *bi;
  c.diff = analysis::DiffTrees(good.forest, gi->call, bad.forest, bi->call,
                               bi->failing_path, opts);
  return c;
}

// With several runs: a difference is deterministic when every GOOD/BAD pair
// shows it and no two GOOD runs differ that way; otherwise it varies.
std::vector<bool> Deterministic(
    const std::vector<std::unique_ptr<LoadedTrace>>& goods,
    const std::vector<std::unique_ptr<LoadedTrace>>& bads,
    const Comparison& primary, const DiffCliOptions& o,
    const analysis::DiffOptions& opts, const Io& io) {
  std::set<std::string> in_every_pair = analysis::Signatures(
      goods[0]->forest, bads[0]->forest, primary.diff, opts);
  std::set<std::string> between_goods;
  std::string error;
  for (size_t i = 0; i < goods.size(); ++i) {
    for (size_t j = 0; j < bads.size(); ++j) {
      if (i == 0 && j == 0) continue;
      auto c = Compare(*goods[i], *bads[j], o, opts, &error);
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
  for (auto [paths, runs] :
       {std::pair{&o.more_good, &goods}, std::pair{&o.more_bad, &bads}}) {
    // The first run may span several files (--good-part, --bad-part).
    std::vector<std::string> first = {runs == &goods ? o.good : o.bad};
    const auto& parts = runs == &goods ? o.good_parts : o.bad_parts;
    first.insert(first.end(), parts.begin(), parts.end());
    runs->push_back(std::make_unique<LoadedTrace>());
    if (!LoadOrReport(g, first, io, runs->back().get())) return kExitError;
    for (const std::string& path : *paths) {
      runs->push_back(std::make_unique<LoadedTrace>());
      if (!LoadOrReport(g, {path}, io, runs->back().get())) return kExitError;
    }
  }
  const LoadedTrace& good = *goods[0];
  const LoadedTrace& bad = *bads[0];
  std::string error;
  auto c = Compare(good, bad, o, opts, &error);
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
  if (g.json) {
    Json j = ToJson(good, bad, c->good, c->bad, d, deterministic);
    if (!deterministic.empty()) {
      j["runs"] = {{"good", goods.size()}, {"bad", bads.size()}};
    }
    if (o.stats) j["stats"] = StatsToJson(stats);
    *io.out << DumpJson(j);
  } else {
    PrintText(good, bad, c->good, c->bad, d, deterministic, o.context,
              o.side_by_side, UseColor(g, io), *io.out);
    if (o.stats) PrintStats(stats, *io.out);
  }
  PrintDiagnostics(g, good, io);
  PrintDiagnostics(g, bad, io);
  return d.divergence || !d.differences.empty() ? kExitFound : kExitOk;
}

}  // namespace ftriage::cli
