#include "cli/read_trace_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/cpu_count.h"
#include "core/input_file.h"
#include "parser/read_ahead.h"

namespace ftriage::cli {
namespace {

// Blocks of a file read ahead on a second thread: small, as a block's
// recording touches fresh pages until it is reused, but not so small that
// the threads hand blocks over too often (`parse` of 1 GB, best of 3:
// 1 MB blocks 1.54 s, 2 MB 1.45 s, 4 MB 1.36 s, 8 MB 1.38 s, 16 MB 1.42 s
// and 130 MB peak). Smaller files are read on one thread: starting a
// second would not pay.
constexpr uint64_t kBlockBytes = 4 << 20;
constexpr uint64_t kMinReadAheadBytes = 32 << 20;

// The block size to read |file| in, 0 for one thread. FTRIAGE_BLOCK_BYTES
// sets it for any file (tests cut small files into many blocks); 0 there
// turns reading ahead off.
uint64_t BlockBytesFor(const PlainFile& file) {
  if (const char* env = std::getenv("FTRIAGE_BLOCK_BYTES")) {
    return std::strtoull(env, nullptr, 10);
  }
  if (file.size() < kMinReadAheadBytes || UsableCpus() < 2) return 0;
  return kBlockBytes;
}

Status ReadError(const std::string& path) {
  return Status::Error(path + ": read error: " + std::strerror(errno));
}

// Reads |file| block by block into |loader|, which knows the format: a
// second thread reads most blocks ahead (parser::ReadAhead) and this one
// replays them in order; then it reads on to the end, which a file still
// being written has moved.
Status ReadInBlocks(const PlainFile& file, uint64_t block_bytes,
                    const std::string& path, FileId id, FileLoader* loader,
                    const std::function<void(size_t)>& on_read) {
  std::vector<parser::ByteRange> blocks = parser::SplitIntoBlocks(
      file, block_bytes, [loader](std::string_view line) {
        return loader->ContinuesRecord(line);
      });
  auto feed = [&](std::string_view chunk) {
    if (on_read) on_read(chunk.size());
    loader->OnChunk(chunk);
  };
  std::optional<parser::ReadAhead> ahead;
  if (blocks.size() > 1) ahead.emplace(file, blocks, 1, loader->format(), id);
  uint64_t at = 0;
  for (size_t k = 0; k < blocks.size(); ++k) {
    const parser::ByteRange& range = blocks[k];
    if (k > 0) {  // blocks after the first are read ahead
      std::unique_ptr<parser::ReadBlock> b = ahead->Take(k);
      bool taken = loader->TakeBlock(b.get());
      if (taken && on_read) on_read(b->bytes);
      ahead->Recycle(std::move(b));
      if (taken) {
        at = range.end;
        continue;
      }
    }
    int64_t n = file.ReadRange(range.begin, range.end, feed);
    if (n < 0) return ReadError(path);
    at = range.begin + static_cast<uint64_t>(n);
    if (at != range.end) break;  // the file shrank
  }
  if (file.ReadRange(at, UINT64_MAX, feed) < 0) return ReadError(path);
  return Status::Ok();
}

}  // namespace

Status ReadTraceFile(const std::string& path, bool read_ahead, FileId id,
                     FileLoader* loader,
                     const std::function<void(size_t)>& on_read) {
  std::optional<PlainFile> file =
      read_ahead ? PlainFile::Open(path) : std::nullopt;
  if (uint64_t block_bytes = file ? BlockBytesFor(*file) : 0) {
    // The bytes SniffFormat() would see of the stream, and one more, which
    // tells it that the input goes on.
    std::string head(std::min<uint64_t>(file->size(), parser::kSniffBytes + 1),
                     '\0');
    ssize_t n = file->ReadAt(0, head.data(), head.size());
    if (n < 0) return ReadError(path);
    head.resize(static_cast<size_t>(n));
    loader->StartOn(head);
    if (loader->ReadsInBlocks()) {
      return ReadInBlocks(*file, block_bytes, path, id, loader, on_read);
    }
  }
  return ReadInput(
      path, [&](std::string_view chunk) { loader->OnChunk(chunk); }, on_read);
}

}  // namespace ftriage::cli
