#ifndef FTRIAGE_PARSER_EVENT_RECORDING_H_
#define FTRIAGE_PARSER_EVENT_RECORDING_H_

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "core/huge_page_allocator.h"
#include "core/string_pool.h"
#include "parser/trace_reader.h"

namespace ftriage::parser {

// Storage that never moves what it holds, so that copied events can point
// into it while more is appended.
template <typename T>
class StableBuffer {
 public:
  std::span<const T> Append(std::span<const T> items) {
    if (capacity_ - used_ < items.size()) {
      capacity_ = std::max(kChunk, items.size());
      chunks_.push_back(std::make_unique_for_overwrite<T[]>(capacity_));
      used_ = 0;
    }
    T* dst = chunks_.back().get() + used_;
    std::copy(items.begin(), items.end(), dst);
    used_ += items.size();
    return {dst, items.size()};
  }
  // Empties it, keeping one chunk of the usual size for reuse.
  void Clear() {
    if (chunks_.size() > 1 || capacity_ != kChunk) chunks_.clear();
    used_ = 0;
    capacity_ = chunks_.empty() ? 0 : kChunk;
  }

 private:
  static constexpr size_t kChunk = 64 * 1024;
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t used_ = 0;
  size_t capacity_ = 0;
};

// What a reader emitted and reported, kept in order to be handed on later,
// on another thread: a block of a file read ahead (parser/read_ahead.h).
// Text and frames are copied; names stay ids of the reader's own pool
// |strings| until Replay() interns them in the caller's.
//
//   StringPool own;
//   EventRecording rec(&own);
//   ReaderContext ctx{&own, &rec, &rec, file};
//   ... a reader reads ...
//   rec.Replay(lines_before, &pool, &sink, &diagnostics);
class EventRecording final : public EventSink, public DiagnosticReporter {
 public:
  explicit EventRecording(const StringPool* strings) : strings_(strings) {}

  void OnEvent(const TraceEvent& e) override;
  void Report(Diagnostic d) override;
  void Reserve(size_t events) {
    events_.reserve(events);
    names_before_.reserve(events);
  }
  // Empties it for a reader using |strings|, keeping the memory: a
  // recording is reused block after block.
  void Clear(const StringPool* strings);

  // Hands everything on in the order it came, with line numbers moved on by
  // |lines_before| and names interned in |strings| in the order the reader
  // interned them, so that |strings| ends as if the reader had used it.
  // Once: the events are rewritten in place.
  void Replay(LineNo lines_before, StringPool* strings, EventSink* sink,
              DiagnosticReporter* diagnostics);

 private:
  const StringPool* strings_;
  // Megabytes a block: in huge pages, a few faults instead of a thousand.
  std::vector<TraceEvent, HugePageAllocator<TraceEvent>> events_;
  // strings_->size() as each event was emitted: its names and those
  // interned before it.
  std::vector<uint32_t> names_before_;
  // Each with the number of events emitted before it.
  std::vector<std::pair<size_t, Diagnostic>> diagnostics_;
  StableBuffer<char> text_;
  StableBuffer<StringId> frames_;
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_EVENT_RECORDING_H_
