#ifndef FTRIAGE_CORE_UNALIGNED_LOAD_H_
#define FTRIAGE_CORE_UNALIGNED_LOAD_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ftriage {

// 8 or 4 bytes from any address, in native byte order: what word-at-a-time
// text scanning and hashing read (memcpy compiles to one load).
inline uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t Load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The |n| bytes at |x| and |y| are equal. From 8 to 32 bytes (names, a
// line's columns) by overlapping words, not a call to memcmp.
inline bool SameBytes(const char* x, const char* y, size_t n) {
  if (n < 8 || n > 32) return std::memcmp(x, y, n) == 0;
  uint64_t d = (Load8(x) ^ Load8(y)) | (Load8(x + n - 8) ^ Load8(y + n - 8));
  if (n > 16) {
    d |=
        (Load8(x + 8) ^ Load8(y + 8)) | (Load8(x + n - 16) ^ Load8(y + n - 16));
  }
  return d == 0;
}

}  // namespace ftriage

#endif  // FTRIAGE_CORE_UNALIGNED_LOAD_H_
