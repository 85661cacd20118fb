// Parse throughput of the function_graph reader, alone and with the call
// tree builder behind it, plus what the forest costs per call node.
//
//   build-bench/bench/parse_bench
//   FTRIAGE_BENCH_INPUT=/tmp/big.txt build-bench/bench/parse_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "analysis/call_tree_builder.h"
#include "bench/bench_support.h"
#include "parser/trace_format.h"

namespace ftriage::bench {
namespace {

// Chunks of 8 MiB: what ReadInput hands on from a mapped file.
constexpr size_t kChunkBytes = 8 << 20;
constexpr size_t kDefaultInputBytes = 64 << 20;

const std::string& Input() {
  static const std::string* input =
      new std::string(ParseInput(kDefaultInputBytes));
  return *input;
}

class CountingSink : public parser::EventSink {
 public:
  void OnEvent(const TraceEvent& e) override {
    ++events_;
    calls_ += e.kind == EventKind::kEntry || e.kind == EventKind::kLeaf;
  }
  uint64_t events() const { return events_; }
  uint64_t calls() const { return calls_; }

 private:
  uint64_t events_ = 0;
  uint64_t calls_ = 0;
};

void Feed(const std::string& input, size_t chunk, parser::TraceReader& reader) {
  for (size_t off = 0; off < input.size(); off += chunk) {
    reader.Push(std::string_view(input).substr(off, chunk));
  }
  reader.Finish();
}

void SetThroughput(benchmark::State& state, const std::string& input,
                   uint64_t lines) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(input.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(lines));
  state.counters["input_MB"] = static_cast<double>(input.size()) / 1e6;
  state.SetLabel(ParseInputLabel());
}

// Tokenizer + reader state only: the ceiling for every command.
void BM_ParseOnly(benchmark::State& state) {
  const std::string& input = Input();
  uint64_t lines = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    StringPool strings;
    DiagnosticSink diagnostics;
    CountingSink sink;
    parser::ReaderContext ctx{&strings, &diagnostics, &sink, FileId{0}};
    auto reader = parser::CreateReader(parser::TraceFormat::kFuncgraph, ctx);
    Feed(input, kChunkBytes, reader->reader());
    lines = reader->reader().lines();
    events = sink.events();
    benchmark::DoNotOptimize(events);
  }
  SetThroughput(state, input, lines);
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// What `ftriage tree` does before printing: reader + CallTreeBuilder.
void BM_ParseAndTree(benchmark::State& state) {
  const std::string& input = Input();
  uint64_t lines = 0;
  size_t nodes = 0;
  size_t heap = 0;
  for (auto _ : state) {
    size_t before = HeapInUse();
    StringPool strings;
    DiagnosticSink diagnostics;
    analysis::CallForest forest(&strings);
    analysis::CallTreeBuilder builder(&forest, &diagnostics);
    parser::ReaderContext ctx{&strings, &diagnostics, &builder, FileId{0}};
    auto reader = parser::CreateReader(parser::TraceFormat::kFuncgraph, ctx);
    Feed(input, kChunkBytes, reader->reader());
    builder.Finish();
    lines = reader->reader().lines();
    reader.reset();  // the model is what stays; the reader's buffers go
    nodes = forest.size();
    size_t after = HeapInUse();
    heap = after > before ? after - before : 0;
    benchmark::DoNotOptimize(nodes);
  }
  SetThroughput(state, input, lines);
  double n = static_cast<double>(std::max<size_t>(nodes, 1));
  state.counters["call_nodes"] = static_cast<double>(nodes);
  // The fixed part of a node; columns a trace needs come on top.
  state.counters["sizeof_NodeRecord"] = sizeof(analysis::NodeRecord);
  // Everything the model keeps (arena, threads, markers, strings, maps).
  state.counters["heap_B_per_call"] = static_cast<double>(heap) / n;
}
BENCHMARK(BM_ParseAndTree)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace ftriage::bench

BENCHMARK_MAIN();
