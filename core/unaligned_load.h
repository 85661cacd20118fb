#ifndef FTRIAGE_CORE_UNALIGNED_LOAD_H_
#define FTRIAGE_CORE_UNALIGNED_LOAD_H_

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

}  // namespace ftriage

#endif  // FTRIAGE_CORE_UNALIGNED_LOAD_H_
