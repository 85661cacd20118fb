#ifndef FTRIAGE_ANALYSIS_EXPLAIN_CONFIG_H_
#define FTRIAGE_ANALYSIS_EXPLAIN_CONFIG_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/explanation.h"
#include "kernel/kernel_context.h"
#include "kernel/source_index.h"

namespace ftriage::analysis {

// The options that differ between GOOD's and BAD's .config, ranked by their
// link to the divergent region: options gating the definition (condition
// or Kbuild, for |arch|) of |region| functions, the ones explanations already
// name
// (|named|, strongest), and the conditions of call sites in the region
// (|call_site_options|). Options with no link are only counted in
// |unlinked|.
std::vector<Explanation> RankConfigDifferences(
    const Loaded<KernelConfig>& good, const Loaded<KernelConfig>& bad,
    const kernel::SourceIndex* source, std::string_view arch,
    const std::set<std::string>& region,
    const std::map<std::string, std::string>& named,
    const std::map<std::string, std::string>& call_site_options,
    size_t* unlinked);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_EXPLAIN_CONFIG_H_
