#include "analysis/explain_absence.h"

#include <algorithm>

#include "analysis/source_facts.h"

namespace ftriage::analysis {
namespace {

std::string At(const DefinitionFacts& d) {
  return d.path + ":" + std::to_string(d.def->line);
}

// "CONFIG_X is set (net/Makefile:12)" or the #if condition: what builds
// a definition.
std::string BuildRule(const DefinitionFacts& d) {
  if (!d.condition.empty()) return d.condition;
  if (!d.gates.empty()) {
    return d.option + " is set (Kbuild of " + d.path + ")";
  }
  return "its conditions hold";
}

// What a definition needs, short: "CONFIG_X" when a positive condition
// or a Kbuild gate names it, else the whole condition.
std::string Needs(const DefinitionFacts& d) {
  if (!d.option.empty() && d.condition.find('!') == std::string::npos) {
    return d.option;
  }
  return BuildRule(d);
}

// The listings of one kernel, each null when not given.
struct Listings {
  const Kallsyms* kallsyms = nullptr;
  const FilterFunctions* filter = nullptr;
  const KernelConfig* config = nullptr;
  std::string kallsyms_path, filter_path, config_path;

  explicit Listings(const KernelContext* k) {
    if (k == nullptr) return;
    if (k->kallsyms) {
      kallsyms = &k->kallsyms->data;
      kallsyms_path = k->kallsyms->path;
    }
    if (k->filter_functions) {
      filter = &k->filter_functions->data;
      filter_path = k->filter_functions->path;
    }
    if (k->config) {
      config = &k->config->data;
      config_path = k->config->path;
    }
  }
};

// What the definitions of one function say, in the order the rules below
// ask.
struct Defs {
  std::vector<DefinitionFacts> all;
  const DefinitionFacts* real = nullptr;  // first with code of its own
  const DefinitionFacts* stub = nullptr;  // first static inline one
  const DefinitionFacts* cond_syscall = nullptr;
  bool all_real_unbuilt = false;  // every real one is configured out
  bool real_module = false;

