#ifndef FTRIAGE_TESTS_SUPPORT_SHELL_FOR_TEST_H_
#define FTRIAGE_TESTS_SUPPORT_SHELL_FOR_TEST_H_

#include <string>

namespace ftriage::testing {

struct ShellResult {
  int exit_code;       // -1 when the shell did not exit normally
  std::string output;  // stdout and stderr
};

// Runs |command| with `sh -c`, its stderr merged into its stdout.
ShellResult RunShell(const std::string& command);

// True when |program| is on PATH (optional tools: zsh, groff).
bool HaveProgram(const std::string& program);

void WriteFile(const std::string& path, const std::string& text);

}  // namespace ftriage::testing

#endif  // FTRIAGE_TESTS_SUPPORT_SHELL_FOR_TEST_H_
