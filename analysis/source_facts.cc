#include "analysis/source_facts.h"

#include <algorithm>

#include "kernel/config_condition.h"

namespace ftriage::analysis {
namespace {

Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kTrue;
}

Truth GateHolds(const kernel::MakefileGate& gate, std::string_view option,
                const KernelConfig* config, bool* module) {
  if (config == nullptr) return Truth::kUnknown;
  ConfigState s = config->State(option);
  if (s == ConfigState::kUnknown) return Truth::kUnknown;
  bool on = s != ConfigState::kUnset;
  if (s == ConfigState::kModule && !gate.negated) *module = true;
  return on != gate.negated ? Truth::kTrue : Truth::kFalse;
}

std::string FlagWords(uint16_t f) {
  std::string out;
  auto add = [&](uint16_t bit, const char* word) {
    if ((f & bit) == 0) return;
    if (!out.empty()) out += ' ';
    out += word;
  };
  add(kernel::kWeak, "__weak");
  add(kernel::kStatic, "static");
  add(kernel::kInline, "inline");
  add(kernel::kAlwaysInline, "__always_inline");
  add(kernel::kNoinline, "noinline");
  add(kernel::kNotrace, "notrace");
  add(kernel::kInit, "__init");
  add(kernel::kSyscallDefine, "SYSCALL_DEFINE");
  add(kernel::kCondSyscall, "COND_SYSCALL stub");
  add(kernel::kBpfCall, "BPF_CALL");
  return out.empty() ? "defined" : out;
}

}  // namespace

bool DefinitionFacts::stub() const {
  return (def->flags & kernel::kStatic) &&
         (def->flags & (kernel::kInline | kernel::kAlwaysInline));
}

bool DefinitionFacts::real() const {
  return !stub() && !(def->flags & kernel::kCondSyscall);
}

Truth ConditionHolds(std::string_view condition, const KernelConfig* config) {
  if (condition.empty()) return Truth::kTrue;
  if (config == nullptr) return Truth::kUnknown;
  return kernel::EvalCondition(condition, config->Lookup());
}

bool ForArch(std::string_view path, std::string_view arch, bool only_arch) {
  if (path.find("/boot/") != std::string_view::npos) return false;
  if (!path.starts_with("arch/")) return true;
  if (arch.empty()) return only_arch;
  return path.substr(5).starts_with(arch) && path.size() > 5 + arch.size() &&
         path[5 + arch.size()] == '/';
}

std::vector<DefinitionFacts> DescribeDefinitions(
    const kernel::SourceIndex& index, std::string_view function,
    const KernelConfig* config, std::string_view arch) {
  std::vector<DefinitionFacts> out;
  std::vector<const kernel::Definition*> defs = index.Lookup(function);
  bool only_arch = std::all_of(defs.begin(), defs.end(), [&](auto* d) {
    return index.FilePath(d->file).starts_with("arch/");
  });
  for (const kernel::Definition* def : defs) {
    if (!ForArch(index.FilePath(def->file), arch, only_arch)) continue;
    DefinitionFacts d;
    d.def = def;
    d.path = std::string(index.FilePath(def->file));
    d.condition = std::string(index.String(def->condition));
    for (const kernel::MakefileGate& g : index.FileGates(def->file)) {
      d.gates.push_back(g);
    }
    d.built = ConditionHolds(d.condition, config);
    // The innermost option decides: an unset one when the condition fails.
    std::vector<std::string> options = kernel::ConditionOptions(d.condition);
    if (d.built == Truth::kFalse) {
      for (auto o = options.rbegin(); o != options.rend(); ++o) {
        if (config->State(*o) == ConfigState::kUnset) {
          d.option = *o;
          break;
        }
      }
    }
    if (!d.gates.empty()) {
      const kernel::MakefileGate& g = d.gates.front();
      d.gate_text = std::string("Kbuild: ") + (g.negated ? "!" : "") +
                    std::string(index.String(g.option)) + " (" +
                    std::string(index.FilePath(g.makefile)) + ":" +
                    std::to_string(g.line) + ")";
    }
    for (const kernel::MakefileGate& g : d.gates) {
      std::string_view option = index.String(g.option);
      Truth t = GateHolds(g, option, config, &d.module);
      if (t == Truth::kFalse && d.built != Truth::kFalse) {
        d.option = std::string(option);
      }
      d.built = And(d.built, t);
    }
    if (d.option.empty() && !options.empty()) d.option = options.back();
    if (d.option.empty() && !d.gates.empty()) {
      d.option = std::string(index.String(d.gates.front().option));
    }
    out.push_back(std::move(d));
  }
  return out;
}

Evidence DefinitionEvidence(const DefinitionFacts& d) {
  std::string text = FlagWords(d.def->flags);
  if (!d.condition.empty()) text += ", under " + d.condition;
  if (!d.gate_text.empty()) text += "; " + d.gate_text;
  return {"source", d.path, d.def->line, text};
}

Evidence ConfigEvidence(const KernelConfig& config, const std::string& path,
                        std::string_view option) {
  if (auto e = config.Find(option)) {
    return {"config", path, e->line, std::string(e->text)};
  }
  return {"config", path, 0, std::string(option) + " not in the file (unset)"};
}

}  // namespace ftriage::analysis
