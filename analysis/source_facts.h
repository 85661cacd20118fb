#ifndef FTRIAGE_ANALYSIS_SOURCE_FACTS_H_
#define FTRIAGE_ANALYSIS_SOURCE_FACTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/explanation.h"
#include "kernel/config_value.h"
#include "kernel/kernel_config.h"
#include "kernel/source_index.h"

namespace ftriage::analysis {

// One definition of a function in the source and whether one kernel's
// .config builds it: its #if condition and the Kbuild gates of its file.
struct DefinitionFacts {
  const kernel::Definition* def = nullptr;
  std::string path;       // relative to the source root
  std::string condition;  // "" when unconditional
  std::vector<kernel::MakefileGate> gates;
  // Built under the config: kTrue, kFalse, or kUnknown without a config
  // (kTrue when nothing gates it).
  Truth built = Truth::kUnknown;
  // The option that gates it: the one that makes |built| false, else the
  // first the condition or the gates name ("" when none).
  std::string option;
  bool module = false;  // its file is built as a module (=m)
  // "Kbuild: CONFIG_X (mm/Makefile:99)": the innermost gate, "" if none.
  std::string gate_text;

  bool stub() const;  // a static inline body (a header's fallback)
  bool real() const;  // code of its own that ftrace could trace
};

// Every definition of |function| (a name as traced) for |arch| ("" any)
// with its build state under |config| (null: no .config).
std::vector<DefinitionFacts> DescribeDefinitions(
    const kernel::SourceIndex& index, std::string_view function,
    const KernelConfig* config, std::string_view arch);

// Whether a definition in |path| can be in a kernel for |arch|: not in
// another architecture's arch/ directory, nor in a boot decompressor.
// With |arch| unknown, arch/ paths count only when |only_arch| (no
// definition elsewhere).
bool ForArch(std::string_view path, std::string_view arch, bool only_arch);

// Whether |condition| holds under |config|, kUnknown without one.
Truth ConditionHolds(std::string_view condition, const KernelConfig* config);

// "static inline, under !defined(CONFIG_SECURITY)" with its file and line.
Evidence DefinitionEvidence(const DefinitionFacts& d);

// The line of |config| deciding |option|, or its absence from the file.
Evidence ConfigEvidence(const KernelConfig& config, const std::string& path,
                        std::string_view option);

}  // namespace ftriage::analysis

#endif  // FTRIAGE_ANALYSIS_SOURCE_FACTS_H_
