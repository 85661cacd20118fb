// `ftriage tree FILE...`: the repaired call trees.
#include <cstdlib>
#include <ostream>

#include "analysis/early_filter.h"
#include "analysis/tree_json.h"
#include "cli/command_common.h"
#include "cli/text_tree.h"
#include "core/decimal_time.h"

namespace ftriage::cli {

bool UseColor(const GlobalOptions& g, const Io& io) {
  if (g.color != ColorMode::kAuto) return g.color == ColorMode::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (no_color != nullptr && *no_color != '\0') return false;
  if (term != nullptr && std::string(term) == "dumb") return false;
  return io.out_is_tty;
}

int RunTree(const GlobalOptions& g, const TreeOptions& o, const Io& io) {
  analysis::TreeFilter filter = o.filter;
  if (!o.min_duration.empty()) {
    auto ns = ParseDurationArg(o.min_duration);
    if (!ns) {
      *io.err << "ftriage: --min-duration: cannot read '" << o.min_duration
              << "' (examples: 10us, 1.5ms, 200ns)\n";
      return kExitError;
    }
    filter.min_duration_ns = *ns;
  }
  LoadedTrace t;
  analysis::EarlyFilter early = analysis::EarlyFilter::ForTree(filter);
  if (!LoadOrReport(g, o.files, io, &t, nullptr, &early)) return kExitError;
  analysis::TreeSelection sel = analysis::SelectTrees(t.forest, filter);
  if (g.json) {
    nlohmann::ordered_json j = JsonEnvelope("tree", t);
    j["tasks"] = analysis::TreeToJson(t.forest, sel);
    j["diagnostics"] = DiagnosticsToJson(t);
    *io.out << DumpJson(j);
  } else {
    PrintTextTree(t.forest, sel, UseColor(g, io), *io.out);
  }
  PrintDiagnostics(g, t, io);
  return kExitOk;
}

}  // namespace ftriage::cli
