#include "core/errno_table.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <iterator>
#include <system_error>

namespace ftriage {
namespace {

// Sorted by number so that LookupErrno can binary-search. The meanings of
// 1..133 are the glibc strerror() texts users recognize; the kernel-internal
// codes have no libc text, so theirs follow the comments in
// include/linux/errno.h. 41 and 58 are unassigned in asm-generic, 520 in
// include/linux/errno.h.
constexpr auto kErrnos = std::to_array<ErrnoInfo>({
    {1, "EPERM", "Operation not permitted"},
    {2, "ENOENT", "No such file or directory"},
    {3, "ESRCH", "No such process"},
    {4, "EINTR", "Interrupted system call"},
    {5, "EIO", "Input/output error"},
    {6, "ENXIO", "No such device or address"},
    {7, "E2BIG", "Argument list too long"},
    {8, "ENOEXEC", "Exec format error"},
    {9, "EBADF", "Bad file descriptor"},
    {10, "ECHILD", "No child processes"},
    {11, "EAGAIN", "Resource temporarily unavailable"},
    {12, "ENOMEM", "Cannot allocate memory"},
    {13, "EACCES", "Permission denied"},
    {14, "EFAULT", "Bad address"},
    {15, "ENOTBLK", "Block device required"},
    {16, "EBUSY", "Device or resource busy"},
    {17, "EEXIST", "File exists"},
    {18, "EXDEV", "Invalid cross-device link"},
    {19, "ENODEV", "No such device"},
    {20, "ENOTDIR", "Not a directory"},
    {21, "EISDIR", "Is a directory"},
    {22, "EINVAL", "Invalid argument"},
    {23, "ENFILE", "Too many open files in system"},
    {24, "EMFILE", "Too many open files"},
    {25, "ENOTTY", "Inappropriate ioctl for device"},
    {26, "ETXTBSY", "Text file busy"},
    {27, "EFBIG", "File too large"},
    {28, "ENOSPC", "No space left on device"},
    {29, "ESPIPE", "Illegal seek"},
    {30, "EROFS", "Read-only file system"},
    {31, "EMLINK", "Too many links"},
    {32, "EPIPE", "Broken pipe"},
    {33, "EDOM", "Numerical argument out of domain"},
    {34, "ERANGE", "Numerical result out of range"},
    {35, "EDEADLK", "Resource deadlock avoided"},
    {36, "ENAMETOOLONG", "File name too long"},
    {37, "ENOLCK", "No locks available"},
    {38, "ENOSYS", "Function not implemented"},
    {39, "ENOTEMPTY", "Directory not empty"},
    {40, "ELOOP", "Too many levels of symbolic links"},
    {42, "ENOMSG", "No message of desired type"},
    {43, "EIDRM", "Identifier removed"},
    {44, "ECHRNG", "Channel number out of range"},
    {45, "EL2NSYNC", "Level 2 not synchronized"},
    {46, "EL3HLT", "Level 3 halted"},
    {47, "EL3RST", "Level 3 reset"},
    {48, "ELNRNG", "Link number out of range"},
    {49, "EUNATCH", "Protocol driver not attached"},
    {50, "ENOCSI", "No CSI structure available"},
    {51, "EL2HLT", "Level 2 halted"},
    {52, "EBADE", "Invalid exchange"},
    {53, "EBADR", "Invalid request descriptor"},
    {54, "EXFULL", "Exchange full"},
    {55, "ENOANO", "No anode"},
    {56, "EBADRQC", "Invalid request code"},
    {57, "EBADSLT", "Invalid slot"},
    {59, "EBFONT", "Bad font file format"},
    {60, "ENOSTR", "Device not a stream"},
    {61, "ENODATA", "No data available"},
    {62, "ETIME", "Timer expired"},
    {63, "ENOSR", "Out of streams resources"},
    {64, "ENONET", "Machine is not on the network"},
    {65, "ENOPKG", "Package not installed"},
    {66, "EREMOTE", "Object is remote"},
    {67, "ENOLINK", "Link has been severed"},
    {68, "EADV", "Advertise error"},
    {69, "ESRMNT", "Srmount error"},
    {70, "ECOMM", "Communication error on send"},
    {71, "EPROTO", "Protocol error"},
    {72, "EMULTIHOP", "Multihop attempted"},
    {73, "EDOTDOT", "RFS specific error"},
    {74, "EBADMSG", "Bad message"},
    {75, "EOVERFLOW", "Value too large for defined data type"},
    {76, "ENOTUNIQ", "Name not unique on network"},
    {77, "EBADFD", "File descriptor in bad state"},
    {78, "EREMCHG", "Remote address changed"},
    {79, "ELIBACC", "Can not access a needed shared library"},
    {80, "ELIBBAD", "Accessing a corrupted shared library"},
    {81, "ELIBSCN", ".lib section in a.out corrupted"},
    {82, "ELIBMAX", "Attempting to link in too many shared libraries"},
    {83, "ELIBEXEC", "Cannot exec a shared library directly"},
    {84, "EILSEQ", "Invalid or incomplete multibyte or wide character"},
    {85, "ERESTART", "Interrupted system call should be restarted"},
    {86, "ESTRPIPE", "Streams pipe error"},
    {87, "EUSERS", "Too many users"},
    {88, "ENOTSOCK", "Socket operation on non-socket"},
    {89, "EDESTADDRREQ", "Destination address required"},
    {90, "EMSGSIZE", "Message too long"},
    {91, "EPROTOTYPE", "Protocol wrong type for socket"},
    {92, "ENOPROTOOPT", "Protocol not available"},
    {93, "EPROTONOSUPPORT", "Protocol not supported"},
    {94, "ESOCKTNOSUPPORT", "Socket type not supported"},
    {95, "EOPNOTSUPP", "Operation not supported"},
    {96, "EPFNOSUPPORT", "Protocol family not supported"},
    {97, "EAFNOSUPPORT", "Address family not supported by protocol"},
    {98, "EADDRINUSE", "Address already in use"},
    {99, "EADDRNOTAVAIL", "Cannot assign requested address"},
    {100, "ENETDOWN", "Network is down"},
    {101, "ENETUNREACH", "Network is unreachable"},
    {102, "ENETRESET", "Network dropped connection on reset"},
    {103, "ECONNABORTED", "Software caused connection abort"},
    {104, "ECONNRESET", "Connection reset by peer"},
    {105, "ENOBUFS", "No buffer space available"},
    {106, "EISCONN", "Transport endpoint is already connected"},
    {107, "ENOTCONN", "Transport endpoint is not connected"},
    {108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown"},
    {109, "ETOOMANYREFS", "Too many references: cannot splice"},
    {110, "ETIMEDOUT", "Connection timed out"},
    {111, "ECONNREFUSED", "Connection refused"},
    {112, "EHOSTDOWN", "Host is down"},
    {113, "EHOSTUNREACH", "No route to host"},
    {114, "EALREADY", "Operation already in progress"},
    {115, "EINPROGRESS", "Operation now in progress"},
    {116, "ESTALE", "Stale file handle"},
    {117, "EUCLEAN", "Structure needs cleaning"},
    {118, "ENOTNAM", "Not a XENIX named type file"},
    {119, "ENAVAIL", "No XENIX semaphores available"},
    {120, "EISNAM", "Is a named type file"},
    {121, "EREMOTEIO", "Remote I/O error"},
    {122, "EDQUOT", "Disk quota exceeded"},
    {123, "ENOMEDIUM", "No medium found"},
    {124, "EMEDIUMTYPE", "Wrong medium type"},
    {125, "ECANCELED", "Operation canceled"},
    {126, "ENOKEY", "Required key not available"},
    {127, "EKEYEXPIRED", "Key has expired"},
    {128, "EKEYREVOKED", "Key has been revoked"},
    {129, "EKEYREJECTED", "Key was rejected by service"},
    {130, "EOWNERDEAD", "Owner died"},
    {131, "ENOTRECOVERABLE", "State not recoverable"},
    {132, "ERFKILL", "Operation not possible due to RF-kill"},
    {133, "EHWPOISON", "Memory page has hardware error"},
    // Kernel-internal codes: never reach user space, but tracers see them
    // as return values inside the kernel (retsnoop names them too).
    {512, "ERESTARTSYS",
     "Interrupted by a signal; restart if SA_RESTART or no handler"},
    {513, "ERESTARTNOINTR", "Interrupted by a signal; always restart"},
    {514, "ERESTARTNOHAND", "Interrupted by a signal; restart if no handler"},
    {515, "ENOIOCTLCMD", "No ioctl command"},
    {516, "ERESTART_RESTARTBLOCK",
     "Interrupted by a signal; restart via restart_syscall"},
    {517, "EPROBE_DEFER", "Driver requests probe retry"},
    {518, "EOPENSTALE", "Open found a stale dentry"},
    {519, "ENOPARAM", "Parameter not supported"},
    {521, "EBADHANDLE", "Illegal NFS file handle"},
    {522, "ENOTSYNC", "Update synchronization mismatch"},
    {523, "EBADCOOKIE", "Cookie is stale"},
    {524, "ENOTSUPP", "Operation is not supported"},
    {525, "ETOOSMALL", "Buffer or request is too small"},
    {526, "ESERVERFAULT", "An untranslatable error occurred"},
    {527, "EBADTYPE", "Type not supported by server"},
    {528, "EJUKEBOX",
     "Request initiated, but will not complete before timeout"},
    {529, "EIOCBQUEUED", "iocb queued, will get completion event"},
    {530, "ERECALLCONFLICT", "Conflict with recalled state"},
    {531, "ENOGRACE", "NFS file lock reclaim refused"},
});

static_assert(std::ranges::adjacent_find(kErrnos, std::ranges::greater_equal(),
                                         &ErrnoInfo::number) == kErrnos.end(),
              "kErrnos must be strictly ascending by number");

struct NameEntry {
  std::string_view name;
  int number;
};

// Second spellings asm-generic/errno.h #defines to another code. The table
// keeps one entry per number so that LookupErrno reports the canonical name.
constexpr NameEntry kAliases[] = {
    {"EWOULDBLOCK", 11},  // EAGAIN
    {"EDEADLOCK", 35},    // EDEADLK
};

// All names and aliases sorted by name, built at compile time so that name
// lookups are a binary search without any allocation.
constexpr auto kByName = [] {
  std::array<NameEntry, kErrnos.size() + std::size(kAliases)> index{};
  auto out = index.begin();
  for (const ErrnoInfo& info : kErrnos) *out++ = {info.name, info.number};
  for (const NameEntry& alias : kAliases) *out++ = alias;
  std::ranges::sort(index, {}, &NameEntry::name);
  return index;
}();

static_assert(std::ranges::adjacent_find(kByName, {}, &NameEntry::name) ==
                  kByName.end(),
              "errno names must be unique");

// IS_ERR_VALUE(): the last 4095 values of the address space are errors.
constexpr int64_t kMaxErrno = 4095;
// The same range as a 32-bit int printed unsigned: 0xfffff001..0xffffffff.
constexpr int64_t kTwoTo32 = int64_t{1} << 32;

// Parses all of |text| in |base|; nullopt on any stray character, on empty
// input and on overflow.
template <typename T>
std::optional<T> FromChars(std::string_view text, int base) {
  T value{};
  const char* const end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// Unsigned printouts keep their 64-bit pattern: callers decide what
// 0xffffffffffffffea means (ErrnoFromRetval), not the parser.
std::optional<int64_t> AsBitPattern(std::optional<uint64_t> value) {
  if (!value) return std::nullopt;
  return static_cast<int64_t>(*value);
}

bool IsDecimalDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<ErrnoInfo> LookupErrno(int number) {
  const auto it =
      std::ranges::lower_bound(kErrnos, number, {}, &ErrnoInfo::number);
  if (it == kErrnos.end() || it->number != number) return std::nullopt;
  return *it;
}

std::optional<ErrnoInfo> LookupErrnoName(std::string_view name) {
  // retsnoop prints errors as "-EINVAL"; accept both spellings.
  if (name.starts_with('-')) name.remove_prefix(1);
  const auto it = std::ranges::lower_bound(kByName, name, {}, &NameEntry::name);
  if (it == kByName.end() || it->name != name) return std::nullopt;
  return LookupErrno(it->number);
}

std::optional<int> ErrnoFromRetval(int64_t value) {
  if (value >= -kMaxErrno && value <= -1) return static_cast<int>(-value);
  // An int return shows up zero-extended in retval-hex mode, on syscall
  // events of 32-bit tasks and in bcc output; the kernel's own decimal
  // printer sign-extends such values, and so do we.
  if (value >= kTwoTo32 - kMaxErrno && value < kTwoTo32) {
    return static_cast<int>(kTwoTo32 - value);
  }
  return std::nullopt;
}

std::optional<int64_t> ParseRetval(std::string_view text) {
  // Only the kernel's signed decimal format has a sign.
  if (text.starts_with('-')) return FromChars<int64_t>(text, 10);
  if (text.starts_with("0x") || text.starts_with("0X")) {
    return AsBitPattern(FromChars<uint64_t>(text.substr(2), 16));
  }
  // bcc prints hex without a prefix ("ffffffe4"), so digits-only text is
  // decimal and anything else that is all hex digits is hex.
  if (std::ranges::all_of(text, IsDecimalDigit)) {
    return AsBitPattern(FromChars<uint64_t>(text, 10));
  }
  return AsBitPattern(FromChars<uint64_t>(text, 16));
}

std::string ErrnoLabel(int number) {
  std::string s = "-" + std::to_string(number);
  if (auto info = LookupErrno(number)) {
    s += ' ';
    s += info->name;
  }
  return s;
}

}  // namespace ftriage
