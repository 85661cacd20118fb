#ifndef FTRIAGE_CORE_INPUT_FILE_H_
#define FTRIAGE_CORE_INPUT_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace ftriage {

// Reads |path| ("-" for stdin) and hands its bytes to |on_chunk| in chunks of
// arbitrary size, decompressing gzip and zstd transparently (detected by
// their magic bytes, not by the file name). Files, pipes and special files
// are all read with read(2) into one 256 KiB buffer: memory use does not
// grow with the file, and a file that shrinks or grows while it is read
// ends where read(2) says it ends. Returns an error naming the file for I/O
// failures and corrupt compressed data; the chunks delivered before the
// failure stay delivered. |on_read|, if given, is told how many bytes of
// the file (compressed, as stored) each read(2) brought: progress against
// its size.
Status ReadInput(const std::string& path,
                 const std::function<void(std::string_view)>& on_chunk,
                 const std::function<void(size_t)>& on_read = nullptr);

// A regular, uncompressed file read by offset, so that two threads can read
// parts of it at once (parser/read_ahead.h). Open() gives nullopt for
// stdin, pipes, special and compressed files, which ReadInput() reads.
class PlainFile {
 public:
  static std::optional<PlainFile> Open(const std::string& path);
  PlainFile(PlainFile&& o) noexcept
      : fd_(std::exchange(o.fd_, -1)), size_(o.size_) {}
  PlainFile(const PlainFile&) = delete;
  PlainFile& operator=(const PlainFile&) = delete;
  ~PlainFile();

  // The size when opened; the file may grow or shrink while read.
  uint64_t size() const { return size_; }
  // Up to |n| bytes at |offset| (fewer at the end of the file); -1 on error.
  ssize_t ReadAt(uint64_t offset, char* buf, size_t n) const;
  // Hands [begin, end) to |on_chunk| in chunks of ReadInput()'s size, to the
  // end of the file if that comes first. Returns the bytes read, -1 on
  // error (errno set).
  int64_t ReadRange(
      uint64_t begin, uint64_t end,
      const std::function<void(std::string_view)>& on_chunk) const;

 private:
  PlainFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  uint64_t size_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_INPUT_FILE_H_
