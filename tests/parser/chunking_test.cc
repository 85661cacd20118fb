// Any input fed in arbitrary chunk sizes gives the same events and the same
// diagnostics as the input fed whole: chunk boundaries are the reader's job.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> FuncgraphInputs() {
  std::vector<std::string> files;
  for (const char* dir : {"corpus/function_graph", "corpus/perf_ftrace",
                          "corpus/trace_cmd", "seeds/bpf-xskmap-einval"}) {
    for (const auto& e : fs::directory_iterator(TestdataPath(dir))) {
      std::string p = e.path().string();
      if (!p.ends_with(".json")) files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ChunkingTest, AnyChunkSizeGivesTheSameEvents) {
  std::vector<std::string> files = FuncgraphInputs();
  ASSERT_GT(files.size(), 20u);
  for (const std::string& f : files) {
    std::string text = ReadFile(f);
    Collected whole = ReadEvents(text, parser::TraceFormat::kFuncgraph);
    for (size_t chunk : {1, 2, 3, 7, 64, 4093}) {
      Collected split =
          ReadEvents(text, parser::TraceFormat::kFuncgraph, chunk);
      EXPECT_EQ(whole.events, split.events) << f << " chunk " << chunk;
      EXPECT_EQ(whole.diagnostics.skipped_lines(),
                split.diagnostics.skipped_lines())
          << f;
    }
  }
}

}  // namespace
}  // namespace ftriage::testing
