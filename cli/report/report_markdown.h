#ifndef FTRIAGE_CLI_REPORT_REPORT_MARKDOWN_H_
#define FTRIAGE_CLI_REPORT_REPORT_MARKDOWN_H_

#include <ostream>
#include <vector>

#include "analysis/explanation.h"
#include "cli/report/report_model.h"

namespace ftriage::cli {

// The report as Markdown for a bug report or a mail: the failing call, its
// errno and origin chain, the divergence from GOOD with the aligned tree
// diff of `ftriage diff` in a fenced block, the explanations, the parse
// warnings, and the ftriage version and command line that made it.
void WriteMarkdownReport(const Report& report,
                         const std::vector<analysis::Explanation>& explanations,
                         std::ostream& out);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_REPORT_REPORT_MARKDOWN_H_
