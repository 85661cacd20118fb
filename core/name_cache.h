#ifndef FTRIAGE_CORE_NAME_CACHE_H_
#define FTRIAGE_CORE_NAME_CACHE_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "core/string_pool.h"
#include "core/unaligned_load.h"

namespace ftriage {

// A direct-mapped cache in front of StringPool::Intern for the names a
// reader interns on every line (function names of function_graph): a trace
// repeats a few thousand of them, and a hit costs two word compares instead
// of a hash, a probe and a memcmp.
//
// A name is keyed by its length and two words that hold all of its bytes
// when it has at most 16 (its first and last 8 bytes, or overlapping 4-byte
// halves, or 3 single bytes); longer names also compare their middle. Ids
// are the pool's, so results are the same as Intern()'s.
class NameCache {
 public:
  explicit NameCache(StringPool* pool) : pool_(pool) {}

  StringId Intern(std::string_view s) {
    Key k = KeyOf(s);
    Entry& e = entries_[Slot(k)];
    if (e.key.a == k.a && e.key.b == k.b && e.key.size == k.size &&
        !e.id.is_none() &&
        (s.size() <= 16 ||
         SameBytes(pool_->Get(e.id).data(), s.data(), s.size()))) {
      return e.id;
    }
    e.key = k;
    e.id = pool_->Intern(s);
    return e.id;
  }

 private:
  struct Key {
    uint64_t a = 0;
    uint64_t b = 0;
    uint64_t size = 0;
  };
  struct Entry {
    Key key;
    StringId id = StringId::None();
  };
  static constexpr int kSlotBits = 11;
  static constexpr size_t kSlots = size_t{1} << kSlotBits;

  static Key KeyOf(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    Key k;
    k.size = n;
    if (n >= 8) {
      k.a = Load8(p);
      k.b = Load8(p + n - 8);
    } else if (n >= 4) {
      k.a = Load4(p) | Load4(p + n - 4) << 32;
    } else if (n > 0) {
      k.a = static_cast<unsigned char>(p[0]) |
            static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
            static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    return k;
  }
  static size_t Slot(const Key& k) {
    uint64_t h = (k.a ^ (k.b >> 7) ^ (k.size << 57)) * 0x9e3779b97f4a7c15u;
    return static_cast<size_t>(h >> (64 - kSlotBits));
  }

  StringPool* pool_;
  std::array<Entry, kSlots> entries_;
};

}  // namespace ftriage

#endif  // FTRIAGE_CORE_NAME_CACHE_H_
