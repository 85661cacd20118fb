// `ftriage explain BAD [GOOD]`: why expected functions are missing, with
// kernel context and the source.
#include <ostream>

#include "analysis/explain.h"
#include "cli/color.h"
#include "cli/command_common.h"
#include "cli/explain_inputs.h"

namespace ftriage::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string KernelSummary(const std::optional<KernelContext>& k) {
  if (!k) return "no kernel context";
  std::string out;
  auto add = [&](const char* what, const std::string& path) {
    out += (out.empty() ? "" : ", ") + std::string(what) + " " + path;
  };
  if (k->kallsyms) {
    add(k->kallsyms->data.complete() ? "kallsyms" : "kallsyms excerpt",
        k->kallsyms->path);
  }
  if (k->filter_functions) {
    add("available_filter_functions", k->filter_functions->path);
  }
  if (k->config) add("config", k->config->path);
  return out.empty() ? "no kernel context" : out;
}

Json KernelJson(const std::optional<KernelContext>& k) {
  Json j = Json::object();
  if (!k) return j;
  if (k->kallsyms) j["kallsyms"] = k->kallsyms->path;
  if (k->filter_functions) {
    j["available_filter_functions"] = k->filter_functions->path;
  }
  if (k->config) j["config"] = k->config->path;
  if (k->release) j["release"] = k->release->release;
  return j;
}

Json ExplanationJson(const analysis::Explanation& x) {
  Json j;
  j["kind"] = analysis::ExplanationKindName(x.kind);
  j["certainty"] = analysis::CertaintyName(x.certainty);
  if (!x.function.empty()) j["function"] = x.function;
  if (!x.option.empty()) j["option"] = x.option;
  if (!x.kernel.empty()) j["kernel"] = x.kernel;
  j["sentence"] = x.sentence;
  Json ev = Json::array();
  for (const analysis::Evidence& e : x.evidence) {
    Json one{{"input", e.input}, {"path", e.path}};
    if (e.line != 0) one["line"] = e.line;
    one["text"] = e.text;
    ev.push_back(one);
  }
  j["evidence"] = ev;
  return j;
}

void PrintText(const analysis::ExplainResult& r, const LoadedTrace& bad,
               const LoadedTrace* good, const KernelInputs& k, bool color,
               std::ostream& o) {
  auto bold = [&](const std::string& s) {
    return color ? kBold + s + kReset : s;
  };
  o << "BAD:  " << bad.inputs.front().path << "  (" << KernelSummary(k.bad)
    << ")\n";
  if (good != nullptr) {
    o << "GOOD: " << good->inputs.front().path << "  (" << KernelSummary(k.good)
      << ")\n";
  }
  o << "source: " << (k.source ? k.source_path : std::string("none")) << "\n\n"
    << bold("where: ") << r.focus << "\n\n";
  if (r.explanations.empty()) {
    o << "nothing to explain with the inputs given\n";
  } else {
    o << bold("explanations, most likely first:") << "\n";
  }
  for (size_t i = 0; i < r.explanations.size(); ++i) {
    const analysis::Explanation& x = r.explanations[i];
    std::string head = std::to_string(i + 1) + ". [" +
                       analysis::ExplanationKindName(x.kind) + ", " +
                       analysis::CertaintyName(x.certainty) + "]";
    if (!x.option.empty()) head += " " + x.option;
    if (!x.function.empty()) head += " " + x.function;
    if (!x.kernel.empty()) head += " (" + x.kernel + ")";
    o << bold(head) << "\n     " << x.sentence << "\n";
    for (const analysis::Evidence& e : x.evidence) {
      std::string where =
          e.path + (e.line != 0 ? ":" + std::to_string(e.line) : "");
      char row[64];
      std::snprintf(row, sizeof row, "       %-11s ", e.input.c_str());
      o << row << where << "  " << e.text << "\n";
    }
  }
  if (!r.would_settle.empty()) {
    o << "\n" << bold("what would tell more:") << "\n";
    for (const std::string& s : r.would_settle) o << "  - " << s << "\n";
  }
}

}  // namespace

int RunExplain(const GlobalOptions& g, const ExplainCliOptions& o,
               const Io& io) {
  KernelInputs k;
  if (!LoadKernelInputs(o.kernel, io, &k)) return kExitError;
  LoadedTrace bad;
  std::optional<LoadedTrace> good_storage;
  LoadedTrace* good = nullptr;
  std::vector<RunToLoad> runs = {{{o.bad}, &bad}};
  if (!o.good.empty()) {
    good = &good_storage.emplace();
    runs.push_back({{o.good}, good});
  }
  if (!LoadRunsOrReport(g, runs, io)) return kExitError;
  analysis::ExplainInput in;
  in.bad = MakeExplainRun(bad, k.bad);
  if (good != nullptr) in.good = MakeExplainRun(*good, k.good);
  in.source = k.source.get();
  in.graph = k.graph.get();
  in.expect = o.kernel.expect;
  in.choice = {o.root_glob, o.good_at, o.bad_at};
  if (!o.keep_noise) in.diff_options.noise = analysis::DefaultNoise();
  std::string error;
  auto r = analysis::Explain(in, &error);
  if (!r) {
    *io.err << "ftriage: " << error << "\n";
    return kExitError;
  }
  if (g.json) {
    Json j = JsonEnvelope("explain", bad);
    for (Json& i : j["inputs"]) i["role"] = "bad";
    if (good != nullptr) {
      for (const InputInfo& i : good->inputs) {
        j["inputs"].push_back({{"role", "good"},
                               {"path", i.path},
                               {"format", parser::FormatName(i.format)}});
      }
    }
    j["kernels"] = {{"bad", KernelJson(k.bad)}, {"good", KernelJson(k.good)}};
    if (k.source) j["source"] = k.source_path;
    j["focus"] = r->focus;
    Json xs = Json::array();
    for (const analysis::Explanation& x : r->explanations) {
      xs.push_back(ExplanationJson(x));
    }
    j["explanations"] = xs;
    j["would_settle"] = r->would_settle;
    *io.out << DumpJson(j);
  } else {
    PrintText(*r, bad, good, k, UseColor(g, io), *io.out);
  }
  PrintDiagnostics(g, bad, io);
  if (good != nullptr) PrintDiagnostics(g, *good, io);
  return r->explanations.empty() ? kExitOk : kExitFound;
}

}  // namespace ftriage::cli
