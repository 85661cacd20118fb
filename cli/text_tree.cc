#include "cli/text_tree.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
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

// "%10u %12s  " of the line number and the duration column, put together
// in place and appended once: a tree prints millions of lines.
void AppendHead(LineNo line_no, std::string_view duration, std::string* line) {
  constexpr size_t kLineWidth = 10;
  constexpr size_t kDurationWidth = 12;
  std::array<char, 64> head;
  char* p = head.data() + kLineWidth;
  char* digits = std::to_chars(p, p + kLineWidth, line_no).ptr;
  size_t n = static_cast<size_t>(digits - p);  // at most 10 digits
  std::memmove(head.data() + kLineWidth - n, p, n);
  std::memset(head.data(), ' ', kLineWidth - n);
  p = head.data() + kLineWidth;
  *p++ = ' ';
  duration = duration.substr(0, head.size() - kLineWidth - 3);
  if (duration.size() < kDurationWidth) {
    size_t pad = kDurationWidth - duration.size();
    std::memset(p, ' ', pad);
    p += pad;
  }
  std::memcpy(p, duration.data(), duration.size());
  p += duration.size();
  *p++ = ' ';
  *p++ = ' ';
  line->append(head.data(), static_cast<size_t>(p - head.data()));
}

// What a tree line shows of a call, read a column each: the whole record
// (CallForest::node) also decodes links, thread, CPU and times.
CallNode PrintedFields(const analysis::CallForest& f, NodeId id) {
  CallNode n;
  n.func = f.func(id);
  n.line = f.line(id);
  n.flags = f.flags(id);
  n.ret_kind = f.ret_kind(id);
  n.retval = f.retval(id);
  n.duration_ns = f.duration_ns(id);
  n.count = f.count(id);
  return n;
}

// Lines gathered and written a block at a time.
constexpr size_t kWriteBytes = 64 * 1024;

}  // namespace

void PrintTextTree(const analysis::CallForest& f,
                   const analysis::TreeSelection& sel, bool color,
                   std::ostream& out) {
  for (uint32_t thread : sel.threads) {
    if (thread != sel.threads.front()) out << "\n";
    std::vector<NodeId> roots = analysis::RootsOf(sel, thread);
    out << Paint(color, kBold, ThreadTitle(f, f.threads()[thread])) << "\n";
    out << "      line     duration\n";
    // Lines are appended to one string, written a block at a time: a tree
    // can have millions.
    std::string line;
    auto flush = [&] {
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      line.clear();
    };
    analysis::WalkThreadWithMarkers(
        f, sel, thread, roots, [&](const analysis::TreeItem& item) {
          if (line.size() >= kWriteBytes) flush();
          if (item.is_marker) {
            const analysis::Marker& m = f.markers()[item.marker];
            AppendHead(m.line, "", &line);
            line.append(static_cast<size_t>(item.level) * 2, ' ');
            line.append(Paint(color, kYellow, MarkerText(f, m))).append("\n");
            return;
          }
          CallNode n = PrintedFields(f, item.node);
          std::string dur =
              n.duration_ns >= 0 ? FormatDurationUs(n.duration_ns) : "?";
          AppendHead(n.line, dur, &line);
          line.append(static_cast<size_t>(item.level) * 2, ' ');
          line.append(n.func.is_none() ? "?" : f.name(n.func));
          StringId args = f.args(item.node);
          line.append("(")
              .append(args.is_none() ? "" : f.name(args))
              .append(")");
          std::string ret = ReturnText(n);
          if (!ret.empty()) {
            bool is_errno = analysis::ErrnoOf(n) != 0;
            line.append(" = ").append(is_errno ? Paint(color, kRed, ret) : ret);
          }
          std::string notes = Notes(f, n);
          if (!notes.empty()) {
            line.append("  ").append(Paint(color, kYellow, "[" + notes + "]"));
          }
          line.append("\n");
        });
    flush();
  }
}

}  // namespace ftriage::cli
