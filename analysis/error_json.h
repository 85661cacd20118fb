#ifndef FTRIAGE_ANALYSIS_ERROR_JSON_H_
#define FTRIAGE_ANALYSIS_ERROR_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/error_origin.h"

namespace ftriage::analysis {

// The "failures" array of `ftriage errors --json` (README): per group of
// identical failures: syscall, args, errno {number, name, meaning}, task,
// cpu, line, origin {function, line, confidence} (function absent when the
// trace cannot show it, with the error window instead), chain, cleanup,
// unordered, notes, count, first_line, last_line.
nlohmann::ordered_json ErrorsToJson(
    const CallForest& forest, const std::vector<ErrorFinding>& findings,
    const std::vector<std::vector<size_t>>& groups);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_ERROR_JSON_H_
