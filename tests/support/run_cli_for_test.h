#ifndef FTRIAGE_TESTS_SUPPORT_RUN_CLI_FOR_TEST_H_
#define FTRIAGE_TESTS_SUPPORT_RUN_CLI_FOR_TEST_H_

#include <string>
#include <vector>

namespace ftriage::testing {

struct CliResult {
  int exit_code;
  std::string out;
  std::string err;
};

// What the in-process CLI is told about its streams (tests never write to
// a terminal: saying so exercises pager and progress bar).
struct Terminal {
  bool out_is_tty = false;
  bool err_is_tty = false;
};

// Runs the real CLI code path in-process, with the working directory set to
// testdata/ so that paths in the output are as a user would type them.
CliResult RunCliInTestdata(const std::vector<std::string>& args,
                           Terminal terminal = {});

// The same with the environment variable |name| set to |value|
// (FTRIAGE_EARLY_FILTER, FTRIAGE_BLOCK_BYTES), unset afterwards.
CliResult RunCliInTestdataWithEnv(const char* name, const char* value,
                                  const std::vector<std::string>& args);
// "ftriage arg1 arg2 ...", for failure messages.
std::string CommandLine(const std::vector<std::string>& args);

// Absolute path of a file under testdata/.
std::string TestdataPath(const std::string& relative);
std::string ReadFile(const std::string& path);
// Expected outputs beside the inputs (X.tree.json, X.events.jsonl, ...).
inline bool IsGoldenFile(const std::string& path) {
  return path.ends_with(".json") || path.ends_with(".jsonl");
}

// Every trace input under testdata/seeds, real, corpus and mixed (not
// expected outputs, metadata or kernel files), relative to testdata/,
// sorted.
std::vector<std::string> TraceInputs();

}  // namespace ftriage::testing

#endif  // FTRIAGE_TESTS_SUPPORT_RUN_CLI_FOR_TEST_H_
