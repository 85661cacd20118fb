#ifndef FTRIAGE_TESTS_ANALYSIS_EXPORT_TEST_UTIL_H_
#define FTRIAGE_TESTS_ANALYSIS_EXPORT_TEST_UTIL_H_

// Inputs shared by the export_*_test files: every trace sample under
// testdata/ (real captures, seeds, corpus, mixed), loaded as the CLI does.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {

inline std::vector<std::string> ExportSamples() {
  std::vector<std::string> files;
  for (const char* dir : {"real", "seeds", "corpus", "mixed"}) {
    for (const auto& e :
         std::filesystem::recursive_directory_iterator(TestdataPath(dir))) {
      std::string p = e.path().string();
      if (e.is_regular_file() && !IsGoldenFile(p) && !p.ends_with(".md") &&
          !p.ends_with(".meta") && p.find("/kernels/") == std::string::npos &&
          p.find("kallsyms") == std::string::npos) {
        files.push_back(p);
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// |relative| under testdata/ or an absolute path; null (and a test failure)
// if it cannot be read.
inline std::unique_ptr<cli::LoadedTrace> LoadSample(const std::string& path) {
  auto t = std::make_unique<cli::LoadedTrace>();
  std::string full = path.starts_with("/") ? path : TestdataPath(path);
  Status s = cli::LoadTraces({full}, std::nullopt, t.get());
  EXPECT_TRUE(s.ok()) << path << ": " << s.message();
  return s.ok() ? std::move(t) : nullptr;
}

}  // namespace ftriage::testing

#endif  // FTRIAGE_TESTS_ANALYSIS_EXPORT_TEST_UTIL_H_
