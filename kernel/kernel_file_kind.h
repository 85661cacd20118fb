#ifndef FTRIAGE_KERNEL_KERNEL_FILE_KIND_H_
#define FTRIAGE_KERNEL_KERNEL_FILE_KIND_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "kernel/kernel_listing.h"

namespace ftriage {

// What a file of a kernel context holds. kDmesg is a console log, read only
// for the "Linux version" banner.
enum class KernelFileKind : uint8_t {
  kUnknown,
  kKallsyms,
  kFilterFunctions,
  kConfig,
  kDmesg
};

// "kallsyms", "available_filter_functions", "config", "dmesg"; "unknown".
std::string_view KernelFileKindName(KernelFileKind kind);

// A file name's kind and how much it is preferred when a directory holds
// several files of one kind (lower is preferred).
struct NamedKind {
  KernelFileKind kind = KernelFileKind::kUnknown;
  int rank = 0;
};

// Recognizes the base name of a file in a kernel context directory, after
// dropping a ".gz" or ".zst" extension:
//   kallsyms, kallsyms-*, kallsyms.*            kKallsyms, rank 0
//   System.map, System.map-*                    kKallsyms, rank 1
//   available_filter_functions                  kFilterFunctions, rank 0
//   available_filter_functions_addrs            kFilterFunctions, rank 1
//   .config, config, config-*                   kConfig, rank 0
//   dmesg, dmesg.txt, dmesg.log                 kDmesg, rank 0
// kUnknown for anything else. Does not look at the content.
NamedKind KindFromName(std::string_view file_name);

// Recognizes a file from one of its first lines:
//   "CONFIG_...", "# CONFIG_... is not set", "# Automatically generated...",
//   "# Linux/ARCH VERSION Kernel Configuration"        kConfig
//   "ADDR TYPE NAME [MODULE]"                          kKallsyms
//   "NAME", "NAME [MODULE]", "ADDR NAME [MODULE]"      kFilterFunctions
//   "...Linux version ...", "[   12.345678] ..."       kDmesg
// nullopt for a line that tells nothing (blank, other '#' comments): look at
// the next one. kUnknown for a line no kind has.
std::optional<KernelFileKind> KindFromLine(std::string_view line);

// kExcerpt when the file name (last path component) contains "excerpt",
// as a few lines pasted into a bug report are named; kComplete otherwise.
Coverage CoverageFromPath(std::string_view path);

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_FILE_KIND_H_
