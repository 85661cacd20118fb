// The function_graph reader tokenizes big chunks on a second thread
// (FuncgraphPrefetch). Whatever the chunking, the events and diagnostics
// must be those of the reader tokenizing every line itself.
#include "parser/funcgraph_prefetch.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "parser/funcgraph_reader.h"
#include "tests/support/event_collector.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using parser::FuncgraphLine;
using parser::FuncgraphPrefetch;

// Real captures, then lines the prefetching must not get wrong: console
// prefixes, CRLF, context-prefixed records, stack traces whose frames the
// reader takes elsewhere, and lines that are not graph records.
std::string MixedInput() {
  std::string text;
  for (const auto& e :
       std::filesystem::directory_iterator(TestdataPath("real"))) {
    std::string p = e.path().string();
    if (p.find("fgraph") != std::string::npos && !IsGoldenFile(p)) {
      text += ReadFile(p);
    }
  }
  for (int i = 0; i < 2000; ++i) {
    std::string n = std::to_string(i);
    text += "[  12.3456" + n + "]  0)   0.211 us    |  f" + n + "();\n";
    text += " 1) + 11.504 us   |  } /* vfs_read = -14 */\r\n";
    text +=
        "  bash-4121  [002] d..1.  8312.407170: funcgraph_entry: |  g() {\n";
    text += "  bash-4121  [002] d..1.  8312.407171: <stack trace>\n";
    text += " => frame_" + n + "\n => entry_SYSCALL_64\n";
    text += " 0)  platfor-3210  =>  vmstat-2854 \n";
    text += "not a trace line " + n + "\n";
  }
  return text;
}

void ExpectSame(const Collected& want, const Collected& got,
                const std::string& what) {
  ASSERT_EQ(want.events.size(), got.events.size()) << what;
  for (size_t i = 0; i < want.events.size(); ++i) {
    ASSERT_EQ(want.events[i], got.events[i]) << what << " event " << i;
  }
  EXPECT_EQ(want.diagnostics.skipped_lines(), got.diagnostics.skipped_lines())
      << what;
  EXPECT_EQ(want.diagnostics.kept().size(), got.diagnostics.kept().size())
      << what;
}

TEST(FuncgraphPrefetchTest, BigChunksGiveTheEventsOfSmallOnes) {
  std::string text = MixedInput();
  ASSERT_GT(text.size(), 8 * parser::FuncgraphReader::kPrefetchBytes);
  // Below kPrefetchBytes: every line is tokenized by the reader itself.
  Collected want = ReadEvents(text, parser::TraceFormat::kFuncgraph, 4093);
  ASSERT_GT(want.events.size(), 10000u);
  // Whole, and cut so that lines straddle big chunks.
  for (size_t chunk : {size_t{0}, size_t{100003}, size_t{1} << 20}) {
    ExpectSame(want, ReadEvents(text, parser::TraceFormat::kFuncgraph, chunk),
               "chunk " + std::to_string(chunk));
  }
}

TEST(FuncgraphPrefetchTest, TakeMatchesLinesByAddress) {
  std::string chunk;
  for (int i = 0; i < 5000; ++i) {
    chunk += " 0)   0.211 us    |    f" + std::to_string(i) + "();\n";
  }
  chunk += " 0)               |  partial() {";  // no '\n': not the worker's
  std::vector<std::string_view> lines;
  for (size_t pos = 0, nl; (nl = chunk.find('\n', pos)) != std::string::npos;
       pos = nl + 1) {
    lines.push_back(std::string_view(chunk).substr(pos, nl - pos));
  }
  FuncgraphPrefetch prefetch;
  for (int round = 0; round < 3; ++round) {
    prefetch.Start(chunk);
    std::string copy(lines[0]);
    EXPECT_EQ(prefetch.Take(copy), nullptr);  // same text, other address
    for (size_t i = 1; i < lines.size(); i += 1 + round) {  // some skipped
      const FuncgraphPrefetch::Entry* e = prefetch.Take(lines[i]);
      FuncgraphLine own;
      ASSERT_TRUE(parser::TokenizeFuncgraphLine(lines[i], &own));
      if (e == nullptr) continue;  // the reader got ahead: tokenizes itself
      EXPECT_TRUE(e->ok);
      EXPECT_EQ(e->line.func, own.func);
      EXPECT_EQ(e->line.func.data(), own.func.data());
      EXPECT_EQ(e->line.depth, own.depth);
      EXPECT_EQ(e->line.duration, own.duration);
    }
    std::string_view last(chunk);
    last.remove_prefix(last.rfind('\n') + 1);
    EXPECT_EQ(prefetch.Take(last), nullptr);
    prefetch.Stop();
  }
}

}  // namespace
}  // namespace ftriage::testing
