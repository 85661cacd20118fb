#ifndef FTRIAGE_CLI_REPORT_REPORT_HTML_H_
#define FTRIAGE_CLI_REPORT_REPORT_HTML_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "analysis/explanation.h"
#include "cli/report/report_model.h"

namespace ftriage::cli {

// The report as one self-contained HTML page: the template of
// cli/report/report_template.html with the script of cli/report/report.js
// and the report's data as JSON (ReportJson) in a
// <script type="application/json"> block; the page renders the trees from
// it lazily. No network, no external file.
void WriteHtmlReport(const Report& report,
                     const std::vector<analysis::Explanation>& explanations,
                     std::ostream& out);

// The data the page renders (the format is described at the top of
// report.js): a summary, the explanations, the diagnostics counts, and per
// run the calls of the compared subtree in columns, with the rows that put
// them side by side.
nlohmann::ordered_json ReportJson(
    const Report& report,
    const std::vector<analysis::Explanation>& explanations);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_REPORT_REPORT_HTML_H_
