#ifndef FTRIAGE_KERNEL_KERNEL_CONTEXT_H_
#define FTRIAGE_KERNEL_KERNEL_CONTEXT_H_

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "kernel/filter_functions.h"
#include "kernel/kallsyms.h"
#include "kernel/kernel_config.h"

namespace ftriage {

// A listing and the file it was read from.
template <typename T>
struct Loaded {
  T data;
  std::string path;
};

// The kernel release and the line that gives it, for evidence.
struct KernelRelease {
  std::string release;  // "6.1.0-56-amd64" (banner) or "6.1.192" (config)
  std::string path;
  LineNo line = 0;
};

// A file in a given directory that was not used, and why.
struct IgnoredFile {
  std::string path;
  std::string reason;
};

// Everything known about one kernel for `ftriage explain`: any subset of its
// symbols (kallsyms or System.map), its traceable functions
// (available_filter_functions) and its .config, each with its path, and its
// release. It holds no trace data and answers no questions itself: callers
// query the listings.
struct KernelContext {
  std::optional<Loaded<Kallsyms>> kallsyms;
  std::optional<Loaded<FilterFunctions>> filter_functions;
  std::optional<Loaded<KernelConfig>> config;
  // From a console log's "Linux version" banner, else from the config's
  // header comment; nullopt when neither is given.
  std::optional<KernelRelease> release;
  std::vector<IgnoredFile> ignored;
};

// Loads one kernel's context from |paths|, plain, gzip or zstd:
// - a directory: its files recognized by name (KindFromName; subdirectories
//   are not entered). Of several files of one kind the better-ranked one is
//   used (kallsyms over System.map, available_filter_functions over its
//   _addrs variant), the others are listed in |ignored| like files of no
//   known name; several of the same rank (two configs) are an error.
// - a file: recognized by its first non-blank lines (KindFromLine), whatever
//   its name. A file given this way wins over a directory's of the same kind.
// A file name containing "excerpt" loads as an excerpt (Coverage::kExcerpt).
// Errors, each naming the file: a path that cannot be read, a file not
// recognized, a listing of which no line (or fewer than half the lines)
// reads in its format, two files given for one kind. On error |out| is
// partly filled and must not be used.
Status LoadKernelContext(const std::vector<std::string>& paths,
                         KernelContext* out);

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_CONTEXT_H_
