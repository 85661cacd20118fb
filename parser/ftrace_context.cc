#include "parser/ftrace_context.h"

#include <re2/re2.h>

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

// "[002]" at |pos|; returns the index after ']' or npos.
size_t MatchCpuField(std::string_view s, size_t pos, int32_t* cpu) {
  size_t i = pos + 1;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == pos + 1 || i - pos - 1 > 4 || i >= s.size() || s[i] != ']') {
    return std::string_view::npos;
  }
  *cpu = static_cast<int32_t>(*ParseInt(s.substr(pos + 1, i - pos - 1)));
  return i + 1;
}

bool SetTask(std::string_view left, FtraceContext* out) {
  left = Trim(left);
  // "comm-pid (tgid)" or "comm-pid (-------)"
  if (!left.empty() && left.back() == ')') {
    size_t open = left.rfind('(');
    if (open == std::string_view::npos) return false;
    std::string_view tgid = Trim(left.substr(open + 1, left.size() - open - 2));
    if (auto v = ParseInt(tgid)) {
      out->tgid = static_cast<int32_t>(*v);
    } else if (tgid.find_first_not_of('-') != std::string_view::npos) {
      return false;
    }
    left = TrimRight(left.substr(0, open));
  }
  // trace-cmd with several -i files: "trace.dat:   ping-3071450".
  size_t file_sep = left.find(": ");
  if (file_sep != std::string_view::npos)
    left = Trim(left.substr(file_sep + 2));
  return SplitCommPid(left, &out->comm, &out->pid);
}

bool IsTimestamp(std::string_view t) {
  size_t dot = t.find('.');
  if (dot == std::string_view::npos) return AllDigits(t);  // raw counter clock
  return AllDigits(t.substr(0, dot)) && AllDigits(t.substr(dot + 1));
}

bool ParseLatencyForm(std::string_view line, FtraceContext* out) {
  // Rare shapes: trace-cmd -l and the kernel latency format, where the CPU
  // number is glued to the flags and there are no brackets. Most lines
  // that come here (blank lines around a task-switch banner) have no ':'
  // and skip the regex, whose every call costs some 13k instructions.
  if (line.find(':') == std::string_view::npos) return false;
  static const re2::RE2 kLatency(
      R"(^\s*(.*?-\d+)\s+(\d+)([.dDbXNnpBLlZzHhs0-9a-f]{4,5})\s+)"
      R"((\d+(?:\.\d+)?|\d+us[ +!#*@$]?):\s(.*)$)");
  re2::StringPiece task, cpu, flags, ts, body;
  if (!re2::RE2::FullMatch(re2::StringPiece(line.data(), line.size()), kLatency,
                           &task, &cpu, &flags, &ts, &body)) {
    return false;
  }
  if (!SetTask(std::string_view(task.data(), task.size()), out)) return false;
  out->cpu =
      static_cast<int32_t>(*ParseInt(std::string_view(cpu.data(), cpu.size())));
  out->flags = std::string_view(flags.data(), flags.size());
  out->timestamp = std::string_view(ts.data(), ts.size());
  out->body = std::string_view(body.data(), body.size());
  return true;
}

}  // namespace

bool ParseFtraceContext(std::string_view line, FtraceContext* out) {
  *out = FtraceContext();
  size_t pos = 0;
  while ((pos = line.find(" [", pos)) != std::string_view::npos) {
    size_t after = MatchCpuField(line, pos + 1, &out->cpu);
    if (after != std::string_view::npos &&
        (after == line.size() || IsSpace(line[after]))) {
      if (!SetTask(line.substr(0, pos), out)) return false;
      std::string_view rest = TrimLeft(line.substr(after));
      // Optional flags, then "TIMESTAMP:".
      for (int i = 0; i < 2; ++i) {
        size_t end = 0;
        while (end < rest.size() && !IsSpace(rest[end])) ++end;
        std::string_view tok = rest.substr(0, end);
        if (tok.size() > 1 && tok.back() == ':' &&
            IsTimestamp(tok.substr(0, tok.size() - 1))) {
          out->timestamp = tok.substr(0, tok.size() - 1);
          out->body = rest.substr(end);
          if (!out->body.empty()) out->body.remove_prefix(1);
          return true;
        }
        if (i > 0 || tok.empty()) break;
        out->flags = tok;
        rest = TrimLeft(rest.substr(end));
      }
      *out = FtraceContext();
      return false;
    }
    pos += 2;
  }
  return ParseLatencyForm(line, out);
}

}  // namespace ftriage::parser
