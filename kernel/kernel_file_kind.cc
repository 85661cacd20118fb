#include "kernel/kernel_file_kind.h"

#include "kernel/kernel_read_lines.h"
#include "kernel/kernel_release.h"
#include "kernel/kernel_symbol_line.h"

namespace ftriage {
namespace {

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view DropCompression(std::string_view name) {
  for (std::string_view ext : {".gz", ".zst"}) {
    if (name.ends_with(ext) && name.size() > ext.size()) {
      return name.substr(0, name.size() - ext.size());
    }
  }
  return name;
}

// |name| is |stem| or |stem| followed by one of |separators| and more.
bool IsStemmed(std::string_view name, std::string_view stem,
               std::string_view separators) {
  if (!name.starts_with(stem)) return false;
  if (name.size() == stem.size()) return true;
  return name.size() > stem.size() + 1 &&
         separators.find(name[stem.size()]) != std::string_view::npos;
}

// "[    0.000000] ..." or "[12345.678901] ...": a printk timestamp.
bool HasPrintkTimestamp(std::string_view line) {
  if (!line.starts_with('[')) return false;
  size_t i = 1;
  while (i < line.size() && line[i] == ' ') ++i;
  const size_t digits = i;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == digits || i >= line.size() || line[i] != '.') return false;
  const size_t fraction = ++i;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  return i > fraction && i < line.size() && line[i] == ']';
}

}  // namespace

std::string_view KernelFileKindName(KernelFileKind kind) {
  switch (kind) {
    case KernelFileKind::kKallsyms:
      return "kallsyms";
    case KernelFileKind::kFilterFunctions:
      return "available_filter_functions";
    case KernelFileKind::kConfig:
      return "config";
    case KernelFileKind::kDmesg:
      return "dmesg";
    case KernelFileKind::kUnknown:
      break;
  }
  return "unknown";
}

NamedKind KindFromName(std::string_view file_name) {
  const std::string_view name = DropCompression(BaseName(file_name));
  if (IsStemmed(name, "kallsyms", "-.")) return {KernelFileKind::kKallsyms, 0};
  if (IsStemmed(name, "System.map", "-")) {
    return {KernelFileKind::kKallsyms, 1};
  }
  if (name == "available_filter_functions") {
    return {KernelFileKind::kFilterFunctions, 0};
  }
  if (name == "available_filter_functions_addrs") {
    return {KernelFileKind::kFilterFunctions, 1};
  }
  if (name == ".config" || IsStemmed(name, "config", "-")) {
    return {KernelFileKind::kConfig, 0};
  }
  if (name == "dmesg" || name == "dmesg.txt" || name == "dmesg.log") {
    return {KernelFileKind::kDmesg, 0};
  }
  return {};
}

std::optional<KernelFileKind> KindFromLine(std::string_view line) {
  if (IsBlankLine(line)) return std::nullopt;
  if (line.starts_with("CONFIG_") || line.starts_with("# CONFIG_") ||
      line.starts_with("# Automatically generated") ||
      ReleaseFromConfigHeader(line)) {
    return KernelFileKind::kConfig;
  }
  if (line.starts_with('#')) return std::nullopt;
  if (ParseKallsymsLine(line)) return KernelFileKind::kKallsyms;
  if (ParseFilterFunctionLine(line)) return KernelFileKind::kFilterFunctions;
  if (ReleaseFromBannerLine(line) || HasPrintkTimestamp(line)) {
    return KernelFileKind::kDmesg;
  }
  return KernelFileKind::kUnknown;
}

Coverage CoverageFromPath(std::string_view path) {
  return BaseName(path).find("excerpt") == std::string_view::npos
             ? Coverage::kComplete
             : Coverage::kExcerpt;
}

}  // namespace ftriage
