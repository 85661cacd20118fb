#ifndef FTRIAGE_CLI_OPTIONS_H_
#define FTRIAGE_CLI_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/error_origin.h"
#include "analysis/tree_filter.h"
#include "cli/run_cli.h"
#include "parser/trace_format.h"

namespace ftriage::cli {

enum class ColorMode { kAuto, kAlways, kNever };

// Options every command shares.
struct GlobalOptions {
  ColorMode color = ColorMode::kAuto;
  std::string input_format;  // "" = detect
  bool json = false;
  int verbose = 0;
  size_t max_diagnostics = 5;  // per code on stderr
};

struct ParseOptions {
  std::vector<std::string> files;
  bool events = false;  // JSON Lines, one per event, instead of the summary
};

struct TreeOptions {
  std::vector<std::string> files;
  analysis::TreeFilter filter;
  std::string min_duration;
};

struct ErrorsOptions {
  std::vector<std::string> files;
  analysis::ErrorOptions filter;
  std::string errno_text;  // --errno: "ENOSPC", "-28" or "28"
  bool all = false;        // list every failure instead of folding
};

struct DiffCliOptions {
  std::string good;
  std::string bad;
  std::string root_glob;
  LineNo good_at = 0;
  LineNo bad_at = 0;
  std::vector<std::string> renames;  // OLD=NEW
  std::string rename_file;           // OLD=NEW lines
  std::string noise_file;
  bool keep_noise = false;
  size_t context = 3;                   // common calls shown before the parting
  bool stats = false;                   // also compare per-function totals
  bool side_by_side = false;            // --side-by-side: GOOD | BAD columns
  std::vector<std::string> good_parts;  // more files of the first GOOD run
  std::vector<std::string> bad_parts;   // more files of the first BAD run
  std::vector<std::string> more_good;   // --good: further good runs
  std::vector<std::string> more_bad;    // --bad: further failing runs
};

// True when output to |io| should be colored (NO_COLOR, TERM=dumb, tty).
bool UseColor(const GlobalOptions& g, const Io& io);

int RunParse(const GlobalOptions& g, const ParseOptions& o, const Io& io);
int RunTree(const GlobalOptions& g, const TreeOptions& o, const Io& io);
int RunErrors(const GlobalOptions& g, const ErrorsOptions& o, const Io& io);
int RunDiff(const GlobalOptions& g, const DiffCliOptions& o, const Io& io);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_OPTIONS_H_
