#include "tests/support/shell_for_test.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace ftriage::testing {

ShellResult RunShell(const std::string& command) {
  ShellResult r{-1, ""};
  std::FILE* pipe = popen(("(" + command + ") 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) {
    r.output.append(buf.data(), n);
  }
  const int status = pclose(pipe);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

bool HaveProgram(const std::string& program) {
  return RunShell("command -v " + program).exit_code == 0;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace ftriage::testing
