#include "kernel/kernel_release.h"

namespace ftriage {
namespace {

// The text from the start of |s| up to the first blank.
std::string_view FirstWord(std::string_view s) {
  return s.substr(0, s.find_first_of(" \t"));
}

}  // namespace

std::optional<std::string_view> ReleaseFromBannerLine(std::string_view line) {
  constexpr std::string_view kBanner = "Linux version ";
  const size_t at = line.find(kBanner);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view release = FirstWord(line.substr(at + kBanner.size()));
  if (release.empty()) return std::nullopt;
  return release;
}

std::optional<std::string_view> ReleaseFromConfigHeader(std::string_view line) {
  constexpr std::string_view kPrefix = "# Linux/";
  constexpr std::string_view kSuffix = " Kernel Configuration";
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (!line.starts_with(kPrefix) || !line.ends_with(kSuffix)) {
    return std::nullopt;
  }
  // "x86 6.1.192": the architecture, then the version.
  std::string_view middle = line.substr(
      kPrefix.size(), line.size() - kPrefix.size() - kSuffix.size());
  const size_t space = middle.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view release = FirstWord(middle.substr(space + 1));
  if (release.empty()) return std::nullopt;
  return release;
}

}  // namespace ftriage
