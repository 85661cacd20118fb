#ifndef FTRIAGE_CLI_COMPLETION_H_
#define FTRIAGE_CLI_COMPLETION_H_

#include <string>

#include "cli/cli_model.h"

namespace ftriage::cli {

// Shell completion scripts for |m|: subcommands, each one's options, the
// choices of options and positionals that have them, files otherwise.
// Bash: defines _ftriage and registers it with `complete`.
std::string BashCompletion(const CliModel& m);
// Zsh: an autoloadable _ftriage (#compdef), or compdef'd when sourced.
std::string ZshCompletion(const CliModel& m);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_COMPLETION_H_
