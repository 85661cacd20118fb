#include "core/string_pool.h"

#include <algorithm>
#include <cstring>

#include "core/unaligned_load.h"

namespace ftriage {
namespace {

constexpr size_t kChunkSize = 64 * 1024;
constexpr size_t kInitialSlots = 1024;

__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang builtin

// 64x64 -> 128-bit multiply, folded: the mixing step of wyhash-like hashes.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  Uint128 m = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
}

inline uint64_t Tag(uint64_t h) { return h & 0xffffffff00000000u; }

}  // namespace

// Eight bytes at a time; the last 1-7 bytes with overlapping loads, so no
// byte loop and no read past the string.
uint64_t StringPool::Hash(std::string_view s) {
  constexpr uint64_t kSeed = 0x9e3779b97f4a7c15;
  constexpr uint64_t kMul = 0xbf58476d1ce4e5b9;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = Mix(kSeed ^ n, kMul);
  for (; n >= 8; n -= 8, p += 8) h = Mix(h ^ Load8(p), kMul);
  uint64_t tail = 0;
  if (n >= 4) {
    tail = Load4(p) | Load4(p + n - 4) << 32;
  } else if (n > 0) {
    tail = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
           static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
           static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
  }
  return Mix(h ^ tail, kSeed);
}

StringPool::StringPool() : slots_(kInitialSlots) { Intern(""); }

size_t StringPool::Probe(std::string_view s, uint64_t h) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if (Tag(slot) == Tag(h) && strings_[(slot & 0xffffffffu) - 1] == s) {
      return i;
    }
  }
}

StringId StringPool::Intern(std::string_view s, uint64_t h) {
  size_t i = Probe(s, h);
  if (slots_[i] != 0) {
    return StringId{static_cast<uint32_t>((slots_[i] & 0xffffffffu) - 1)};
  }
  StringId id{static_cast<uint32_t>(strings_.size())};
  strings_.push_back(Store(s));
  slots_[i] = Tag(h) | (uint64_t{id.value} + 1);
  if (strings_.size() * 2 > slots_.size()) Grow();
  return id;
}

StringId StringPool::Find(std::string_view s) const {
  size_t i = Probe(s, Hash(s));
  if (slots_[i] == 0) return StringId::None();
  return StringId{static_cast<uint32_t>((slots_[i] & 0xffffffffu) - 1)};
}

void StringPool::Grow() {
  std::vector<uint64_t> old(slots_.size() * 2);
  old.swap(slots_);
  size_t mask = slots_.size() - 1;
  for (uint64_t slot : old) {
    if (slot == 0) continue;
    uint64_t h = Hash(strings_[(slot & 0xffffffffu) - 1]);
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
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
