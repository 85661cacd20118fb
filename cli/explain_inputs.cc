#include "cli/explain_inputs.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "kernel/source_index_builder.h"
#include "kernel/source_index_file.h"

namespace ftriage::cli {

void AddKernelInputOptions(CLI::App* cmd, KernelInputOptions* o) {
  cmd->add_option("--bad-kernel", o->bad_kernel,
                  "BAD's kernel: a directory (kallsyms, System.map*, "
                  "available_filter_functions, .config, config-*, config.gz) "
                  "or single files; repeatable");
  cmd->add_option("--good-kernel", o->good_kernel,
                  "GOOD's kernel, as --bad-kernel");
  cmd->add_option("--kernel", o->kernel,
                  "Both runs' kernel (same kernel), as --bad-kernel");
  cmd->add_option("--source-index", o->source_index,
                  "Source index written by `ftriage index`");
  cmd->add_option("--source", o->source_dir,
                  "Kernel source tree, indexed in memory (slower than "
                  "--source-index)");
  cmd->add_option("--expect", o->expect,
                  "A function or identifier expected on the path "
                  "(repeatable)");
}

namespace {

bool LoadKernel(const std::vector<std::string>& paths, const char* flag,
                const Io& io, std::optional<KernelContext>* out) {
  if (paths.empty()) return true;
  out->emplace();
  Status s = LoadKernelContext(paths, &**out);
  if (!s.ok()) {
    *io.err << "ftriage: " << flag << ": " << s.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

bool LoadKernelInputs(const KernelInputOptions& o, const Io& io,
                      KernelInputs* out) {
  std::vector<std::string> bad = o.kernel;
  bad.insert(bad.end(), o.bad_kernel.begin(), o.bad_kernel.end());
  std::vector<std::string> good = o.kernel;
  good.insert(good.end(), o.good_kernel.begin(), o.good_kernel.end());
  if (!LoadKernel(bad, "--bad-kernel", io, &out->bad) ||
      !LoadKernel(good, "--good-kernel", io, &out->good)) {
    return false;
  }
  if (!o.source_index.empty() && !o.source_dir.empty()) {
    *io.err << "ftriage: give --source-index or --source, not both\n";
    return false;
  }
  if (o.source_index.empty() && o.source_dir.empty()) return true;
  out->source = std::make_unique<kernel::SourceIndex>();
  Status s;
  if (!o.source_index.empty()) {
    out->source_path = o.source_index;
    s = kernel::LoadSourceIndex(o.source_index, out->source.get());
  } else {
    out->source_path = o.source_dir;
    *io.err << "ftriage: indexing " << o.source_dir
            << " (save it with `ftriage index` to skip this)\n";
    s = kernel::BuildSourceIndex(o.source_dir, 0, {}, out->source.get());
  }
  if (!s.ok()) {
    *io.err << "ftriage: " << s.message() << "\n";
    return false;
  }
  out->graph = std::make_unique<kernel::SourceCallGraph>(*out->source);
  return true;
}

analysis::ExplainRun MakeExplainRun(const LoadedTrace& t,
                                    const std::optional<KernelContext>& k) {
  analysis::ExplainRun run;
  run.forest = &t.forest;
  for (const InputInfo& in : t.inputs) {
    run.paths.push_back(in.path == "-" ? "<stdin>" : in.path);
    run.probes_only |= in.format == parser::TraceFormat::kRetsnoop ||
                       in.format == parser::TraceFormat::kBccTrace;
  }
  run.kernel = k ? &*k : nullptr;
  run.arch = analysis::TraceArch(t.forest);
  return run;
}

}  // namespace ftriage::cli
