#ifndef FTRIAGE_CORE_STRING_POOL_H_
#define FTRIAGE_CORE_STRING_POOL_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace ftriage {

// Interns strings and hands out compact StringIds. Every function and task
// name that outlives the line it was read from goes through here, so the
// model stores 4 bytes per name and equal names compare as equal ids. Views
// returned by Get() stay valid for the pool's lifetime (storage is chunked
// and never moves). Not thread-safe.
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
  std::string_view Get(StringId id) const { return strings_[id.value]; }
  size_t size() const { return strings_.size(); }

 private:
  // The slot holding |s| (hash |h|), or the empty slot where it would go.
  size_t Probe(std::string_view s, uint64_t h) const;
  void Grow();
  std::string_view Store(std::string_view s);

  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;
  size_t chunk_size_ = 0;
  std::vector<std::string_view> strings_;
  // Power-of-two size, at most half full. A slot is 0 when empty, else
  // (hash >> 32) << 32 | (id + 1).
  std::vector<uint64_t> slots_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_STRING_POOL_H_
