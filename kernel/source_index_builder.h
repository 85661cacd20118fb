#ifndef FTRIAGE_KERNEL_SOURCE_INDEX_BUILDER_H_
#define FTRIAGE_KERNEL_SOURCE_INDEX_BUILDER_H_

#include <cstddef>
#include <filesystem>
#include <functional>

#include "core/status.h"
#include "kernel/source_index.h"

namespace ftriage::kernel {

// Called on the calling thread after each file is merged.
using IndexProgress = std::function<void(size_t files_done, size_t total)>;

// Indexes the Linux source tree at |root|: every .c and .h file, and every
// Makefile and Kbuild for the gates of the .c files. Skips .git,
// Documentation, tools, scripts, samples and usr at the top, hidden files
// and directories (build output such as .vmlinux.export.c) and symlinked
// directories (an O= build directory's "source" link) everywhere.
// |threads| workers (0 = one per core) read and scan files while the
// calling thread merges them in path order, so the index is the same for
// any thread count. Fails when |root| is not a directory or a file cannot
// be read, naming the path.
Status BuildSourceIndex(const std::filesystem::path& root, unsigned threads,
                        const IndexProgress& progress, SourceIndex* out);

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_INDEX_BUILDER_H_
