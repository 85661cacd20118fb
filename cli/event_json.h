#ifndef FTRIAGE_CLI_EVENT_JSON_H_
#define FTRIAGE_CLI_EVENT_JSON_H_

#include <ostream>

#include "core/string_pool.h"
#include "parser/trace_reader.h"

namespace ftriage::cli {

// Writes every event as one JSON line (`ftriage parse --events`): what each
// input line was read as, the raw map behind every tree. Fields a format
// does not print are omitted, e.g.
// {"line":7,"kind":"leaf","cpu":2,"depth":1,"func":"rw_verify_area",
//  "duration_ns":211,"retval":0}
class EventJsonWriter : public parser::EventSink {
 public:
  EventJsonWriter(const StringPool* strings, std::ostream* out, bool with_file)
      : strings_(strings), out_(out), with_file_(with_file) {}
  void OnEvent(const TraceEvent& e) override;

 private:
  const StringPool* strings_;
  std::ostream* out_;
  bool with_file_;  // several inputs: say which one
};

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_EVENT_JSON_H_
