// Alignment time of `ftriage diff` on GOOD/BAD pairs of one root call with
// 10k, 100k and 1M calls (bench_support.h: real subtrees, three edits).
// Google Benchmark fits the growth order over the sizes (BigO, RMS).
//
//   build-bench/bench/diff_bench
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "analysis/run_pairing.h"
#include "analysis/tree_diff.h"
#include "bench/bench_support.h"

namespace ftriage::bench {
namespace {

constexpr uint64_t kSeed = 1;

// Building a 1M-call pair takes longer than diffing it; build each size
// once per process.
const DiffPair& Pair(size_t calls) {
  static auto* pairs = new std::map<size_t, std::unique_ptr<DiffPair>>();
  auto& p = (*pairs)[calls];
  if (p == nullptr) p = MakeDiffPair(calls, kSeed);
  return *p;
}

void SetCounters(benchmark::State& state, const DiffPair& p,
                 const analysis::TreeDiff& d) {
  state.SetComplexityN(static_cast<int64_t>(p.good.size()));
  state.counters["good_calls"] = static_cast<double>(p.good.size());
  state.counters["bad_calls"] = static_cast<double>(p.bad.size());
  state.counters["matched"] = static_cast<double>(d.matched);
  state.counters["differences"] = static_cast<double>(d.differences.size());
  state.counters["divergence"] = d.divergence.has_value();
}

// DiffTrees alone, the default noise list on (as `ftriage diff` runs).
void BM_DiffTrees(benchmark::State& state) {
  const DiffPair& p = Pair(static_cast<size_t>(state.range(0)));
  analysis::DiffOptions options;
  options.noise = analysis::DefaultNoise();
  analysis::TreeDiff d;
  for (auto _ : state) {
    d = analysis::DiffTrees(p.good, p.good_root, p.bad, p.bad_root, p.bad_path,
                            options);
    benchmark::DoNotOptimize(d.matched);
  }
  SetCounters(state, p, d);
}
BENCHMARK(BM_DiffTrees)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

// What `ftriage diff` does after loading: pick BAD's failing invocation
// (errors analysis), GOOD's most similar one, then align.
void BM_DiffPipeline(benchmark::State& state) {
  const DiffPair& p = Pair(static_cast<size_t>(state.range(0)));
  analysis::DiffOptions options;
  options.noise = analysis::DefaultNoise();
  analysis::TreeDiff d;
  for (auto _ : state) {
    std::string error;
    auto bi = analysis::PickBadInvocation(p.bad, "", 0, &error);
    if (!bi) {
      state.SkipWithError(error.c_str());
      return;
    }
    auto gi = analysis::PickGoodInvocation(p.good, p.bad, bi->call, 0, options,
                                           &error);
    if (!gi) {
      state.SkipWithError(error.c_str());
      return;
    }
    d = analysis::DiffTrees(p.good, gi->call, p.bad, bi->call, bi->failing_path,
                            options);
    benchmark::DoNotOptimize(d.matched);
  }
  SetCounters(state, p, d);
}
BENCHMARK(BM_DiffPipeline)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

}  // namespace
}  // namespace ftriage::bench

BENCHMARK_MAIN();
