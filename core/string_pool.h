#ifndef FTRIAGE_CORE_STRING_POOL_H_
#define FTRIAGE_CORE_STRING_POOL_H_

#include <memory>
#include <string_view>
#include <unordered_map>
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
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  StringId Intern(std::string_view s);
  // The id of |s| if it was interned before, else None().
  StringId Find(std::string_view s) const;
  std::string_view Get(StringId id) const { return strings_[id.value]; }
  size_t size() const { return strings_.size(); }

 private:
  std::string_view Store(std::string_view s);

  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_used_ = 0;
  size_t chunk_size_ = 0;
  std::vector<std::string_view> strings_;
  std::unordered_map<std::string_view, StringId> index_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_STRING_POOL_H_
