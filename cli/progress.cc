#include "cli/progress.h"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>

namespace ftriage::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr uint64_t kBarWidth = 30;

std::string Amount(double n, ProgressBar::Unit unit) {
  char text[32];
  if (unit == ProgressBar::Unit::kFiles) {
    std::snprintf(text, sizeof text, "%.0f", n);
    return text;
  }
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  size_t i = 0;
  for (; n >= 1024 && i + 1 < std::size(kUnits); ++i) n /= 1024;
  std::snprintf(text, sizeof text, i == 0 ? "%.0f %s" : "%.1f %s", n,
                kUnits[i]);
  return text;
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& err, Unit unit, uint64_t show_from)
    : err_(err), unit_(unit), show_from_(show_from) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (std::max(done, total) < show_from_) return;
  const Clock::time_point now = Clock::now();
  if (done != total && now - drawn_ < kRedrawInterval) return;
  drawn_ = now;
  shown_ = true;
  const double seconds =
      std::max(std::chrono::duration<double>(now - start_).count(), 1e-3);
  const double rate = static_cast<double>(done) / seconds;
  const char* suffix = unit_ == Unit::kFiles ? " files" : "";
  std::string line = "\r";
  if (total != 0) {
    const uint64_t shown = std::min(done, total);
    const uint64_t filled = shown * kBarWidth / total;
    const auto eta = static_cast<long>(static_cast<double>(total - shown) /
                                       std::max(rate, 1e-3));
    char tail[48];
    std::snprintf(tail, sizeof tail, "  ETA %ld:%02ld", eta / 60, eta % 60);
    line += "[" + std::string(filled, '=') +
            std::string(kBarWidth - filled, ' ') + "] " +
            std::to_string(shown * 100 / total) + "%  " +
            Amount(static_cast<double>(done), unit_) + "/" +
            Amount(static_cast<double>(total), unit_) + suffix + "  " +
            Amount(rate, unit_) + "/s" + tail;
  } else {
    line += Amount(static_cast<double>(done), unit_) + suffix + "  " +
            Amount(rate, unit_) + "/s";
  }
  err_ << line << "\033[K" << std::flush;
}

void ProgressBar::Clear() {
  if (shown_) err_ << "\r\033[K" << std::flush;
}

}  // namespace ftriage::cli
