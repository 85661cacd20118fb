#ifndef FTRIAGE_CLI_OPTIONS_H_
#define FTRIAGE_CLI_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "analysis/error_origin.h"
#include "analysis/export_folded.h"
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
  bool no_pager = false;       // --no-pager: never page a terminal's output
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
  bool folded = false;                  // --folded: GOOD/BAD stack counts
  std::vector<std::string> good_parts;  // more files of the first GOOD run
  std::vector<std::string> bad_parts;   // more files of the first BAD run
  std::vector<std::string> more_good;   // --good: further good runs
  std::vector<std::string> more_bad;    // --bad: further failing runs
};

enum class ExportFormat { kChrome, kFolded, kDot, kJson };

struct ExportOptions {
  std::vector<std::string> files;
  ExportFormat to = ExportFormat::kJson;
  std::string output;  // -o; "" or "-": stdout
  analysis::TreeFilter filter;
  analysis::FoldWeight weight = analysis::FoldWeight::kCount;
  size_t max_nodes = 200;  // dot
};

// The kernel context flags `explain` and `report` share.
struct KernelInputOptions {
  std::vector<std::string> bad_kernel;   // dirs or files of BAD's kernel
  std::vector<std::string> good_kernel;  // of GOOD's kernel
  std::vector<std::string> kernel;       // one kernel for both runs
  std::string source_index;              // from `ftriage index`
  std::string source_dir;                // indexed in memory
  std::vector<std::string> expect;
};

struct ReportOptions {
  std::string bad;
  std::string good;          // "": BAD alone
  std::string output = "-";  // -o
  std::string format;        // html|md; "": md if -o ends in .md, else html
  std::string root_glob;
  LineNo good_at = 0;
  LineNo bad_at = 0;
  size_t context = 3;  // Markdown tree diff: common calls before
  bool keep_noise = false;
  KernelInputOptions kernel;              // for the explanations
  std::string version;                    // written into the report
  std::vector<std::string> command_line;  // likewise
};

struct IndexOptions {
  std::string source_dir;
  std::string output;  // -o
  unsigned jobs = 0;   // -j; 0 = one per core
};

struct ExplainCliOptions {
  std::string bad;
  std::string good;  // "" = BAD alone
  KernelInputOptions kernel;
  std::string root_glob;
  LineNo good_at = 0;
  LineNo bad_at = 0;
  bool keep_noise = false;
};

// True when output to |io| should be colored (NO_COLOR, TERM=dumb, tty).
bool UseColor(const GlobalOptions& g, const Io& io);

int RunParse(const GlobalOptions& g, const ParseOptions& o, const Io& io);
int RunTree(const GlobalOptions& g, const TreeOptions& o, const Io& io);
int RunErrors(const GlobalOptions& g, const ErrorsOptions& o, const Io& io);
int RunDiff(const GlobalOptions& g, const DiffCliOptions& o, const Io& io);
int RunExplain(const GlobalOptions& g, const ExplainCliOptions& o,
               const Io& io);
int RunReport(const GlobalOptions& g, const ReportOptions& o, const Io& io);
int RunExport(const GlobalOptions& g, const ExportOptions& o, const Io& io);
int RunIndex(const IndexOptions& o, const Io& io);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_OPTIONS_H_
