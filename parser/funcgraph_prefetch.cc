#include "parser/funcgraph_prefetch.h"

#include <sched.h>

#include <cstring>
#include <functional>

#include "core/decimal_time.h"
#include "core/string_pool.h"
#include "parser/console_prefix.h"

namespace ftriage::parser {

FuncgraphDerived Derive(const FuncgraphLine& fl) {
  FuncgraphDerived d;
  if (!fl.abstime.empty()) {
    d.timestamp_ns = ParseDecimalNs(fl.abstime, kNsPerSec);
  }
  if (!fl.duration.empty()) {
    d.duration_ns = ParseDecimalNs(fl.duration, kNsPerUs);
  }
  if (fl.kind == FuncgraphLineKind::kEntry ||
      fl.kind == FuncgraphLineKind::kLeaf) {
    d.func_hash = StringPool::Hash(fl.func);
  }
  return d;
}

bool FuncgraphPrefetch::Worthwhile() {
  static const bool kTwoCpus = [] {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
      return CPU_COUNT(&set) >= 2;
    }
    return std::thread::hardware_concurrency() >= 2;
  }();
  return kTwoCpus;
}

FuncgraphPrefetch::FuncgraphPrefetch()
    : ring_(kCapacity), worker_([this] { Run(); }) {}

FuncgraphPrefetch::~FuncgraphPrefetch() {
  Stop();
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  cv_.notify_one();
  worker_.join();
}

void FuncgraphPrefetch::WaitChange(const std::atomic<uint64_t>& a,
                                   uint64_t old) {
  for (int i = 0; i < 1024; ++i) {
    if (a.load(std::memory_order_acquire) != old) return;
    if (i >= 256) std::this_thread::yield();
  }
  a.wait(old, std::memory_order_acquire);
}

void FuncgraphPrefetch::Start(std::string_view chunk) {
  Stop();
  // The worker is idle: nobody else touches the counters now.
  head_.store(0, std::memory_order_relaxed);
  tail_.store(0, std::memory_order_relaxed);
  active_ = true;
  chunk_begin_ = chunk.data();
  chunk_end_ = chunk.data() + chunk.size();
  consumed_ = 0;
  released_ = 0;
  available_ = 0;
  progress_.store(nullptr, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mu_);
    chunk_ = chunk;
    ++generation_;
  }
  cv_.notify_one();
}

void FuncgraphPrefetch::ReleaseConsumed() {
  released_ = consumed_;
  tail_.store(consumed_, std::memory_order_release);
  tail_.notify_one();
}

const FuncgraphPrefetch::Entry* FuncgraphPrefetch::Take(std::string_view line) {
  std::less<const char*> before;
  if (!active_ || before(line.data(), chunk_begin_) ||
      !before(line.data(), chunk_end_)) {
    return nullptr;  // not a line of this chunk (e.g. the straddling one)
  }
  if (consumed_ - released_ >= kCapacity / 4) ReleaseConsumed();
  while (true) {
    if (consumed_ == available_) {
      available_ = head_.load(std::memory_order_acquire) & ~kFlag;
      if (consumed_ == available_) {
        // The worker is behind: the reader tokenizes this line itself and
        // tells the worker to go on after it. Nobody ever waits.
        progress_.store(line.data(), std::memory_order_relaxed);
        return nullptr;
      }
    }
    const Entry& e = ring_[consumed_ % kCapacity];
    if (before(e.data, line.data())) {
      ++consumed_;  // a line the reader took elsewhere (a stack frame)
      continue;
    }
    if (e.data != line.data() || e.size != line.size()) return nullptr;
    ++consumed_;  // stays in the ring until the next Take() releases it
    return &e;
  }
}

void FuncgraphPrefetch::Stop() {
  if (!active_) return;
  active_ = false;
  tail_.store(consumed_ | kFlag, std::memory_order_release);
  tail_.notify_one();
  // The chunk may go away after this returns: wait until the worker is done.
  for (uint64_t head;
       !((head = head_.load(std::memory_order_acquire)) & kFlag);) {
    WaitChange(head_, head);
  }
}

void FuncgraphPrefetch::Run() {
  uint64_t seen = 0;
  while (true) {
    std::string_view chunk;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return quit_ || generation_ != seen; });
      if (quit_) return;
      seen = generation_;
      chunk = chunk_;
    }
    Produce(chunk);
  }
}

void FuncgraphPrefetch::Produce(std::string_view chunk) {
  uint64_t head = 0;
  uint64_t tail = 0;  // last tail_ seen
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  while (true) {
    if (head % kBatch == 0) {
      // Every batch: publish, stop when the reader has finished the chunk,
      // skip past the reader when it got ahead, wait while the ring is full.
      head_.store(head, std::memory_order_release);
      tail = tail_.load(std::memory_order_acquire);
      if (tail & kFlag) break;
      const char* reader = progress_.load(std::memory_order_relaxed);
      if (reader != nullptr && !std::less<const char*>()(reader, p)) {
        const void* nl =
            std::memchr(reader, '\n', static_cast<size_t>(end - reader));
        if (nl == nullptr) break;
        p = static_cast<const char*>(nl) + 1;
      }
    }
    while (head - tail >= kCapacity) {
      WaitChange(tail_, tail);
      tail = tail_.load(std::memory_order_acquire);
      if (tail & kFlag) break;
    }
    if (tail & kFlag) break;
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;  // the last, incomplete line is not ours
    std::string_view line(
        p, static_cast<size_t>(static_cast<const char*>(nl) - p));
    p = static_cast<const char*>(nl) + 1;
    // What LineSplitter and TraceReader hand the reader.
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = StripConsolePrefix(line);
    Entry& e = ring_[head % kCapacity];
    e.data = line.data();
    e.size = line.size();
    e.ok = TokenizeFuncgraphLine(line, &e.line);
    if (e.ok) e.derived = Derive(e.line);
    ++head;
  }
  head_.store(head | kFlag, std::memory_order_release);
  head_.notify_one();
}

}  // namespace ftriage::parser
