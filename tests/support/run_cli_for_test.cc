#include "tests/support/run_cli_for_test.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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

CliResult RunCliInTestdataWithEnv(const char* name, const char* value,
                                  const std::vector<std::string>& args) {
  setenv(name, value, 1);
  CliResult r = RunCliInTestdata(args);
  unsetenv(name);
  return r;
}

std::string CommandLine(const std::vector<std::string>& args) {
  std::string s = "ftriage";
  for (const std::string& a : args) s += " " + a;
  return s;
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

std::vector<std::string> TraceInputs() {
  namespace fs = std::filesystem;
  auto is_trace = [](const std::string& rel) {
    return !IsGoldenFile(rel) && !rel.ends_with(".md") &&
           !rel.ends_with(".meta") && !rel.starts_with("real/kernels/") &&
           rel.find("kallsyms") == std::string::npos;
  };
  std::vector<std::string> files;
  fs::path root(TestdataPath(""));
  for (const char* dir : {"seeds", "real", "corpus", "mixed", "synthetic"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      std::string rel = fs::relative(e.path(), root).string();
      if (e.is_regular_file() && is_trace(rel)) files.push_back(rel);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ftriage::testing
