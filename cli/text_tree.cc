#include "cli/text_tree.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

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

// Text gathered in a buffer and written a block at a time: a tree prints
// millions of lines, each put together in place.
class BlockWriter {
 public:
  explicit BlockWriter(std::ostream& out) : out_(out), buf_(kBlockBytes) {}
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;
  ~BlockWriter() { Flush(); }

  // Where to write up to |n| more bytes; Commit() says where they ended.
  char* Room(size_t n) {
    if (used_ + n > buf_.size()) {
      Flush();
      if (n > buf_.size()) buf_.resize(n);
    }
    return buf_.data() + used_;
  }
  void Commit(const char* end) {
    used_ = static_cast<size_t>(end - buf_.data());
  }
  void Append(std::string_view s) {
    char* p = Room(s.size());
    std::memcpy(p, s.data(), s.size());
    Commit(p + s.size());
  }
  void Flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
  }

 private:
  static constexpr size_t kBlockBytes = 64 * 1024;
  std::ostream& out_;
  std::vector<char> buf_;
  size_t used_ = 0;
};

char* Put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

// "%10u %12s  " of the line number and the duration column, then two
// spaces a level. Writes at most kHeadBytes + 2 * level bytes.
constexpr size_t kLineWidth = 10;
constexpr size_t kDurationWidth = 12;
constexpr size_t kHeadBytes = kLineWidth + kDurationUsMax + 3;
char* PutHead(char* p, LineNo line_no, std::string_view duration, int level) {
  std::memset(p, ' ', kLineWidth);
  char* q = p + kLineWidth;
  do {
    *--q = static_cast<char>('0' + line_no % 10);
    line_no /= 10;
  } while (line_no != 0);
  p += kLineWidth;
  *p++ = ' ';
  if (duration.size() < kDurationWidth) {
    size_t pad = kDurationWidth - duration.size();
    std::memset(p, ' ', pad);
    p += pad;
  }
  p = Put(p, duration);
  size_t indent = 2 + static_cast<size_t>(level) * 2;
  std::memset(p, ' ', indent);
  return p + indent;
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

// Bytes Paint() adds around a text.
constexpr size_t kPaintBytes = 16;

void PutMarkerLine(const analysis::CallForest& f, const analysis::Marker& m,
                   int level, bool color, BlockWriter* out) {
  std::string text = Paint(color, kYellow, MarkerText(f, m));
  char* p =
      out->Room(kHeadBytes + 2 * static_cast<size_t>(level) + text.size() + 1);
  p = PutHead(p, m.line, "", level);
  p = Put(p, text);
  *p++ = '\n';
  out->Commit(p);
}

void PutCallLine(const analysis::CallForest& f, NodeId id, int level,
                 bool color, BlockWriter* out) {
  CallNode n = PrintedFields(f, id);
  char duration[kDurationUsMax];
  std::string_view dur = "?";
  if (n.duration_ns >= 0) {
    dur = {duration, static_cast<size_t>(
                         WriteDurationUs(n.duration_ns, duration) - duration)};
  }
  std::string_view name = n.func.is_none() ? "?" : f.name(n.func);
  StringId args_id = f.args(id);
  std::string_view args = args_id.is_none() ? "" : f.name(args_id);
  std::string ret = ReturnText(n);
  std::string notes = Notes(f, n);
  char* p =
      out->Room(kHeadBytes + 2 * static_cast<size_t>(level) + name.size() +
                args.size() + ret.size() + notes.size() + 2 * kPaintBytes + 16);
  p = PutHead(p, n.line, dur, level);
  p = Put(p, name);
  *p++ = '(';
  p = Put(p, args);
  *p++ = ')';
  if (!ret.empty()) {
    p = Put(p, " = ");
    bool is_errno = analysis::ErrnoOf(n) != 0;
    p = Put(p, is_errno ? Paint(color, kRed, ret) : ret);
  }
  if (!notes.empty()) {
    p = Put(p, "  ");
    p = Put(p, Paint(color, kYellow, "[" + notes + "]"));
  }
  *p++ = '\n';
  out->Commit(p);
}

}  // namespace

void PrintTextTree(const analysis::CallForest& f,
                   const analysis::TreeSelection& sel, bool color,
                   std::ostream& out) {
  BlockWriter w(out);
  for (uint32_t thread : sel.threads) {
    if (thread != sel.threads.front()) w.Append("\n");
    w.Append(Paint(color, kBold, ThreadTitle(f, f.threads()[thread])));
    w.Append("\n      line     duration\n");
    analysis::WalkThreadWithMarkers(
        f, sel, thread, analysis::RootsOf(sel, thread),
        [&](const analysis::TreeItem& item) {
          if (item.is_marker) {
            PutMarkerLine(f, f.markers()[item.marker], item.level, color, &w);
          } else {
            PutCallLine(f, item.node, item.level, color, &w);
          }
        });
  }
}

}  // namespace ftriage::cli
