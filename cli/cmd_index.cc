// `ftriage index SRC_DIR -o FILE [-j N]`: indexes a Linux source tree
// (kernel/source_index_builder.h) into the file `ftriage explain` reads
// (kernel/source_index_file.h).
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <string>

#include "cli/options.h"
#include "cli/progress.h"
#include "kernel/source_index_builder.h"
#include "kernel/source_index_file.h"

namespace ftriage::cli {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int RunIndex(const IndexOptions& o, const Io& io) {
  const Clock::time_point start = Clock::now();
  std::optional<ProgressBar> bar;
  kernel::IndexProgress progress;
  if (io.err_is_tty) {
    bar.emplace(*io.err, ProgressBar::Unit::kFiles);
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
