#ifndef FTRIAGE_CORE_DECIMAL_TIME_H_
#define FTRIAGE_CORE_DECIMAL_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ftriage {

inline constexpr int64_t kNsPerUs = 1000;
inline constexpr int64_t kNsPerSec = 1000000000;

// "11.504" in a unit of |unit_ns| nanoseconds -> integer nanoseconds, with
// integer arithmetic only: doubles would make golden files depend on
// rounding. "8312.407170" with kNsPerSec -> 8312407170000. Digits beyond
// nanosecond precision are dropped. nullopt unless |text| is digits with at
// most one '.', or on overflow.
std::optional<int64_t> ParseDecimalNs(std::string_view text, int64_t unit_ns);

// A duration given by a user: "10us", "1.5ms", "500ns", "2s" (a bare number
// is microseconds, the kernel's unit). nullopt if not understood.
std::optional<int64_t> ParseDurationArg(std::string_view text);

// 11504 -> "11.504 us" (the kernel's unit; at most 3 decimals).
std::string FormatDurationUs(int64_t ns);
// The same text written at |out|, which has room for kDurationUsMax bytes;
// returns its end. For loops that print millions.
inline constexpr size_t kDurationUsMax = 32;
char* WriteDurationUs(int64_t ns, char* out);
// 8312407170000 -> "8312.407170" (seconds, 6 decimals, like ftrace).
std::string FormatTimestamp(int64_t ns);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_DECIMAL_TIME_H_
