#ifndef FTRIAGE_CLI_EXPLAIN_INPUTS_H_
#define FTRIAGE_CLI_EXPLAIN_INPUTS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/explain.h"
#include "cli/load_trace.h"
#include "cli/options.h"
#include "cli/run_cli.h"
#include "kernel/kernel_context.h"
#include "kernel/source_call_graph.h"
#include "kernel/source_index.h"

namespace CLI {
class App;
}

namespace ftriage::cli {

void AddKernelInputOptions(CLI::App* cmd, KernelInputOptions* o);

// What the flags name, loaded.
struct KernelInputs {
  std::optional<KernelContext> bad;
  std::optional<KernelContext> good;
  std::unique_ptr<kernel::SourceIndex> source;
  std::unique_ptr<kernel::SourceCallGraph> graph;
  std::string source_path;  // the index file or source directory
};

// Loads every input |o| names; prints "ftriage: ..." naming the file and
// returns false on the first that cannot be read or recognized.
bool LoadKernelInputs(const KernelInputOptions& o, const Io& io,
                      KernelInputs* out);

// One loaded run as `explain` sees it.
analysis::ExplainRun MakeExplainRun(const LoadedTrace& t,
                                    const std::optional<KernelContext>& k);

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_EXPLAIN_INPUTS_H_
