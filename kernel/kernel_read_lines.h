#ifndef FTRIAGE_KERNEL_KERNEL_READ_LINES_H_
#define FTRIAGE_KERNEL_KERNEL_READ_LINES_H_

#include <string>
#include <string_view>

#include "core/input_file.h"
#include "core/line_splitter.h"
#include "core/status.h"

namespace ftriage {

// True for a line of nothing but spaces and tabs.
inline bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Hands every line of |text| to |on_line(std::string_view, LineNo)| with its
// 1-based number. Lines are split as LineSplitter splits them (CRLF aware).
template <typename F>
void ForEachLine(std::string_view text, F&& on_line) {
  LineSplitter splitter;
  splitter.Push(text, on_line);
  splitter.Finish(on_line);
}

// Streams the lines of the file at |path| (plain, gzip or zstd) to |on_line|
// without holding the file in memory. Errors are ReadInput's.
template <typename F>
Status ReadLines(const std::string& path, F&& on_line) {
  LineSplitter splitter;
  Status status = ReadInput(
      path, [&](std::string_view chunk) { splitter.Push(chunk, on_line); });
  if (status.ok()) splitter.Finish(on_line);
  return status;
}

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_READ_LINES_H_
