#ifndef FTRIAGE_CLI_READ_TRACE_FILE_H_
#define FTRIAGE_CLI_READ_TRACE_FILE_H_

#include <cstddef>
#include <functional>
#include <string>

#include "cli/file_loader.h"
#include "core/ids.h"
#include "core/status.h"

namespace ftriage::cli {

// Reads |path| whole into |loader|: a large plain file of a format that
// reads in blocks is read on two threads when |read_ahead| allows
// (parser::ReadAhead), anything else as a stream (ReadInput). |on_read| is
// told the bytes of each read, or of each block read ahead.
// FTRIAGE_BLOCK_BYTES=N reads any plain file in blocks of N bytes (tests
// cut small files into many); 0 reads on one thread.
Status ReadTraceFile(const std::string& path, bool read_ahead, FileId id,
                     FileLoader* loader,
                     const std::function<void(size_t)>& on_read);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_READ_TRACE_FILE_H_
