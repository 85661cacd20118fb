#include "cli/text_tree.h"

#include <cstdio>
#include <string>

#include "analysis/tree_walk.h"
#include "core/decimal_time.h"
#include "core/errno_table.h"

namespace ftriage::cli {
namespace {

using analysis::CallNode;

constexpr const char* kRed = "\033[31m";
constexpr const char* kYellow = "\033[33m";
constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";

std::string Paint(bool color, const char* code, const std::string& s) {
  return color ? code + s + kReset : s;
}

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
      if (auto e = ErrnoFromRetval(n.retval)) {
        auto info = LookupErrno(*e);
        return "-" + std::to_string(*e) + " " +
               (info ? std::string(info->name) : std::string("E?"));
      }
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

}  // namespace

void PrintTextTree(const analysis::CallForest& f,
                   const analysis::TreeSelection& sel, bool color,
                   std::ostream& out) {
  int64_t current = -1;
  for (const analysis::ShownRoot& r : sel.roots) {
    if (static_cast<int64_t>(r.thread) != current) {
      if (current >= 0) out << "\n";
      current = r.thread;
      out << Paint(color, kBold, ThreadTitle(f, f.threads()[r.thread])) << "\n";
      out << "      line     duration\n";
    }
    analysis::WalkPreOrder(f, r.root, [&](NodeId id, int level) {
      if (!sel.shown[id.value]) return false;
      const CallNode& n = f.node(id);
      char head[64];
      std::string dur =
          n.duration_ns >= 0 ? FormatDurationUs(n.duration_ns) : "?";
      std::snprintf(head, sizeof head, "%10u %12s  ", n.line, dur.c_str());
      out << head << std::string(static_cast<size_t>(level) * 2, ' ');
      std::string name = n.func.is_none() ? "?" : std::string(f.name(n.func));
      StringId args = f.args(id);
      out << name << "(" << (args.is_none() ? "" : f.name(args)) << ")";
      std::string ret = ReturnText(n);
      if (!ret.empty()) {
        bool is_errno = analysis::ReturnsErrno(n);
        out << " = " << (is_errno ? Paint(color, kRed, ret) : ret);
      }
      std::string notes = Notes(f, n);
      if (!notes.empty())
        out << "  " << Paint(color, kYellow, "[" + notes + "]");
      out << "\n";
      return true;
    });
  }
}

}  // namespace ftriage::cli
