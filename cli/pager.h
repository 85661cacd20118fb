#ifndef FTRIAGE_CLI_PAGER_H_
#define FTRIAGE_CLI_PAGER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "cli/run_cli.h"

namespace ftriage::cli {

// The shell command to page |lines| lines of output through, or nothing to
// write them directly: only to a terminal, only when they do not fit its
// |rows| (with the prompt), and never when $PAGER (|pager_env|, nullptr
// when unset: "less -R") is empty or "cat".
std::optional<std::string> ChoosePager(bool out_is_tty, size_t lines,
                                       size_t rows, const char* pager_env);

// The terminal's rows: TIOCGWINSZ on stdout, else $LINES, else 24.
size_t ScreenRows();

// Runs |run|; when its output goes to a terminal (and |allowed|: no
// --no-pager), captures that output and pages it as ChoosePager says with
// $PAGER, LESS=FRX unless set. A pager that cannot be started (sh exits
// 126 or 127) leaves the output written directly.
int RunPaged(bool allowed, const Io& io,
             const std::function<int(const Io&)>& run);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_PAGER_H_
