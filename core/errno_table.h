#ifndef FTRIAGE_CORE_ERRNO_TABLE_H_
#define FTRIAGE_CORE_ERRNO_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ftriage {

// The Linux errno table (include/uapi/asm-generic/errno-base.h, errno.h and
// the kernel-internal codes 512-531 of include/linux/errno.h), and the rules
// for reading a traced return value as an errno. Not a C library wrapper:
// names and meanings are the kernel's, whatever the host libc says.
struct ErrnoInfo {
  int number;                // positive: 22
  std::string_view name;     // "EINVAL"
  std::string_view meaning;  // "Invalid argument"
};

// Positive errno number -> info; nullopt for numbers without a name.
std::optional<ErrnoInfo> LookupErrno(int number);
// "EINVAL" or "-EINVAL" -> info; nullopt if unknown.
std::optional<ErrnoInfo> LookupErrnoName(std::string_view name);

// "-22 EINVAL" for 22; "-600" for a number without a name. The one spelling
// of an errno in every output.
std::string ErrnoLabel(int number);

// The errno a raw return value stands for, as a positive number, or nullopt.
// Errors are values in -4095..-1 (IS_ERR_VALUE), either as a 64-bit value or
// as a 32-bit int printed unsigned (0xfffff001..0xffffffff, sign-extended).
std::optional<int> ErrnoFromRetval(int64_t value);

// Parses a printed return value: decimal "-22", "0", hex with or without
// "0x" prefix ("0xffffffffffffffea", "0xffffffea", "ffffffe4"). Hex values
// are returned as their 64-bit pattern (0xffffffea stays 4294967274; use
// ErrnoFromRetval to interpret). nullopt if |text| is not a number.
std::optional<int64_t> ParseRetval(std::string_view text);

}  // namespace ftriage

#endif  // FTRIAGE_CORE_ERRNO_TABLE_H_
