#include "core/string_pool.h"

#include <algorithm>
#include <cstring>

namespace ftriage {
namespace {
constexpr size_t kChunkSize = 64 * 1024;
}  // namespace

StringPool::StringPool() { Intern(""); }

StringId StringPool::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  std::string_view stored = Store(s);
  StringId id{static_cast<uint32_t>(strings_.size())};
  strings_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

StringId StringPool::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? StringId::None() : it->second;
}

std::string_view StringPool::Store(std::string_view s) {
  if (s.empty()) return {};
  if (chunks_.empty() || chunk_used_ + s.size() > chunk_size_) {
    chunk_size_ = std::max(kChunkSize, s.size());
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* dst = chunks_.back().get() + chunk_used_;
  std::memcpy(dst, s.data(), s.size());
  chunk_used_ += s.size();
  return {dst, s.size()};
}

}  // namespace ftriage
