#include "tests/support/run_cli_for_test.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/run_cli.h"

namespace ftriage::testing {

CliResult RunCliInTestdata(const std::vector<std::string>& args,
                           Terminal terminal) {
  std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(FTRIAGE_TESTDATA_DIR);
  std::ostringstream out;
  std::ostringstream err;
  int rc =
      cli::RunCli(args, {&out, &err, terminal.out_is_tty, terminal.err_is_tty});
  std::filesystem::current_path(old);
  return {rc, out.str(), err.str()};
}

std::string TestdataPath(const std::string& relative) {
  return std::string(FTRIAGE_TESTDATA_DIR) + "/" + relative;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ftriage::testing
