// `ftriage errors FILE...`: which calls failed, with which errno, where the
// error started and how it travelled up.
#include <ostream>

#include "analysis/early_filter.h"
#include "analysis/error_json.h"
#include "cli/color.h"
#include "cli/command_common.h"
#include "core/errno_table.h"
#include "core/syscall_args.h"

namespace ftriage::cli {
namespace {

using analysis::CallForest;
using analysis::ErrorFinding;

using analysis::CallName;

// "-28 ENOSPC (No space left on device)"
std::string ErrnoText(int number) {
  auto info = LookupErrno(number);
  return ErrnoLabel(number) +
         (info ? " (" + std::string(info->meaning) + ")" : std::string());
}

// A chain link's value; links passed through show none of their own.
std::string LinkValue(const analysis::CallNode& n) {
  if (int err = analysis::ErrnoOf(n)) return ErrnoLabel(err);
  return n.flags & analysis::kInlined ? "(inlined)" : "(not traced)";
}

std::string TaskText(const CallForest& f, uint32_t thread) {
  const analysis::Thread& t = f.threads()[thread];
  if (t.pid < 0) return "cpu " + std::to_string(t.cpu) + " (task not shown)";
  std::string s =
      (t.comm.is_none() ? std::string("?") : std::string(f.name(t.comm))) +
      "-" + std::to_string(t.pid);
  if (t.tgid >= 0 && t.tgid != t.pid)
    s += " (tgid " + std::to_string(t.tgid) + ")";
  return s;
}

// One failure, retsnoop-style: the chain outermost first, origin last.
void PrintFinding(const LoadedTrace& t, const ErrorFinding& e, size_t count,
                  LineNo last_line, bool color, std::ostream& o) {
  const CallForest& f = t.forest;
  std::string what = e.syscall.is_none()
                         ? (e.root.is_none() ? "?" : CallName(f, e.root))
                         : std::string(f.name(e.syscall));
  o << Paint(color, kBold, what) << ": "
    << Paint(color, kRed, ErrnoText(e.errno_number)) << "  "
    << TaskText(f, e.thread) << ", line " << analysis::FindingLine(f, e);
  if (count > 1) {
    o << "  [" << count << " times, last at line " << last_line << "]";
  }
  o << "\n";
  if (e.syscall_record >= 0) {
    const analysis::SyscallRecord& r =
        f.syscalls()[static_cast<size_t>(e.syscall_record)];
    if (!r.args.is_none() && !f.name(r.args).empty()) {
      o << "  args: " << DescribeSyscallArgs(f.name(r.name), f.name(r.args))
        << "  (line " << r.enter_line << ")\n";
    }
  }
  for (size_t i = 0; i < e.chain.size(); ++i) {
    NodeId id = e.chain[i];
    const analysis::CallNode& n = f.node(id);
    o << "    " << std::string(i * 2, ' ') << CallName(f, id) << "  "
      << LinkValue(n) << "  line " << n.line;
    if (n.flags & analysis::kRetvalFromSyscall) o << " (value from sys_exit)";
    if (id == e.origin) o << "   <- origin";
    o << "\n";
  }
  if (!e.unordered.empty()) {
    o << "  returned " << ErrnoLabel(e.errno_number)
      << ", call order unknown:\n";
    for (NodeId id : e.unordered) {
      o << "    " << CallName(f, id) << "  line " << f.line(id) << "\n";
    }
  }
  o << "  origin: ";
  if (!e.origin.is_none()) {
    o << CallName(f, e.origin) << " (line " << f.line(e.origin) << ")";
  } else if (!e.window_after.is_none()) {
    o << "not in the trace; error window: in " << CallName(f, e.window_parent)
      << " after " << CallName(f, e.window_after) << " (line "
      << f.line(e.window_after) << "): the error comes from "
      << (e.window_after_may_fail
              ? CallName(f, e.window_after) +
                    " (its return value is not traced) or from "
              : std::string())
      << "code of " << CallName(f, e.window_parent)
      << " that the trace does not show (inlined, notrace, or not selected "
         "for tracing)";
  } else if (!e.window_parent.is_none()) {
    o << "not in the trace; somewhere inside " << CallName(f, e.window_parent)
      << " (line " << f.line(e.window_parent)
      << "), whose callees show no return values";
  } else {
    o << "unknown";
  }
  o << "  [" << analysis::ConfidenceName(e.confidence) << "]\n";
  if (!e.cleanup.empty()) {
    o << "  after the error:";
    for (NodeId id : e.cleanup) {
      o << " " << CallName(f, id) << " (line " << f.line(id) << ")";
    }
    o << "\n";
  }
  for (const std::string& note : e.notes) o << "  note: " << note << "\n";
}

}  // namespace

int RunErrors(const GlobalOptions& g, const ErrorsOptions& o, const Io& io) {
  analysis::ErrorOptions opts = o.filter;
  if (!o.errno_text.empty()) {
    if (auto info = LookupErrnoName(o.errno_text)) {
      opts.errno_number = info->number;
    } else if (auto v = ParseRetval(o.errno_text)) {
      opts.errno_number = static_cast<int>(*v < 0 ? -*v : *v);
    } else {
      *io.err << "ftriage: --errno: unknown errno '" << o.errno_text
              << "' (examples: ENOSPC, -28, 28)\n";
      return kExitError;
    }
  }
  LoadedTrace t;
  analysis::EarlyFilter early = analysis::EarlyFilter::ForErrors(opts);
  if (!LoadOrReport(g, o.files, io, &t, nullptr, &early)) return kExitError;
  std::vector<ErrorFinding> findings = analysis::FindErrors(t.forest, opts);
  std::vector<std::vector<size_t>> groups;
  if (o.all) {
    for (size_t i = 0; i < findings.size(); ++i) groups.push_back({i});
  } else {
    groups = analysis::FoldErrors(t.forest, findings);
  }
  if (g.json) {
    nlohmann::ordered_json j = JsonEnvelope("errors", t);
    j["failures"] = analysis::ErrorsToJson(t.forest, findings, groups);
    j["diagnostics"] = DiagnosticsToJson(t);
    *io.out << DumpJson(j);
  } else {
    bool color = UseColor(g, io);
    for (size_t i = 0; i < groups.size(); ++i) {
      if (i > 0) *io.out << "\n";
      const ErrorFinding& last = findings[groups[i].back()];
      PrintFinding(t, findings[groups[i].front()], groups[i].size(),
                   analysis::FindingLine(t.forest, last), color, *io.out);
    }
    if (groups.empty()) *io.out << "no failing call found\n";
  }
  PrintDiagnostics(g, t, io);
  return findings.empty() ? kExitOk : kExitFound;
}

}  // namespace ftriage::cli
