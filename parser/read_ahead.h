#ifndef FTRIAGE_PARSER_READ_AHEAD_H_
#define FTRIAGE_PARSER_READ_AHEAD_H_

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "core/input_file.h"
#include "core/string_pool.h"
#include "parser/event_recording.h"
#include "parser/trace_format.h"

namespace ftriage::parser {

// Bytes [begin, end) of a file.
struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// Cuts [0, file.size()) into ranges of about |block_bytes| that begin at a
// line start, and not at a line that |continues| the record before it (a
// " => frame" of a stack trace, TraceReader::ContinuesRecord), which only
// sees the line's first bytes.
std::vector<ByteRange> SplitIntoBlocks(
    const PlainFile& file, uint64_t block_bytes,
    const std::function<bool(std::string_view)>& continues);

// A block read by a fresh reader, with its own string pool, its events and
// diagnostics recorded for the caller to replay in order.
struct ReadBlock {
  // Ready for the next block; the recording keeps its memory (fresh pages
  // for every block cost more than the reading).
  void Reset() {
    reader.reset();
    strings = std::make_unique<StringPool>();
    recording.Clear(strings.get());
    bytes = 0;
    clean = false;
  }

  std::unique_ptr<StringPool> strings = std::make_unique<StringPool>();
  EventRecording recording{strings.get()};
  std::unique_ptr<FormatReader> reader;  // left where the block ended
  uint64_t bytes = 0;
  // Read whole, ending at a line end, and the reader left at a fresh
  // boundary (TraceReader::AtFreshBoundary): nothing carries over into the
  // next block. A block that is not clean is read again by the caller.
  bool clean = false;
};

// Reads blocks of a file on a second thread, ahead of a caller that goes
// through all blocks in order and replays their recordings (the caller
// builds the trees). When the block it needs is still being read, the
// caller reads the next block the thread has not started, into a recording
// as the thread would, rather than wait: how the work splits follows how
// much each side has per block (the caller builds more for `tree` than for
// `parse`; with a fixed share of blocks read straight into its trees,
// `parse` left the thread idle a third of the time). Blocks are read at
// most kDepth ahead of the caller, which bounds the memory.
//
//   ReadAhead ahead(file, blocks, 1, format, file_id);
//   for (size_t k = 1; k < blocks.size(); ++k) {
//     std::unique_ptr<ReadBlock> b = ahead.Take(k);
//     ... replay b, or read it if it is not clean ...
//   }
class ReadAhead {
 public:
  static constexpr size_t kDepth = 4;

  // Starts the thread on the blocks from |first| on; those before are the
  // caller's.
  ReadAhead(const PlainFile& file, std::vector<ByteRange> blocks, size_t first,
            TraceFormat format, FileId file_id);
  // Stops the thread (blocks not taken are dropped).
  ~ReadAhead();
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Block |k| (|first| or after) read, by the thread or, while waiting for
  // it, by the caller; rethrows what the thread threw.
  std::unique_ptr<ReadBlock> Take(size_t k);
  // Gives a taken block back for reuse.
  void Recycle(std::unique_ptr<ReadBlock> b);

 private:
  void Run();
  // The first block from |k| to k + kDepth that nobody has started, or
  // blocks_.size(). Called with the mutex held.
  size_t Unclaimed(size_t k) const;
  // Claims block |k| and takes a recycled block to read it into, if any
  // (Ready() makes one). Called with the mutex held.
  std::unique_ptr<ReadBlock> Claim(size_t k);
  // Reads block |k| into |b|, a block from Claim().
  void Read(size_t k, ReadBlock* b) const;

  const PlainFile& file_;
  const std::vector<ByteRange> blocks_;
  const size_t first_;
  const TraceFormat format_;
  const FileId file_id_;

  std::mutex mutex_;
  std::condition_variable changed_;
  size_t reached_;             // the caller's block
  std::vector<bool> claimed_;  // by block: being read or read
  bool stop_ = false;
  std::map<size_t, std::unique_ptr<ReadBlock>> done_;
  std::vector<std::unique_ptr<ReadBlock>> free_;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_READ_AHEAD_H_
