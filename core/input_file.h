#ifndef FTRIAGE_CORE_INPUT_FILE_H_
#define FTRIAGE_CORE_INPUT_FILE_H_

#include <functional>
#include <string>
#include <string_view>

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

}  // namespace ftriage

#endif  // FTRIAGE_CORE_INPUT_FILE_H_
