#include "cli/pager.h"

#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string_view>

namespace ftriage::cli {
namespace {

constexpr size_t kDefaultRows = 24;

// Writes |text| to `sh -c COMMAND`'s stdin and waits for it. False when the
// command could not be run, so that nothing was shown.
bool PipeToPager(const std::string& command, std::string_view text) {
  setenv("LESS", "FRX", 0);  // as git: quit if one screen, keep colors
  std::FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) return false;
  // Quitting the pager early closes the pipe: an EPIPE to ignore, not a
  // SIGPIPE to die of. Set after popen: the pager keeps the default.
  struct sigaction ignore = {};
  struct sigaction old = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  std::fwrite(text.data(), 1, text.size(), pipe);
  const int status = pclose(pipe);
  sigaction(SIGPIPE, &old, nullptr);
  return !(WIFEXITED(status) &&
           (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127));
}

}  // namespace

std::optional<std::string> ChoosePager(bool out_is_tty, size_t lines,
                                       size_t rows, const char* pager_env) {
  if (!out_is_tty || lines < rows) return std::nullopt;
  std::string pager = pager_env != nullptr ? pager_env : "less -R";
  if (pager.empty() || pager == "cat") return std::nullopt;
  return pager;
}

size_t ScreenRows() {
  winsize size = {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) {
    return size.ws_row;
  }
  if (const char* env = std::getenv("LINES")) {
    char* end = nullptr;
    const long rows = std::strtol(env, &end, 10);
    if (*env != '\0' && *end == '\0' && rows > 0) {
      return static_cast<size_t>(rows);
    }
  }
  return kDefaultRows;
}

int RunPaged(bool allowed, const Io& io,
             const std::function<int(const Io&)>& run) {
  if (!allowed || !io.out_is_tty) return run(io);  // no capture: streamed
  std::ostringstream captured;
  Io to_capture = io;
  to_capture.out = &captured;
  const int rc = run(to_capture);
  const std::string text = std::move(captured).str();
  const auto lines = static_cast<size_t>(std::ranges::count(text, '\n'));
  const std::optional<std::string> pager =
      ChoosePager(io.out_is_tty, lines, ScreenRows(), std::getenv("PAGER"));
  io.out->flush();  // whatever came before stays before
  if (!pager || !PipeToPager(*pager, text)) *io.out << text;
  return rc;
}

}  // namespace ftriage::cli
