#include "core/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace ftriage {
namespace {

// read(2) size, and the size of the chunks decompressors write: small
// enough that a chunk is still in the CPU's cache when the reader splits
// and tokenizes it. (Mapping the file instead cost 20% of `parse` on a
// 1 GB log: page faults and cache misses on every fresh page.)
constexpr size_t kChunkSize = 256 << 10;

// Owns a file descriptor; stdin is borrowed, never closed.
class Fd {
 public:
  explicit Fd(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~Fd() {
    if (owned_ && fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

// Fills |buf| by calls read_some(dst, n, got) (read(2), or pread(2) |got|
// bytes past an offset) until full or EOF. Returns bytes read, -1 on error.
template <typename F>
ssize_t Fill(char* buf, size_t size, F read_some) {
  size_t got = 0;
  while (got < size) {
    ssize_t n = read_some(buf + got, size - got, got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    got += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

ssize_t ReadFull(int fd, char* buf, size_t size) {
  return Fill(buf, size,
              [fd](char* dst, size_t n, size_t) { return read(fd, dst, n); });
}

enum class Compression { kNone, kGzip, kZstd };

Compression Detect(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b) {
    return Compression::kGzip;
  }
  if (head.size() >= 4 && static_cast<unsigned char>(head[0]) == 0x28 &&
      static_cast<unsigned char>(head[1]) == 0xb5 &&
      static_cast<unsigned char>(head[2]) == 0x2f &&
      static_cast<unsigned char>(head[3]) == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

// Feeds compressed bytes in, gets plain bytes out. One per stream type.
class Decompressor {
 public:
  virtual ~Decompressor() = default;
  // Returns false with |error| set on corrupt data.
  virtual bool Feed(std::string_view in,
                    const std::function<void(std::string_view)>& out,
                    std::string* error) = 0;
  // Returns false if the stream ended early.
  virtual bool Finished() const = 0;
};

class GzipDecompressor : public Decompressor {
 public:
  GzipDecompressor() : out_(kChunkSize) {
    // 15 + 32: zlib or gzip header, auto-detected.
    inflateInit2(&z_, 15 + 32);
  }
  ~GzipDecompressor() override { inflateEnd(&z_); }

  bool Feed(std::string_view in,
            const std::function<void(std::string_view)>& out,
            std::string* error) override {
    z_.next_in =
        reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));  // zlib API
    z_.avail_in = static_cast<uInt>(in.size());
    while (z_.avail_in > 0) {
      if (ended_) {
        // Concatenated gzip members (as `cat a.gz b.gz` produces).
        inflateReset(&z_);
        ended_ = false;
      }
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t produced = out_.size() - z_.avail_out;
      if (produced > 0) out(std::string_view(out_.data(), produced));
      if (rc == Z_STREAM_END) {
        ended_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        *error = z_.msg != nullptr ? z_.msg : "corrupt gzip data";
        return false;
      } else if (rc == Z_BUF_ERROR && produced == 0) {
        break;
      }
    }
    return true;
  }
  bool Finished() const override { return ended_; }

 private:
  z_stream z_{};
  std::vector<char> out_;
  bool ended_ = false;
};

class ZstdDecompressor : public Decompressor {
 public:
  ZstdDecompressor() : ctx_(ZSTD_createDStream()), out_(kChunkSize) {
    ZSTD_initDStream(ctx_);
  }
  ~ZstdDecompressor() override { ZSTD_freeDStream(ctx_); }

  bool Feed(std::string_view in,
            const std::function<void(std::string_view)>& out,
            std::string* error) override {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{out_.data(), out_.size(), 0};
      size_t rc = ZSTD_decompressStream(ctx_, &output, &input);
      if (ZSTD_isError(rc)) {
        *error = ZSTD_getErrorName(rc);
        return false;
      }
      if (output.pos > 0) out(std::string_view(out_.data(), output.pos));
      frame_done_ = rc == 0;
    }
    return true;
  }
  bool Finished() const override { return frame_done_; }

 private:
  ZSTD_DStream* ctx_;
  std::vector<char> out_;
  bool frame_done_ = false;
};

// Hands plain bytes on: detects gzip or zstd from the first chunk and
// decompresses from then on.
class ChunkFeeder {
 public:
  explicit ChunkFeeder(const std::function<void(std::string_view)>& on_chunk)
      : on_chunk_(on_chunk) {}

  // Returns false with |error| set on corrupt compressed data.
  bool Feed(std::string_view data, std::string* error) {
    if (first_) {
      first_ = false;
      switch (Detect(data)) {
        case Compression::kGzip:
          decompressor_ = std::make_unique<GzipDecompressor>();
          break;
        case Compression::kZstd:
          decompressor_ = std::make_unique<ZstdDecompressor>();
          break;
        case Compression::kNone:
          break;
      }
    }
    if (decompressor_ == nullptr) {
      on_chunk_(data);
      return true;
    }
    return decompressor_->Feed(data, on_chunk_, error);
  }
  // A compressed stream that stopped before its end.
  bool Truncated() const {
    return decompressor_ != nullptr && !decompressor_->Finished();
  }

 private:
  const std::function<void(std::string_view)>& on_chunk_;
  bool first_ = true;
  std::unique_ptr<Decompressor> decompressor_;
};

}  // namespace

Status ReadInput(const std::string& path,
                 const std::function<void(std::string_view)>& on_chunk,
                 const std::function<void(size_t)>& on_read) {
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? "<stdin>" : path;
  Fd fd(is_stdin ? 0 : open(path.c_str(), O_RDONLY | O_CLOEXEC), !is_stdin);
  if (fd.get() < 0) {
    return Status::Error(name + ": cannot open: " + std::strerror(errno));
  }
  ChunkFeeder feeder(on_chunk);
  std::string error;
  std::vector<char> buf(kChunkSize);
  while (true) {
    ssize_t n = ReadFull(fd.get(), buf.data(), buf.size());
    if (n < 0) {
      return Status::Error(name + ": read error: " + std::strerror(errno));
    }
    if (n == 0) break;
    if (on_read) on_read(static_cast<size_t>(n));
    if (!feeder.Feed(std::string_view(buf.data(), static_cast<size_t>(n)),
                     &error)) {
      return Status::Error(name + ": corrupt compressed data: " + error);
    }
  }
  if (feeder.Truncated()) {
    return Status::Error(name +
                         ": compressed data ends early (truncated file)");
  }
  return Status::Ok();
}

std::optional<PlainFile> PlainFile::Open(const std::string& path) {
  if (path == "-") return std::nullopt;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  PlainFile file(fd, 0);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  file.size_ = static_cast<uint64_t>(st.st_size);
  char head[4];
  ssize_t n = file.ReadAt(0, head, sizeof(head));
  if (n < 0 || Detect(std::string_view(head, static_cast<size_t>(n))) !=
                   Compression::kNone) {
    return std::nullopt;
  }
  return file;
}

PlainFile::~PlainFile() {
  if (fd_ >= 0) close(fd_);
}

ssize_t PlainFile::ReadAt(uint64_t offset, char* buf, size_t n) const {
  return Fill(buf, n, [this, offset](char* dst, size_t want, size_t got) {
    return pread(fd_, dst, want, static_cast<off_t>(offset + got));
  });
}

int64_t PlainFile::ReadRange(
    uint64_t begin, uint64_t end,
    const std::function<void(std::string_view)>& on_chunk) const {
  // Not zeroed: a block of a file read ahead calls this once, and the
  // read overwrites it.
  auto buf = std::make_unique_for_overwrite<char[]>(kChunkSize);
  uint64_t at = begin;
  while (at < end) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(kChunkSize, end - at));
    ssize_t n = ReadAt(at, buf.get(), want);
    if (n < 0) return -1;
    if (n == 0) break;
    on_chunk(std::string_view(buf.get(), static_cast<size_t>(n)));
    at += static_cast<uint64_t>(n);
  }
  return static_cast<int64_t>(at - begin);
}

}  // namespace ftriage
