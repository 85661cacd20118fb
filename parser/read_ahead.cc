#include "parser/read_ahead.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace ftriage::parser {
namespace {

constexpr size_t kWindow = 64 * 1024;
// Fewer than function_graph writes: a recording grows once at most.
constexpr size_t kBytesPerEvent = 64;

// The first line start at or after |pos|: |pos| itself if a newline comes
// before it, else the byte after the next newline; file.size() if none.
uint64_t LineStartFrom(const PlainFile& file, uint64_t pos) {
  std::vector<char> buf(kWindow);
  for (uint64_t at = pos - 1; at < file.size();) {
    ssize_t n = file.ReadAt(at, buf.data(), buf.size());
    if (n <= 0) break;
    const void* nl = std::memchr(buf.data(), '\n', static_cast<size_t>(n));
    if (nl != nullptr) {
      return at +
             static_cast<uint64_t>(static_cast<const char*>(nl) - buf.data()) +
             1;
    }
    at += static_cast<uint64_t>(n);
  }
  return file.size();
}

// The first bytes of the line at |pos|: enough to tell a console prefix
// and what follows it.
std::string LineHeadAt(const PlainFile& file, uint64_t pos) {
  std::string buf(256, '\0');
  ssize_t n = file.ReadAt(pos, buf.data(), buf.size());
  buf.resize(n < 0 ? 0 : static_cast<size_t>(n));
  buf.resize(std::min(buf.size(), buf.find('\n')));
  return buf;
}

// |b| (a recycled block, or nullptr) ready to read |range| into.
std::unique_ptr<ReadBlock> Ready(std::unique_ptr<ReadBlock> b,
                                 const ByteRange& range) {
  if (b == nullptr) {
    b = std::make_unique<ReadBlock>();
    b->recording.Reserve((range.end - range.begin) / kBytesPerEvent);
  } else {
    b->Reset();
  }
  return b;
}

}  // namespace

std::vector<ByteRange> SplitIntoBlocks(
    const PlainFile& file, uint64_t block_bytes,
    const std::function<bool(std::string_view)>& continues) {
  std::vector<ByteRange> out;
  uint64_t begin = 0;
  while (begin < file.size()) {
    uint64_t end = begin + std::max<uint64_t>(block_bytes, 1);
    if (end >= file.size()) {
      end = file.size();
    } else {
      end = LineStartFrom(file, end);
      while (end < file.size() && continues(LineHeadAt(file, end))) {
        end = LineStartFrom(file, end + 1);
      }
    }
    out.push_back({begin, end});
    begin = end;
  }
  return out;
}

ReadAhead::ReadAhead(const PlainFile& file, std::vector<ByteRange> blocks,
                     size_t first, TraceFormat format, FileId file_id)
    : file_(file),
      blocks_(std::move(blocks)),
      first_(first),
      format_(format),
      file_id_(file_id),
      reached_(first),
      claimed_(blocks_.size(), false),
      thread_(&ReadAhead::Run, this) {}

ReadAhead::~ReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::unique_ptr<ReadBlock> ReadAhead::Take(size_t k) {
  std::unique_lock<std::mutex> lock(mutex_);
  reached_ = k;
  changed_.notify_all();
  while (true) {
    if (failure_) std::rethrow_exception(failure_);
    if (auto it = done_.find(k); it != done_.end()) {
      std::unique_ptr<ReadBlock> b = std::move(it->second);
      done_.erase(it);
      return b;
    }
    size_t j = Unclaimed(k);
    if (j == blocks_.size()) {
      changed_.wait(lock);
      continue;
    }
    std::unique_ptr<ReadBlock> b = Claim(j);
    lock.unlock();
    b = Ready(std::move(b), blocks_[j]);
    Read(j, b.get());
    lock.lock();
    done_[j] = std::move(b);
  }
}

size_t ReadAhead::Unclaimed(size_t k) const {
  size_t last = std::min(blocks_.size(), k + kDepth + 1);
  for (size_t j = k; j < last; ++j) {
    if (!claimed_[j]) return j;
  }
  return blocks_.size();
}

std::unique_ptr<ReadBlock> ReadAhead::Claim(size_t k) {
  claimed_[k] = true;
  if (free_.empty()) return nullptr;
  std::unique_ptr<ReadBlock> b = std::move(free_.back());
  free_.pop_back();
  return b;
}

void ReadAhead::Run() {
  for (size_t k = first_; k < blocks_.size(); ++k) {
    std::unique_ptr<ReadBlock> b;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || k <= reached_ + kDepth; });
      if (stop_) return;
      if (claimed_[k]) continue;  // the caller read it while waiting
      b = Claim(k);
    }
    try {
      b = Ready(std::move(b), blocks_[k]);
      Read(k, b.get());
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      failure_ = std::current_exception();
      changed_.notify_all();
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_[k] = std::move(b);
    }
    changed_.notify_all();
  }
}

void ReadAhead::Recycle(std::unique_ptr<ReadBlock> b) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(std::move(b));
}

void ReadAhead::Read(size_t k, ReadBlock* b) const {
  ReaderContext ctx;
  ctx.strings = b->strings.get();
  ctx.diagnostics = &b->recording;
  ctx.sink = &b->recording;
  ctx.file = file_id_;
  b->reader = CreateReader(format_, ctx);
  if (b->reader == nullptr) return;
  TraceReader& r = b->reader->reader();
  const ByteRange& range = blocks_[k];
  char last = '\0';
  int64_t n = file_.ReadRange(range.begin, range.end, [&](std::string_view c) {
    r.Push(c);
    last = c.back();
  });
  r.EndBlock();
  b->bytes = n < 0 ? 0 : static_cast<uint64_t>(n);
  b->clean = b->bytes == range.end - range.begin && last == '\n' &&
             r.AtFreshBoundary();
}

}  // namespace ftriage::parser
