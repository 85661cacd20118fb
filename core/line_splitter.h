#ifndef FTRIAGE_CORE_LINE_SPLITTER_H_
#define FTRIAGE_CORE_LINE_SPLITTER_H_

#include <cstring>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace ftriage {

// Turns arbitrary chunks of bytes into whole lines with 1-based line numbers.
// Callers may split the input anywhere (mid-line, mid-UTF-8 sequence); a
// partial last line is kept until the next Push() or Finish(). A trailing
// '\r' (CRLF files) is stripped. The view passed to the callback is valid
// only during the call.
//
//   LineSplitter splitter;
//   splitter.Push(chunk, [&](std::string_view line, LineNo n) { ... });
//   splitter.Finish([&](std::string_view line, LineNo n) { ... });
class LineSplitter {
 public:
  template <typename F>
  void Push(std::string_view chunk, F&& on_line) {
    while (!chunk.empty()) {
      const void* nl = std::memchr(chunk.data(), '\n', chunk.size());
      if (nl == nullptr) {
        partial_.append(chunk);
        return;
      }
      size_t len =
          static_cast<size_t>(static_cast<const char*>(nl) - chunk.data());
      if (partial_.empty()) {
        Emit(chunk.substr(0, len), on_line);
      } else {
        partial_.append(chunk.substr(0, len));
        Emit(partial_, on_line);
        partial_.clear();
      }
      chunk.remove_prefix(len + 1);
    }
  }

  template <typename F>
  void Finish(F&& on_line) {
    if (!partial_.empty()) {
      Emit(partial_, on_line);
      partial_.clear();
    }
  }

  LineNo lines() const { return line_; }
  // True when no partial line is held: the next byte starts a line.
  bool at_line_start() const { return partial_.empty(); }
  // Numbers on after |n| lines read elsewhere (a block read by another
  // splitter); only at a line start.
  void SkipLines(LineNo n) { line_ += n; }

 private:
  template <typename F>
  void Emit(std::string_view line, F& on_line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(line, ++line_);
  }

  std::string partial_;
  LineNo line_ = 0;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_LINE_SPLITTER_H_
