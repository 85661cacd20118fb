#include "parser/event_pipe.h"

#include <algorithm>
#include <span>
#include <utility>

namespace ftriage::parser {
namespace {

// Storage that never moves while it holds anything, so copied events can
// point into it. Grows only while empty.
template <typename T>
class FixedBuffer {
 public:
  explicit FixedBuffer(size_t capacity)
      : data_(std::make_unique_for_overwrite<T[]>(capacity)),
        capacity_(capacity) {}

  size_t room() const { return capacity_ - size_; }
  // Only while empty: makes room for at least |n|.
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    data_ = std::make_unique_for_overwrite<T[]>(n);
    capacity_ = n;
  }
  std::span<const T> Append(std::span<const T> items) {
    T* dst = data_.get() + size_;
    std::copy(items.begin(), items.end(), dst);
    size_ += items.size();
    return {dst, items.size()};
  }
  void Clear() { size_ = 0; }

 private:
  std::unique_ptr<T[]> data_;
  size_t capacity_;
  size_t size_ = 0;
};

// Batches queued or being delivered at most, besides the one filling. Each
// holds up to ~230 KB of events: few, so that they stay in cache between
// the two cores.
constexpr size_t kBatches = 4;

}  // namespace

struct EventPipe::Batch {
  static constexpr size_t kEvents = 2048;
  static constexpr size_t kTextBytes = 64 * 1024;
  static constexpr size_t kFrames = 4096;
  static constexpr size_t kDiagnostics = 1024;

  Batch() { events.reserve(kEvents); }

  bool Fits(size_t text_bytes, size_t n_frames) const {
    return events.size() < kEvents && text.room() >= text_bytes &&
           frames.room() >= n_frames;
  }
  bool empty() const { return events.empty() && diagnostics.empty(); }
  void Clear() {
    events.clear();
    text.Clear();
    frames.Clear();
    diagnostics.clear();
  }

  std::vector<TraceEvent> events;
  FixedBuffer<char> text{kTextBytes};
  FixedBuffer<StringId> frames{kFrames};
  // Each with the number of events reported before it.
  std::vector<std::pair<size_t, Diagnostic>> diagnostics;
};

EventPipe::EventPipe(EventSink* sink, DiagnosticReporter* diagnostics)
    : sink_(sink),
      diagnostics_(diagnostics),
      filling_(std::make_unique<Batch>()),
      consumer_(&EventPipe::Consume, this) {}

EventPipe::~EventPipe() {
  if (consumer_.joinable()) Close(/*drop=*/true);
}

void EventPipe::OnEvent(const TraceEvent& e) {
  Batch& b = BatchWithRoom(e.text.size(), e.frames.size());
  TraceEvent& copy = b.events.emplace_back(e);
  if (!e.text.empty()) {
    std::span<const char> t = b.text.Append(e.text);
    copy.text = {t.data(), t.size()};
  }
  if (!e.frames.empty()) copy.frames = b.frames.Append(e.frames);
}

void EventPipe::Report(Diagnostic d) {
  if (filling_->diagnostics.size() == Batch::kDiagnostics) Send();
  filling_->diagnostics.emplace_back(filling_->events.size(), std::move(d));
}

EventPipe::Batch& EventPipe::BatchWithRoom(size_t text_bytes, size_t frames) {
  if (filling_->Fits(text_bytes, frames)) return *filling_;
  if (!filling_->empty()) Send();
  filling_->text.Reserve(text_bytes);
  filling_->frames.Reserve(frames);
  return *filling_;
}

void EventPipe::Send() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
  queued_.push_back(std::move(filling_));
  ++in_flight_;
  sent_.notify_one();
  if (free_.empty() && in_flight_ >= kBatches) {
    returned_.wait(lock, [this] { return !free_.empty(); });
  }
  if (free_.empty()) {
    filling_ = std::make_unique<Batch>();
  } else {
    filling_ = std::move(free_.back());
    free_.pop_back();
  }
}

void EventPipe::Consume() {
  for (;;) {
    std::unique_ptr<Batch> b;
    bool drop = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      sent_.wait(lock, [this] { return !queued_.empty() || closing_; });
      if (queued_.empty()) return;
      b = std::move(queued_.front());
      queued_.pop_front();
      drop = dropping_;
    }
    if (!drop) {
      try {
        Deliver(*b);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        failure_ = std::current_exception();
        dropping_ = true;
      }
    }
    b->Clear();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(std::move(b));
      --in_flight_;
    }
    returned_.notify_one();
  }
}

void EventPipe::Deliver(Batch& b) {
  auto next = b.diagnostics.begin();
  for (size_t i = 0; i < b.events.size(); ++i) {
    for (; next != b.diagnostics.end() && next->first == i; ++next) {
      diagnostics_->Report(std::move(next->second));
    }
    sink_->OnEvent(b.events[i]);
  }
  for (; next != b.diagnostics.end(); ++next) {
    diagnostics_->Report(std::move(next->second));
  }
}

void EventPipe::Finish() {
  if (!consumer_.joinable()) return;
  if (!filling_->empty()) Send();
  Close(/*drop=*/false);
  if (failure_) std::rethrow_exception(failure_);
}

void EventPipe::Close(bool drop) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    dropping_ = dropping_ || drop;
  }
  sent_.notify_one();
  consumer_.join();
}

}  // namespace ftriage::parser
