#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/run_cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  ftriage::cli::Io io{&std::cout, &std::cerr, isatty(STDOUT_FILENO) == 1,
                      isatty(STDERR_FILENO) == 1};
  int rc = ftriage::cli::RunCli(args, io);
  std::cout.flush();
  return rc;
}
