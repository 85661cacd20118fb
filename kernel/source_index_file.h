#ifndef FTRIAGE_KERNEL_SOURCE_INDEX_FILE_H_
#define FTRIAGE_KERNEL_SOURCE_INDEX_FILE_H_

#include <filesystem>

#include "core/status.h"
#include "kernel/source_index.h"

namespace ftriage::kernel {

// The on-disk form of a SourceIndex: the magic "FTSRCIDX", a version
// (uint32, little-endian), the numbers of strings and files and the sizes
// of five zstd frames (varints), then the frames, each with its checksum:
// strings, files with their gates, definitions, calls, references, as
// varints. Sections decode in parallel; a full 6.12 tree loads in about
// half a second on two cores. Not a stable exchange format: a file of
// another version is refused, to be rebuilt with `ftriage index`.
inline constexpr uint32_t kSourceIndexVersion = 1;

Status SaveSourceIndex(const SourceIndex& index,
                       const std::filesystem::path& path);

// Reads a file written by SaveSourceIndex. A missing, truncated, corrupt
// or wrong-version file is an error naming the file; |out| is then left
// unchanged.
Status LoadSourceIndex(const std::filesystem::path& path, SourceIndex* out);

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_INDEX_FILE_H_
