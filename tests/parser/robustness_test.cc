// Every reader on every sample of every format, whole and cut into small
// chunks, and on seeded mutations of them (bytes flipped, NULs, cut lines,
// duplicated and shuffled lines): nothing may crash, hang or trip the
// sanitizers, and the analyses run on whatever was read. Deterministic: a
// fixed seed, so a failure reproduces.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "analysis/call_tree_builder.h"
#include "analysis/error_origin.h"
#include "analysis/tree_diff.h"
#include "analysis/tree_filter.h"
#include "analysis/tree_json.h"
#include "parser/trace_format.h"
#include "tests/support/forest_checks.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Samples() {
  std::vector<std::string> files;
  for (const char* dir : {"corpus", "seeds", "mixed", "real/console"}) {
    for (const auto& e : fs::recursive_directory_iterator(TestdataPath(dir))) {
      std::string p = e.path().string();
      if (e.is_regular_file() && !IsGoldenFile(p) && !p.ends_with(".md") &&
          !p.ends_with(".meta")) {
        files.push_back(p);
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Reads |text| as |format| in |chunk|-byte pieces, builds the trees and runs
// the analyses over them.
size_t ReadAndAnalyze(const std::string& text, parser::TraceFormat format,
                      size_t chunk) {
  StringPool pool;
  DiagnosticSink diagnostics(4);
  analysis::CallForest forest(&pool);
  analysis::CallTreeBuilder builder(&forest, &diagnostics);
  parser::ReaderContext ctx{&pool, &diagnostics, &builder, FileId{0}};
  auto reader = parser::CreateReader(format, ctx);
  for (size_t i = 0; i < text.size(); i += chunk) {
    reader->reader().Push(std::string_view(text).substr(i, chunk));
  }
  reader->reader().Finish();
  builder.Finish();
  EXPECT_EQ(CallOutsideItsThreadsRoots(forest), "");
  analysis::TreeSelection sel = analysis::SelectTrees(forest, {});
  (void)analysis::TreeToJson(forest, sel)
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::vector<analysis::ErrorFinding> errors = analysis::FindErrors(forest, {});
  if (!forest.threads().empty() && !forest.threads()[0].roots.empty()) {
    NodeId root = forest.threads()[0].roots[0];
    (void)analysis::DiffTrees(forest, root, forest, root, {root},
                              {analysis::DefaultNoise(), {}});
  }
  return forest.size() + errors.size();
}

std::string Mutate(std::string text, std::mt19937* rng) {
  if (text.empty()) return text;
  std::uniform_int_distribution<size_t> pos(0, text.size() - 1);
  switch ((*rng)() % 5) {
    case 0:  // flip bytes
      for (int i = 0; i < 8; ++i)
        text[pos(*rng)] ^= static_cast<char>(1 + (*rng)() % 255);
      break;
    case 1:  // NUL bytes
      for (int i = 0; i < 4; ++i) text[pos(*rng)] = '\0';
      break;
    case 2:  // cut anywhere, mid-line or mid-UTF-8
      text.resize(pos(*rng));
      break;
    case 3: {  // duplicate a stretch
      size_t at = pos(*rng);
      text.insert(at, text.substr(at, 200));
      break;
    }
    default: {  // drop a stretch (unmatched braces, lost headers)
      size_t at = pos(*rng);
      text.erase(at, 300);
      break;
    }
  }
  return text;
}

TEST(RobustnessTest, EveryReaderOnEverySampleWholeAndChunked) {
  std::vector<std::string> files = Samples();
  ASSERT_GT(files.size(), 80u);
  for (const std::string& f : files) {
    std::string text = ReadFile(f);
    for (parser::TraceFormat format : parser::KnownFormats()) {
      for (size_t chunk : {size_t{7}, text.size() + 1}) {
        ReadAndAnalyze(text, format, chunk);
      }
    }
  }
}

TEST(RobustnessTest, SeededMutationsNeverCrash) {
  std::mt19937 rng(20261123);
  for (const std::string& f : Samples()) {
    std::string text = ReadFile(f);
    for (int round = 0; round < 6; ++round) {
      std::string mutated = Mutate(text, &rng);
      parser::SniffResult sniff = parser::SniffFormat(mutated);
      parser::TraceFormat format = sniff.format == parser::TraceFormat::kUnknown
                                       ? parser::TraceFormat::kFuncgraph
                                       : sniff.format;
      ReadAndAnalyze(mutated, format, 1 + rng() % 4096);
    }
  }
}

TEST(RobustnessTest, SyntheticDeepNestingAndUnmatchedExits) {
  // 100k nested calls: retsnoop -T caps its indentation at 20 levels and
  // the reader counts depth itself, so the file stays small. Everything
  // that walks trees must be iterative.
  constexpr int kDepth = 100000;
  std::string deep =
      "12:00:00.000000 -> 12:00:00.000001 TID/PID 1/1 (a/a):\n\n"
      "FUNCTION CALLS    RESULT  DURATION\n"
      "---------------   ------  ---------\n";
  auto indent = [](int d) { return std::string(std::min(d, 20) * 4, ' '); };
  for (int d = 0; d < kDepth; ++d) deep += indent(d) + "\u2192 f\n";
  for (int d = kDepth - 1; d >= 0; --d) {
    deep += indent(d) + "\u2190 f    [-22]    1.000us\n";
  }
  EXPECT_EQ(ReadAndAnalyze(deep, parser::TraceFormat::kRetsnoop, 1 << 20),
            kDepth + 1u);  // the calls, and one failure
  // 100k returns one level below an open call, whose entries were lost:
  // each becomes a child of it (constant time each, not a scan).
  std::string under = " 0)               |  p() {\n";
  for (int i = 0; i < 100000; ++i) under += " 0)   0.100 us    |    }\n";
  EXPECT_EQ(ReadAndAnalyze(under, parser::TraceFormat::kFuncgraph, 1 << 20),
            100001u);
  // A million returns with no entry: each becomes a call of its own.
  std::string exits;
  for (int i = 0; i < 1000000; ++i) exits += " 0)   0.100 us    |  }\n";
  EXPECT_EQ(ReadAndAnalyze(exits, parser::TraceFormat::kFuncgraph, 1 << 20),
            1000000u);
}

}  // namespace
}  // namespace ftriage::testing
