#ifndef FTRIAGE_PARSER_EVENT_PIPE_H_
#define FTRIAGE_PARSER_EVENT_PIPE_H_

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/diagnostics.h"
#include "parser/trace_reader.h"

namespace ftriage::parser {

// Hands a reader's events to a sink on a second thread, so that reading a
// trace and building its call trees run side by side on two cores. Events,
// the text and frames they point to, and the reader's diagnostics are copied
// into batches and delivered in the order they came: the sink and the
// downstream reporter see what direct calls would have shown them, only
// later. Names stay ids of the reader's StringPool, which may be shared
// between the two threads (see StringPool).
//
//   EventPipe pipe(&builder, &diagnostics);
//   ctx.sink = &pipe;
//   ctx.diagnostics = &pipe;
//   ... reader.Push(chunk) ...; reader.Finish();
//   pipe.Finish();  // the builder has seen every event
class EventPipe : public EventSink, public DiagnosticReporter {
 public:
  EventPipe(EventSink* sink, DiagnosticReporter* diagnostics);
  // Stops the consumer; what it had not delivered is dropped (Finish()
  // delivers everything).
  ~EventPipe() override;
  EventPipe(const EventPipe&) = delete;
  EventPipe& operator=(const EventPipe&) = delete;

  void OnEvent(const TraceEvent& e) override;
  void Report(Diagnostic d) override;
  // Delivers what is buffered and waits until the sink has seen it all.
  // Rethrows what the sink or the downstream reporter threw.
  void Finish();

 private:
  struct Batch;

  // The current batch, handed on first if it holds no room for one more
  // event with |text_bytes| of text and |frames| frames.
  Batch& BatchWithRoom(size_t text_bytes, size_t frames);
  void Send();
  void Consume();
  void Deliver(Batch& b);
  void Close(bool drop);

  EventSink* sink_;
  DiagnosticReporter* diagnostics_;
  std::unique_ptr<Batch> filling_;  // the producer's

  std::mutex mutex_;
  std::condition_variable sent_;      // a batch is queued, or closing
  std::condition_variable returned_;  // a batch is free again
  std::deque<std::unique_ptr<Batch>> queued_;
  std::vector<std::unique_ptr<Batch>> free_;
  size_t in_flight_ = 0;  // batches queued or being delivered
  bool closing_ = false;
  bool dropping_ = false;
  std::exception_ptr failure_;

  std::thread consumer_;
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_EVENT_PIPE_H_
