// `ftriage index SRC_DIR -o FILE [-j N]`: indexes a Linux source tree
// (kernel/source_index_builder.h) into the file `ftriage explain` reads
// (kernel/source_index_file.h).
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <string>

#include "cli/options.h"
#include "kernel/source_index_builder.h"
#include "kernel/source_index_file.h"

namespace ftriage::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr size_t kBarWidth = 30;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Io says nothing about stderr, so the process's stderr is asked when it
// is the stream written to (in-process tests pass their own).
bool ErrIsTty(const Io& io) {
  return io.err == &std::cerr && isatty(STDERR_FILENO) == 1;
}

// "[=========>        ]  12345/60123 files  2345/s  ETA 0:21", redrawn in
// place at most every kRedrawInterval.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err) {}

  void Update(size_t done, size_t total) {
    const Clock::time_point now = Clock::now();
    if (done != total && now - drawn_ < kRedrawInterval) return;
    drawn_ = now;
    const double rate = done / std::max(SecondsSince(start_), 1e-3);
    const auto eta = static_cast<long>((total - done) / std::max(rate, 1e-3));
    const size_t filled = total == 0 ? kBarWidth : done * kBarWidth / total;
    err_ << "\r[" << std::string(filled, '=')
         << std::string(kBarWidth - filled, ' ') << "] " << done << "/" << total
         << " files  " << static_cast<long>(rate) << "/s  ETA " << eta / 60
         << ":" << std::setw(2) << std::setfill('0') << eta % 60
         << std::setfill(' ') << std::flush;
  }

  void Clear() { err_ << "\r\033[K" << std::flush; }

 private:
  std::ostream& err_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point drawn_;
};

}  // namespace

int RunIndex(const IndexOptions& o, const Io& io) {
  const Clock::time_point start = Clock::now();
  std::optional<ProgressBar> bar;
  kernel::IndexProgress progress;
  if (ErrIsTty(io)) {
    bar.emplace(*io.err);
    progress = [&](size_t done, size_t total) { bar->Update(done, total); };
  }
  kernel::SourceIndex index;
  Status s = kernel::BuildSourceIndex(o.source_dir, o.jobs, progress, &index);
  if (bar) bar->Clear();
  if (s.ok()) s = kernel::SaveSourceIndex(index, o.output);
  if (!s.ok()) {
    *io.err << "ftriage: " << s.message() << "\n";
    return kExitError;
  }
  std::error_code ec;
  const uintmax_t bytes = std::filesystem::file_size(o.output, ec);
  *io.out << "indexed " << index.file_count()
          << " files: " << index.definition_count() << " functions, "
          << index.call_count() << " calls, " << index.reference_count()
          << " references in " << std::fixed << std::setprecision(1)
          << SecondsSince(start) << " s; wrote " << o.output << " ("
          << (ec ? 0 : bytes) << " bytes)\n";
  return kExitOk;
}

}  // namespace ftriage::cli
