// `ftriage export FILE... --to chrome|folded|dot|json [-o OUT]`: the call
// trees for other tools (Perfetto / chrome://tracing, flame graphs,
// Graphviz, or `tree --json`). The formats are written by
// analysis/export_*; this file only picks the selection, the writer and the
// output file.
#include <fstream>
#include <ostream>

#include "analysis/early_filter.h"
#include "analysis/export_chrome.h"
#include "analysis/export_dot.h"
#include "analysis/export_folded.h"
#include "cli/command_common.h"

namespace ftriage::cli {
namespace {

int Export(const GlobalOptions& g, const ExportOptions& o, const Io& io) {
  if (o.to == ExportFormat::kJson) {  // exactly what `tree --json` writes
    GlobalOptions json = g;
    json.json = true;
    return RunTree(json, {o.files, o.filter, ""}, io);
  }
  LoadedTrace t;
  analysis::EarlyFilter early = analysis::EarlyFilter::ForTree(o.filter);
  if (!LoadOrReport(g, o.files, io, &t, nullptr, &early)) return kExitError;
  analysis::TreeSelection sel = analysis::SelectTrees(t.forest, o.filter);
  if (o.to == ExportFormat::kChrome) {
    analysis::WriteChromeTrace(t.forest, sel, JsonEnvelope("export", t),
                               *io.out);
  } else if (o.to == ExportFormat::kFolded) {
    analysis::WriteFolded(t.forest, sel, o.weight, *io.out);
  } else {
    analysis::WriteCallGraphDot(t.forest, sel, o.max_nodes, *io.out);
  }
  PrintDiagnostics(g, t, io);
  return kExitOk;
}

}  // namespace

int RunExport(const GlobalOptions& g, const ExportOptions& o, const Io& io) {
  if (g.json && o.to != ExportFormat::kJson) {
    *io.err << "ftriage: export: --json only goes with --to json\n";
    return kExitError;
  }
  if (o.output.empty() || o.output == "-") return Export(g, o, io);
  std::ofstream file(o.output, std::ios::binary);
  if (!file) {
    *io.err << "ftriage: " << o.output << ": cannot write\n";
    return kExitError;
  }
  int rc = Export(g, o, {&file, io.err, false});
  file.close();
  if (!file) {
    *io.err << "ftriage: " << o.output << ": write failed\n";
    return kExitError;
  }
  return rc;
}

}  // namespace ftriage::cli
