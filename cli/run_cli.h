#ifndef FTRIAGE_CLI_RUN_CLI_H_
#define FTRIAGE_CLI_RUN_CLI_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace ftriage::cli {

// Exit codes follow diff(1) and grep(1): scripts can tell "found something"
// from "ftriage could not do its job".
enum ExitCode : int {
  kExitOk = 0,
  kExitFound = 1,  // diff: differences; errors: failing calls
  kExitError = 2,  // bad usage, unreadable file, nothing recognized
};

// Where a command writes, and what it knows about the terminal.
struct Io {
  std::ostream* out;
  std::ostream* err;
  bool out_is_tty = false;
  bool err_is_tty = false;  // progress bars are drawn only on a terminal
};

// Runs ftriage with |args| (without argv[0]). The binary's main() and the
// in-process CLI tests both come through here.
int RunCli(const std::vector<std::string>& args, const Io& io);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_RUN_CLI_H_
