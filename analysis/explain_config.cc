#include "analysis/explain_config.h"

#include <algorithm>

#include "analysis/source_facts.h"
#include "kernel/config_condition.h"

namespace ftriage::analysis {
namespace {

std::string StateText(ConfigState s, const std::optional<ConfigEntry>& e) {
  switch (s) {
    case ConfigState::kBuiltin:
      return "y";
    case ConfigState::kModule:
      return "m";
    case ConfigState::kValue:
      return e ? std::string(e->value) : "set";
    case ConfigState::kUnset:
      return e ? "not set" : "absent (unset)";
    case ConfigState::kUnknown:
      break;
  }
  return "unknown";
}

// What links one option to the region, strongest first.
struct Link {
  int score = 0;
  std::vector<std::string> reasons;

  void Add(int s, std::string reason) {
    score += s;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
      reasons.push_back(std::move(reason));
    }
  }
};

}  // namespace

std::vector<Explanation> RankConfigDifferences(
    const Loaded<KernelConfig>& good, const Loaded<KernelConfig>& bad,
    const kernel::SourceIndex* source, std::string_view arch,
    const std::set<std::string>& region,
    const std::map<std::string, std::string>& named,
    const std::map<std::string, std::string>& call_site_options,
    size_t* unlinked) {
  std::map<std::string, Link> links;
  for (const auto& [option, function] : named) {
    links[option].Add(100, "explains why " + function + " is missing");
  }
  for (const auto& [option, site] : call_site_options) {
    links[option].Add(40, "guards the call " + site);
  }
  if (source != nullptr) {
    for (const std::string& fn : region) {
      for (const DefinitionFacts& d :
           DescribeDefinitions(*source, fn, nullptr, arch)) {
        for (const std::string& o : kernel::ConditionOptions(d.condition)) {
          links[o].Add(20, "guards the definition of " + fn + " (" + d.path +
                               ":" + std::to_string(d.def->line) + ")");
        }
        for (const kernel::MakefileGate& g : d.gates) {
          links[std::string(source->String(g.option))].Add(
              20, "builds " + d.path + ", which defines " + fn);
        }
      }
    }
  }
  std::vector<Explanation> out;
  *unlinked = 0;
  for (const ConfigDifference& diff : DiffConfigs(good.data, bad.data)) {
    auto it = links.find(std::string(diff.option));
    if (it == links.end()) {
      ++*unlinked;
      continue;
    }
    Explanation x;
    x.kind = ExplanationKind::kConfigDifference;
    x.option = std::string(diff.option);
    x.certainty = it->second.score >= 100  ? Certainty::kHigh
                  : it->second.score >= 40 ? Certainty::kMedium
                                           : Certainty::kLow;
    x.sentence = x.option + " is " + StateText(diff.a_state, diff.a) +
                 " in GOOD's kernel and " + StateText(diff.b_state, diff.b) +
                 " in BAD's; it ";
    for (size_t i = 0; i < it->second.reasons.size() && i < 3; ++i) {
      x.sentence += (i == 0 ? "" : "; ") + it->second.reasons[i];
    }
    if (it->second.reasons.size() > 3) {
      x.sentence +=
          "; and " + std::to_string(it->second.reasons.size() - 3) + " more";
    }
    x.evidence.push_back(ConfigEvidence(good.data, good.path, x.option));
    x.evidence.push_back(ConfigEvidence(bad.data, bad.path, x.option));
    x.rank = it->second.score;
    out.push_back(std::move(x));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Explanation& a, const Explanation& b) {
                     return a.rank > b.rank;
                   });
  return out;
}

}  // namespace ftriage::analysis
