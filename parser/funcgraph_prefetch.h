#ifndef FTRIAGE_PARSER_FUNCGRAPH_PREFETCH_H_
#define FTRIAGE_PARSER_FUNCGRAPH_PREFETCH_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "parser/funcgraph_tokenizer.h"

namespace ftriage::parser {

// What the reader computes from a line's tokens before it touches its own
// state: computed with the tokens (on the worker thread when there is one).
struct FuncgraphDerived {
  std::optional<int64_t> timestamp_ns;  // the abstime column, if any
  std::optional<int64_t> duration_ns;   // the duration column, if any
  uint64_t func_hash = 0;               // StringPool::Hash(func) of a call
};
FuncgraphDerived Derive(const FuncgraphLine& fl);

// Tokenizes the lines of a chunk on a second thread while the reader, on
// its own thread, turns them into events: the two halves of the parse run
// on two cores. The tokenizer is pure, so the reader only has to find the
// result for each line it is given, matched by address (the same bytes of
// the same chunk), and tokenizes whatever it does not find itself (the line
// that straddles two chunks). Events are therefore the same with or without
// it, in the same order.
//
//   prefetch.Start(chunk);  // |chunk| must stay valid until Stop()
//   for each line of the chunk, in order:
//     if (const FuncgraphPrefetch::Entry* e = prefetch.Take(line)) ...
//   prefetch.Stop();
//
// Lines are handed over through a ring of kCapacity entries (a
// single-producer, single-consumer queue): the worker runs at most that far
// ahead, so the entries stay in cache. The reader never waits: when the
// worker is behind, the reader tokenizes the line itself and the worker
// skips ahead of it, so the load balances itself (and a busy machine that
// gives the worker no core costs nothing).
class FuncgraphPrefetch {
 public:
  struct Entry {
    const char* data = nullptr;  // the line the worker saw, as the reader
    size_t size = 0;             // will see it (console prefix stripped)
    bool ok = false;             // TokenizeFuncgraphLine's result
    FuncgraphLine line;
    FuncgraphDerived derived;  // Derive(line) when ok
  };

  FuncgraphPrefetch();
  ~FuncgraphPrefetch();
  FuncgraphPrefetch(const FuncgraphPrefetch&) = delete;
  FuncgraphPrefetch& operator=(const FuncgraphPrefetch&) = delete;

  // True when the process may run on two CPUs or more (its affinity mask:
  // `taskset -c 0` turns the worker off).
  static bool Worthwhile();

  // Starts tokenizing the complete lines of |chunk|.
  void Start(std::string_view chunk);
  // The tokens of |line| (a line of the chunk, lines asked in input order),
  // or nullptr if the worker did not read that line. Valid until the next
  // Take() or Stop().
  const Entry* Take(std::string_view line);
  // Ends the chunk: the worker stops and no longer reads it.
  void Stop();

 private:
  static constexpr size_t kCapacity = 2048;             // a power of two
  static constexpr uint64_t kFlag = uint64_t{1} << 63;  // done / cancelled
  static constexpr uint64_t kBatch = 32;                // lines per publication

  void Run();
  void Produce(std::string_view chunk);
  // Waits until |a| no longer holds |old|: spins first, as the other side
  // usually answers within microseconds, then sleeps.
  static void WaitChange(const std::atomic<uint64_t>& a, uint64_t old);
  void ReleaseConsumed();

  std::vector<Entry> ring_;
  // Lines produced, with kFlag once the worker is done with the chunk.
  alignas(64) std::atomic<uint64_t> head_{0};
  // Lines consumed, with kFlag once the reader has stopped the chunk.
  alignas(64) std::atomic<uint64_t> tail_{0};
  // The line the reader tokenized itself last: the worker skips past it.
  std::atomic<const char*> progress_{nullptr};

  // Reader side.
  alignas(64) bool active_ = false;
  const char* chunk_begin_ = nullptr;
  const char* chunk_end_ = nullptr;
  uint64_t consumed_ = 0;
  uint64_t released_ = 0;   // last tail_ published
  uint64_t available_ = 0;  // last head_ seen

  // Hand-over of chunks to the worker.
  std::mutex mu_;
  std::condition_variable cv_;
  std::string_view chunk_;
  uint64_t generation_ = 0;
  bool quit_ = false;
  std::thread worker_;
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_FUNCGRAPH_PREFETCH_H_
