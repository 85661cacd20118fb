#ifndef FTRIAGE_CORE_INPUT_FILE_H_
#define FTRIAGE_CORE_INPUT_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ftriage {

// Reads |path| ("-" for stdin) and hands its bytes to |on_chunk| in chunks of
// arbitrary size, decompressing gzip and zstd transparently (detected by
// their magic bytes, not by the file name). Reads with read(2) into a fixed
// buffer: memory use does not grow with the file. Returns an error naming the
// file for I/O failures and corrupt compressed data; the chunks delivered
// before the failure stay delivered.
Status ReadInput(const std::string& path,
                 const std::function<void(std::string_view)>& on_chunk);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_INPUT_FILE_H_
