#include "cli/text_tree.h"

#include <cstdio>
#include <string>

#include "analysis/tree_walk.h"
#include "cli/color.h"
#include "core/decimal_time.h"
#include "core/errno_table.h"

namespace ftriage::cli {

using analysis::CallNode;

std::string ReturnText(const CallNode& n) {
  if (!(n.flags & analysis::kHasRetval)) return "";
  switch (n.ret_kind) {
    case RetKind::kVoid:
      return "void";
    case RetKind::kBool:
      return n.retval ? "true" : "false";
    case RetKind::kPointer:
      if (n.retval == 0) return "NULL";
      break;
    case RetKind::kInteger:
      if (auto e = ErrnoFromRetval(n.retval)) return ErrnoLabel(*e);
      break;
    case RetKind::kNone:
      return "";
  }
  if (n.retval >= 0 && n.retval < 4096) return std::to_string(n.retval);
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx",
                static_cast<unsigned long long>(n.retval));
  return buf;
}

std::string Notes(const analysis::CallForest& f, const CallNode& n) {
  std::string notes;
  auto add = [&](const std::string& s) {
    notes += notes.empty() ? "" : ", ";
    notes += s;
  };
  StringId syscall = f.SyscallOf(n.func);
  if (!n.func.is_none() && !syscall.is_none()) {
    add("syscall " + std::string(f.name(syscall)));
  }
  if (n.flags & analysis::kRetvalFromSyscall) add("retval from sys_exit");
  if (n.flags & analysis::kEntryMissing) add("entry not traced");
  if ((n.flags & analysis::kExitMissing) && !(n.flags & analysis::kHitOnly)) {
    add("no return seen");
  }
  if (n.flags & analysis::kLostInside) add("events lost inside");
  if (n.flags & analysis::kInIrq) add("irq");
  if (n.flags & analysis::kFromStack) add("from stacks");
  if (n.flags & analysis::kCallerOnly) add("caller");
  if (n.flags & analysis::kOrderUnknown) add("order unknown");
  if (n.flags & analysis::kInlined) add("inlined");
  if (n.count > 1) add("x" + std::to_string(n.count));
  return notes;
}

namespace {

std::string ThreadTitle(const analysis::CallForest& f,
                        const analysis::Thread& t) {
  if (t.pid < 0) return "cpu " + std::to_string(t.cpu) + " (task not shown)";
  std::string comm = t.comm.is_none() ? "?" : std::string(f.name(t.comm));
  std::string title = comm + "-" + std::to_string(t.pid);
  if (t.tgid >= 0 && t.tgid != t.pid) {
    title += " (tgid " + std::to_string(t.tgid) + ")";
  }
  return title;
}

std::string MarkerText(const analysis::CallForest& f,
                       const analysis::Marker& m) {
  std::string text(f.name(m.text));
  switch (m.kind) {
    case EventKind::kLost:
      return m.count < 0
                 ? "*** events lost ***"
                 : "*** " + std::to_string(m.count) + " events lost ***";
    case EventKind::kBufferStarted:
      return "*** cpu buffer started: older events overwritten ***";
    case EventKind::kTaskSwitch:
      return "------ " + text + " ------";
    default:
      break;
  }
  std::string name = m.name.is_none() ? "" : std::string(f.name(m.name));
  return "/* " + (name.empty() ? "" : name + ": ") + text + " */";
}

}  // namespace

void PrintTextTree(const analysis::CallForest& f,
                   const analysis::TreeSelection& sel, bool color,
                   std::ostream& out) {
  for (uint32_t thread : sel.threads) {
    if (thread != sel.threads.front()) out << "\n";
    std::vector<NodeId> roots = analysis::RootsOf(sel, thread);
    out << Paint(color, kBold, ThreadTitle(f, f.threads()[thread])) << "\n";
    out << "      line     duration\n";
    analysis::WalkThreadWithMarkers(
        f, sel, thread, roots, [&](const analysis::TreeItem& item) {
          std::string indent(static_cast<size_t>(item.level) * 2, ' ');
          char head[64];
          if (item.is_marker) {
            const analysis::Marker& m = f.markers()[item.marker];
            std::snprintf(head, sizeof head, "%10u %12s  ", m.line, "");
            out << head << indent << Paint(color, kYellow, MarkerText(f, m))
                << "\n";
            return;
          }
          const CallNode& n = f.node(item.node);
          std::string dur =
              n.duration_ns >= 0 ? FormatDurationUs(n.duration_ns) : "?";
          std::snprintf(head, sizeof head, "%10u %12s  ", n.line, dur.c_str());
          out << head << indent;
          std::string name =
              n.func.is_none() ? "?" : std::string(f.name(n.func));
          StringId args = f.args(item.node);
          out << name << "(" << (args.is_none() ? "" : f.name(args)) << ")";
          std::string ret = ReturnText(n);
          if (!ret.empty()) {
            bool is_errno = analysis::ReturnsErrno(n);
            out << " = " << (is_errno ? Paint(color, kRed, ret) : ret);
          }
          std::string notes = Notes(f, n);
          if (!notes.empty()) {
            out << "  " << Paint(color, kYellow, "[" + notes + "]");
          }
          out << "\n";
        });
  }
}

}  // namespace ftriage::cli
