#include "parser/event_body.h"

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

size_t IdentifierEnd(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsIdentifier(s.substr(i, 1))) ++i;
  return i;
}

}  // namespace

EventBody ClassifyEventBody(std::string_view body) {
  EventBody out;
  body = Trim(body);
  out.text = body;
  size_t id_end = IdentifierEnd(body);
  std::string_view id = body.substr(0, id_end);
  std::string_view rest = body.substr(id_end);
  if (id.substr(0, 4) == "sys_" && id.size() > 4) {
    if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') {
      out.kind = EventBodyKind::kSyscallEnter;
      out.name = id.substr(4);
      out.text = rest.substr(1, rest.size() - 2);
      return out;
    }
    if (rest.substr(0, 4) == " -> ") {
      out.kind = EventBodyKind::kSyscallExit;
      out.name = id.substr(4);
      out.retval = Trim(rest.substr(4));
      out.text = out.retval;
      return out;
    }
  }
  if (rest.empty() || rest.front() != ':' || id.empty()) return out;
  std::string_view fields = Trim(rest.substr(1));
  if (id.substr(0, 10) == "sys_enter_" && id.size() > 10) {
    out.kind = EventBodyKind::kSyscallEnter;
    out.name = id.substr(10);
    out.text = fields;
  } else if (id.substr(0, 9) == "sys_exit_" && id.size() > 9) {
    out.kind = EventBodyKind::kSyscallExit;
    out.name = id.substr(9);
    out.retval = fields;
    out.text = fields;
  } else if (id == "tracing_mark_write") {
    out.text = fields;
  } else {
    out.kind = EventBodyKind::kTracepoint;
    out.name = id;
    out.text = fields;
  }
  return out;
}

}  // namespace ftriage::parser