  explicit Defs(std::vector<DefinitionFacts> defs) : all(std::move(defs)) {
    bool unbuilt = true;
    for (const DefinitionFacts& d : all) {
      if (d.def->flags & kernel::kCondSyscall) {
        if (cond_syscall == nullptr) cond_syscall = &d;
      } else if (d.stub()) {
        if (stub == nullptr && d.built != Truth::kFalse) stub = &d;
      } else {
        if (real == nullptr) real = &d;
        unbuilt &= d.built == Truth::kFalse;
        real_module |= d.module;
      }
    }
    all_real_unbuilt = real != nullptr && unbuilt;
  }
};

void Set(Explanation* x, ExplanationKind kind, Certainty c,
         std::string sentence, std::string option = "") {
  x->kind = kind;
  x->certainty = c;
  x->sentence = std::move(sentence);
  x->option = std::move(option);
}

// The rules once kallsyms is known to list no code for the function, or
// when there is no kallsyms at all (|absent| false).
void FromSource(const std::string& fn, const std::string& side, const Defs& d,
                const Listings& l, bool absent, Explanation* x) {
  std::string in_side = side + "'s kernel";
  if (d.all_real_unbuilt) {
    const std::string& opt = d.real->option;
    x->evidence.push_back(ConfigEvidence(*l.config, l.config_path, opt));
    if (d.cond_syscall != nullptr) {
      Set(x, ExplanationKind::kWeakStub, Certainty::kHigh,
          fn + " is compiled out of " + in_side + " (" + opt +
              " is not set; the real one is at " + At(*d.real) +
              "): the COND_SYSCALL stub at " + At(*d.cond_syscall) +
              " runs instead and returns -ENOSYS",
          opt);
    } else if (d.stub != nullptr) {
      Set(x, ExplanationKind::kCompiledOut, Certainty::kHigh,
          fn + " is the static inline stub at " + At(*d.stub) + " in " +
              in_side + ": " + opt + " is not set, so the real one (" +
              At(*d.real) + ") is not built",
          opt);
    } else {
      Set(x, ExplanationKind::kCompiledOut, Certainty::kHigh,
          fn + " (" + At(*d.real) + ") is not built in " + in_side + ": " +
              opt + " is not set",
          opt);
    }
    return;
  }
  if (absent && d.real != nullptr && d.real_module) {
    Set(x, ExplanationKind::kModuleNotLoaded, Certainty::kHigh,
        fn + " is built as a module (" + d.real->option +
            "=m) that was not loaded: kallsyms lists no symbol for it",
        d.real->option);
    return;
  }
  if (absent) {
    bool stub_only = d.real == nullptr && d.stub != nullptr;
    bool is_static =
        d.real != nullptr && (d.real->def->flags & kernel::kStatic);
    if (d.stub != nullptr && d.real != nullptr && !d.stub->option.empty()) {
      Set(x, ExplanationKind::kInlined, Certainty::kHigh,
          fn + " has no code of its own in " + in_side +
              " (not in kallsyms): either the static inline stub at " +
              At(*d.stub) + " (" + d.stub->option +
              " unset) or the real one at " + At(*d.real) +
              " inlined; its .config tells which",
          d.stub->option);
    } else if (stub_only || is_static) {
      Set(x, ExplanationKind::kInlined, Certainty::kHigh,
          fn + " has no code of its own in " + in_side +
              " (not in kallsyms): " +
              (stub_only ? "static inline" : "static") +
              ", inlined into its callers");
    } else if (d.real != nullptr) {
      Set(x, ExplanationKind::kInlined, Certainty::kMedium,
          fn + " has no code of its own in " + in_side +
              " (not in kallsyms) although " + At(*d.real) +
              " is not static: inlined (LTO) or made by a macro");
    } else {
      Set(x, ExplanationKind::kUnknown, Certainty::kMedium,
          fn + " has no code of its own in " + in_side +
              " (not in kallsyms): inlined or not built; the source index "
              "does not define it");
    }
    return;
  }
  // No kallsyms: the source alone, so nothing is proven.
  std::string settle = "; kallsyms of " + in_side + " would tell";
  if (d.cond_syscall != nullptr && d.real != nullptr &&
      !d.real->option.empty()) {
    Set(x, ExplanationKind::kWeakStub, Certainty::kMedium,
        "the real " + fn + " (" + At(*d.real) + ") is built only with " +
            Needs(*d.real) + "; without it the COND_SYSCALL stub at " +
            At(*d.cond_syscall) + " returns -ENOSYS" + settle +
            " (a W symbol is the stub)",
        d.real->option);
  } else if (d.stub != nullptr && d.real != nullptr &&
             !d.stub->option.empty()) {
    Set(x, ExplanationKind::kInlined, Certainty::kMedium,
        "without " + d.stub->option + ", " + fn +
            " is the static inline stub at " + At(*d.stub) +
            " (never traced); with it, the real one at " + At(*d.real) +
            " is traceable; " + side + "'s .config would tell",
        d.stub->option);
  } else if (d.real == nullptr && d.stub != nullptr) {
    bool gated = !d.stub->option.empty();
    Set(x, ExplanationKind::kInlined, Certainty::kMedium,
        fn + " is static inline (" + At(*d.stub) +
            (gated ? ", under " + d.stub->condition : std::string()) +
            "): it has no code of its own" +
            (gated ? "; outside that condition the kernel defines it "
                     "elsewhere, and " +
                         side + "'s .config would tell which"
                   : std::string()),
        gated ? d.stub->option : "");
  } else if (d.real != nullptr && (d.real->def->flags & kernel::kNotrace)) {
    Set(x, ExplanationKind::kNotTraceable, Certainty::kMedium,
        fn + " is marked notrace (" + At(*d.real) + "): ftrace never sees it");
  } else if (d.real != nullptr && (d.real->def->flags & kernel::kStatic)) {
    Set(x, ExplanationKind::kInlined, Certainty::kMedium,
        fn + " is static (" + At(*d.real) +
            "): most likely inlined by the compiler" + settle);
  } else if (d.real != nullptr && !d.real->option.empty()) {
    Set(x, ExplanationKind::kCompiledOut, Certainty::kLow,
        fn + " (" + At(*d.real) + ") is built only when " + BuildRule(*d.real) +
            "; " + side + "'s .config would tell",
        d.real->option);
  } else {
    Set(x, ExplanationKind::kUnknown, Certainty::kLow,
        fn + " is defined at " +
            (d.real != nullptr ? At(*d.real) : std::string("?")) +
            " without a condition" + settle +
            " whether it is inlined, and available_filter_functions whether "
            "it is traceable");
  }
}

}  // namespace

Explanation ExplainAbsence(std::string_view function, const ExplainRun& run,
                           const std::string& side,
                           const kernel::SourceIndex* source) {
  std::string fn(function);
  Explanation x;
  x.function = fn;
  x.kernel = side;
  Listings l(run.kernel);
  Defs d(source != nullptr
             ? DescribeDefinitions(*source, fn, l.config, run.arch)
             : std::vector<DefinitionFacts>{});
  for (size_t i = 0; i < d.all.size() && i < 4; ++i) {
    x.evidence.push_back(DefinitionEvidence(d.all[i]));
  }
  bool absent = false;
  if (l.kallsyms != nullptr) {
    std::vector<KernelSymbol> syms = l.kallsyms->FindVariants(fn);
    if (!syms.empty()) {
      const KernelSymbol& s = syms.front();
      x.evidence.push_back(
          {"kallsyms", l.kallsyms_path, s.line,
           std::string(1, s.type) + " " + std::string(s.name) +
               (s.module.empty() ? "" : " [" + std::string(s.module) + "]")});
    }
    bool weak = std::any_of(
        syms.begin(), syms.end(),
        [](const KernelSymbol& s) { return IsWeak(s.type) && IsText(s.type); });
    if (weak) {
      std::string opt = d.real != nullptr ? d.real->option : "";
      std::string why = d.real == nullptr
                            ? ""
                            : "; the real one (" + At(*d.real) +
                                  ") is built only with " + Needs(*d.real);
      if (!opt.empty() && l.config != nullptr) {
        x.evidence.push_back(ConfigEvidence(*l.config, l.config_path, opt));
      }
      Set(&x, ExplanationKind::kWeakStub, Certainty::kHigh,
          fn + " is a weak symbol (W) in " + side + "'s kallsyms: the stub" +
              (d.cond_syscall != nullptr
                   ? " made by COND_SYSCALL (" + At(*d.cond_syscall) +
                         ") that returns -ENOSYS"
                   : "") +
              why,
          opt);
      return x;
    }
    if (l.kallsyms->HasFunction(fn)) {
      if (l.filter != nullptr && l.filter->complete() &&
          !l.filter->Contains(fn)) {
        x.evidence.push_back({"available_filter_functions", l.filter_path, 0,
                              fn + " not listed"});
        Set(&x, ExplanationKind::kNotTraceable, Certainty::kHigh,
            fn + " has code in " + side +
                "'s kernel (kallsyms) but is not in "
                "available_filter_functions: ftrace cannot trace it "
                "(notrace, noinstr or a section ftrace skips)");
        return x;
      }
      if (l.filter != nullptr) {
        std::vector<KernelSymbol> f = l.filter->FindVariants(fn);
        if (!f.empty()) {
          x.evidence.push_back({"available_filter_functions", l.filter_path,
                                f.front().line, std::string(f.front().name)});
        }
      }
      Set(&x,
          run.probes_only ? ExplanationKind::kFilteredByCapture
                          : ExplanationKind::kNotCalled,
          l.filter != nullptr ? Certainty::kHigh : Certainty::kMedium,
          fn + " is a traceable function of " + side + "'s kernel: " +
              (run.probes_only ? "the capture did not probe it"
                               : side + "'s run did not call it here"));
      return x;
    }
    if (l.kallsyms->complete()) {
      absent = true;
      x.evidence.push_back(
          {"kallsyms", l.kallsyms_path, 0, fn + " not listed"});
    }
  }
  if (d.all.empty()) {
    Set(&x, ExplanationKind::kUnknown,
        absent ? Certainty::kMedium : Certainty::kLow,
        absent ? fn + " has no code of its own in " + side +
                     "'s kernel (not in kallsyms): inlined or not built; a "
                     "source index would tell which"
               : "nothing given tells why " + fn + " is absent: " + side +
                     "'s kallsyms, available_filter_functions or a source "
                     "index would");
    return x;
  }
  FromSource(fn, side, d, l, absent, &x);
  return x;
}

}  // namespace ftriage::analysis
