#include "parser/function_reader.h"

#include "parser/text_scan.h"

namespace ftriage::parser {
namespace {

struct FunctionBody {
  std::string_view func;
  std::string_view args;
  std::string_view parent;
  int64_t repeats = 0;
};

bool IsSymbolChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) ||
         c == '_' || c == '.' || c == '+' || c == '/' || c == '$';
}

// "f", "f+0x6/0xa0", "f [mod]", "0xffffffffc0123456": one symbol, no spaces
// except a " [module]" suffix. Returns the length consumed, 0 if none.
size_t ScanSymbol(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsSymbolChar(s[i])) ++i;
  if (i == 0) return 0;
  if (s.substr(i, 2) == " [") {
    size_t close = s.find(']', i);
    if (close != std::string_view::npos &&
        s.substr(i + 2, close - i - 2).find(' ') == std::string_view::npos) {
      i = close + 1;
    }
  }
  return i;
}

// "f <-p", "f(args) <-p", "f <-- p", "f", "f <-p (repeats: 3, last_ts: ..)".
bool ParseFunctionBody(std::string_view body, FunctionBody* out) {
  body = Trim(body);
  size_t n = ScanSymbol(body);
  if (n == 0) return false;
  out->func = body.substr(0, n);
  std::string_view rest = body.substr(n);
  if (!rest.empty() && rest[0] == '(') {
    int level = 0;
    size_t close = 0;
    for (; close < rest.size(); ++close) {
      if (rest[close] == '(') ++level;
      if (rest[close] == ')' && --level == 0) break;
    }
    if (close == rest.size()) return false;
    out->args = rest.substr(1, close - 1);
    rest = rest.substr(close + 1);
  }
  rest = TrimLeft(rest);
  if (rest.starts_with("<--")) {
    rest = TrimLeft(rest.substr(3));
  } else if (rest.starts_with("<-")) {
    rest = rest.substr(2);
  } else {
    return rest.empty();
  }
  size_t p = ScanSymbol(rest);
  if (p == 0) return false;
  out->parent = rest.substr(0, p);
  rest = Trim(rest.substr(p));
  if (rest.starts_with("(repeats:")) {
    size_t comma = rest.find(',');
    auto v = ParseInt(Trim(rest.substr(9, comma - 9)));
    if (!v || comma == std::string_view::npos || rest.back() != ')') {
      return false;
    }
    out->repeats = *v;
    return true;
  }
  return rest.empty();
}

}  // namespace

void FunctionReader::Absorb(const TraceReader& block) {
  FtraceTextReader::Absorb(block);
  const auto& b = static_cast<const FunctionReader&>(block);
  saw_parent_ |= b.saw_parent_;
  saw_args_ |= b.saw_args_;
  saw_trace_cmd_ |= b.saw_trace_cmd_;
}

std::vector<std::string> FunctionReader::Features() const {
  return FeatureNames({{saw_parent_, "parent"},
                       {saw_args_, "args"},
                       {saw_trace_cmd_, "trace-cmd"}});
}

bool FunctionReader::OnBareLine(std::string_view, LineNo) { return false; }

bool FunctionReader::OnContextRecord(const FtraceContext& c, LineNo n) {
  std::string_view body = c.body;
  std::string_view t = TrimLeft(body);
  bool trace_cmd = t.starts_with("function:");
  if (trace_cmd) body = t.substr(9);
  FunctionBody fb;
  // Bare symbols are function hits only in trace-cmd's "function:" form;
  // elsewhere a lone word is a trace_printk message.
  if (!ParseFunctionBody(body, &fb) || (fb.parent.empty() && !trace_cmd)) {
    return false;
  }
  saw_trace_cmd_ |= trace_cmd;
  saw_parent_ |= !fb.parent.empty();
  saw_args_ |= !fb.args.empty();
  TraceEvent e = EventFromContext(c, n);
  e.kind = EventKind::kFunctionHit;
  e.func = InternName(fb.func);
  if (!fb.parent.empty()) e.parent = InternName(fb.parent);
  e.text = fb.args;
  e.value = fb.repeats;
  Emit(e);
  return true;
}

std::unique_ptr<FormatReader> CreateFunctionReader(const ReaderContext& ctx) {
  return std::make_unique<FormatReaderOf<FunctionReader>>(ctx);
}

SniffScore SniffFunctionLine(std::string_view line) {
  std::string_view t = Trim(line);
  if (t == "# tracer: function") return SniffScore::kSure;
  FtraceContext c;
  if (!ParseFtraceContext(line, &c)) return SniffScore::kNo;
  std::string_view body = TrimLeft(c.body);
  if (body.starts_with("funcgraph_")) return SniffScore::kNo;
  if (body.starts_with("function:")) return SniffScore::kSure;
  return SniffScore::kMaybe;
}

}  // namespace ftriage::parser
