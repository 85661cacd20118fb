#ifndef FTRIAGE_CLI_MAN_PAGE_H_
#define FTRIAGE_CLI_MAN_PAGE_H_

#include <string>
#include <string_view>

#include "cli/cli_model.h"

namespace ftriage::cli {

// ftriage(1) in roff (man macros): NAME, SYNOPSIS, DESCRIPTION, a
// subsection per command with its options and examples, EXIT STATUS,
// ENVIRONMENT. |version| is the footer's, as --version prints it.
std::string ManPage(const CliModel& m, std::string_view version);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_MAN_PAGE_H_
