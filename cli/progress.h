#ifndef FTRIAGE_CLI_PROGRESS_H_
#define FTRIAGE_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <iosfwd>

namespace ftriage::cli {

// One line on a terminal's stderr, redrawn in place at most ten times a
// second (and once more when done reaches the total):
//   [=========>          ]  45%  12345/27000 files  2345/s  ETA 0:06
//   [=========>          ]  45%  450.1 MiB/1000.0 MiB  85.3 MiB/s  ETA 0:06
// and, when the total is unknown (0):  450.1 MiB  85.3 MiB/s
class ProgressBar {
 public:
  enum class Unit { kFiles, kBytes };

  // Draws nothing while both |done| and the total are below |show_from|.
  ProgressBar(std::ostream& err, Unit unit, uint64_t show_from = 0);

  void Update(uint64_t done, uint64_t total);
  // Erases the line, if anything was drawn.
  void Clear();

 private:
  using Clock = std::chrono::steady_clock;

  std::ostream& err_;
  Unit unit_;
  uint64_t show_from_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point drawn_;
  bool shown_ = false;
};

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_PROGRESS_H_
