#ifndef FTRIAGE_CLI_DIVERGENCE_VIEW_H_
#define FTRIAGE_CLI_DIVERGENCE_VIEW_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/call_tree.h"
#include "analysis/capture_limits.h"
#include "analysis/tree_diff.h"

namespace ftriage::cli {

// The divergence of two runs as `ftriage diff` shows it, shared by `diff`
// and `report`: call names, the JSON of a call pair, and the aligned tree.

using analysis::CallName;

// {function, good_function (when it differs), good_line, bad_line} of a
// call of GOOD (|g|), of BAD (|b|) or of both.
nlohmann::ordered_json CallPairJson(const analysis::CallForest& good, NodeId g,
                                    const analysis::CallForest& bad, NodeId b);

// "(GOOD line 7, BAD line 7)", "(GOOD line 8)"; "" when both are None.
std::string CallPairLines(const analysis::CallForest& good, NodeId g,
                          const analysis::CallForest& bad, NodeId b);

// The "divergence" object of `diff --json`: parent, different_return,
// last_common, first_good_only, first_bad_only, bad_outcome.
nlohmann::ordered_json DivergenceToJson(const analysis::CallForest& good,
                                        const analysis::CallForest& bad,
                                        const analysis::Divergence& v);

// [{run: "bad"|"good", setting, sentence, cites: [{run, function, line,
// what}]}]: what the captures may have hidden.
nlohmann::ordered_json CaptureNotesJson(
    const std::vector<analysis::CaptureNote>& notes);

// The divergence as a unified tree diff: BAD's calls down to the parting
// parent, then the parents' children aligned, " " both runs, "-" only GOOD,
// "+" only BAD, with |context| common calls kept before the parting.
void PrintAlignedTree(const analysis::CallForest& g,
                      const analysis::CallForest& b,
                      const analysis::Divergence& v, size_t context,
                      bool side_by_side, bool color, std::ostream& o);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_DIVERGENCE_VIEW_H_
