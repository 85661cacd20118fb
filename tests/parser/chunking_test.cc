// Any input fed in arbitrary chunk sizes gives the same events and the same
// diagnostics as the input fed whole: chunk boundaries are the reader's job.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;

struct Input {
  std::string path;
  parser::TraceFormat format;
};

std::vector<Input> Inputs() {
  std::vector<Input> files;
  for (auto [dir, format] :
       {std::pair{"corpus/function_graph", parser::TraceFormat::kFuncgraph},
        {"corpus/perf_ftrace", parser::TraceFormat::kFuncgraph},
        {"corpus/trace_cmd", parser::TraceFormat::kFuncgraph},
        {"seeds/bpf-xskmap-einval", parser::TraceFormat::kFuncgraph},
        {"corpus/function", parser::TraceFormat::kFunction},
        {"corpus/trace_cmd", parser::TraceFormat::kFunction},
        {"seeds/ia32-clock-gettime-enosys", parser::TraceFormat::kFunction}}) {
    for (const auto& e : fs::directory_iterator(TestdataPath(dir))) {
      std::string p = e.path().string();
      if (!IsGoldenFile(p)) files.push_back({p, format});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const Input& a, const Input& b) { return a.path < b.path; });
  return files;
}

TEST(ChunkingTest, AnyChunkSizeGivesTheSameEvents) {
  std::vector<Input> files = Inputs();
  ASSERT_GT(files.size(), 40u);
  for (const Input& in : files) {
    std::string text = ReadFile(in.path);
    Collected whole = ReadEvents(text, in.format);
    for (size_t chunk : {1, 2, 3, 7, 64, 4093}) {
      Collected split = ReadEvents(text, in.format, chunk);
      EXPECT_EQ(whole.events, split.events) << in.path << " chunk " << chunk;
      EXPECT_EQ(whole.diagnostics.skipped_lines(),
                split.diagnostics.skipped_lines())
          << in.path;
    }
  }
}

}  // namespace
}  // namespace ftriage::testing
