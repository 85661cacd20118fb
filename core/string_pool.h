#ifndef FTRIAGE_CORE_STRING_POOL_H_
#define FTRIAGE_CORE_STRING_POOL_H_

#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace ftriage {

// Interns strings and hands out compact StringIds. Every function and task
// name that outlives the line it was read from goes through here, so the
// model stores 4 bytes per name and equal names compare as equal ids. Views
// returned by Get() stay valid for the pool's lifetime (storage is chunked
// and never moves).
//
// Two threads may share a pool (a reader and the tree builder it feeds):
// Intern() and Find() take a lock, and Get() needs none, because the view of
// an id never moves once written; a thread must only have learned the id
// through something that orders it after the Intern() that made it (the
// lock, or a queue hand-off).
//
//   StringPool pool;
//   StringId id = pool.Intern("vfs_read");
//   assert(pool.Get(id) == "vfs_read");
//
// The index is an open-addressing table of 8-byte slots (hash bits + id)
// with a word-at-a-time hash: interning is on the parser's hot path (every
// call name of every line).
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  StringId Intern(std::string_view s) { return Intern(s, Hash(s)); }
  // With |hash| == Hash(s) computed beforehand (e.g. on another thread).
  StringId Intern(std::string_view s, uint64_t hash);
  static uint64_t Hash(std::string_view s);
  // The id of |s| if it was interned before, else None().
  StringId Find(std::string_view s) const;
  std::string_view Get(StringId id) const {
    uint32_t v = id.value;
    return views_[BlockOf(v)][v ^ BlockBase(v)];
  }
  size_t size() const { return size_.load(std::memory_order_acquire); }

 private:
  // Views live in blocks that never move: block 0 holds ids [0, 4096),
  // block k > 0 holds ids [2^(11+k), 2^(12+k)), so an id's block is the
  // position of its top bit and its index in the block that bit cleared.
  static constexpr int kFirstBlockBits = 12;
  static constexpr int kBlocks = 32 - kFirstBlockBits + 1;
  static size_t BlockOf(uint32_t v) {
    return static_cast<size_t>(std::bit_width(v >> kFirstBlockBits));
  }
  // The top bit of |v| if it is past block 0, else 0.
  static uint32_t BlockBase(uint32_t v) {
    return std::bit_floor(v) & ~((uint32_t{1} << kFirstBlockBits) - 1);
  }

  // The slot holding |s| (hash |h|), or the empty slot where it would go.
  size_t Probe(std::string_view s, uint64_t h) const;
  void Grow();
  std::string_view Store(std::string_view s);
  void Append(std::string_view s);

  mutable std::mutex mutex_;  // guards all but the written views
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;
  size_t chunk_size_ = 0;
  std::array<std::unique_ptr<std::string_view[]>, kBlocks> views_;
  std::atomic<uint32_t> size_{0};
  // Power-of-two size, at most half full. A slot is 0 when empty, else
  // (hash >> 32) << 32 | (id + 1).
  std::vector<uint64_t> slots_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_STRING_POOL_H_
