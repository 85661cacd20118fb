#ifndef FTRIAGE_CORE_STATUS_H_
#define FTRIAGE_CORE_STATUS_H_

#include <string>
#include <utility>

namespace ftriage {

// The result of an operation that can fail for operational reasons (a file
// that cannot be opened or decompressed). Problems in the input text are not
// Status errors: they go to DiagnosticSink.
class Status {
 public:
  static Status Ok() { return Status(); }
  static Status Error(std::string message) {
    Status s;
    s.message_ = std::move(message);
    s.ok_ = false;
    return s;
  }
  bool ok() const { return ok_; }
  const std::string& message() const { return message_; }

 private:
  bool ok_ = true;
  std::string message_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_STATUS_H_
