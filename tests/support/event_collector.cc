#include "tests/support/event_collector.h"

#include <algorithm>

namespace ftriage::testing {
namespace {

class StringSink : public parser::EventSink {
 public:
  StringSink(const StringPool* pool, std::vector<std::string>* out)
      : pool_(pool), out_(out) {}
  void OnEvent(const TraceEvent& e) override {
    auto name = [&](StringId id) {
      return id.is_none() ? std::string("-") : std::string(pool_->Get(id));
    };
    std::string s = "L" + std::to_string(e.line) + " " + EventKindName(e.kind) +
                    " cpu=" + std::to_string(e.cpu) +
                    " pid=" + std::to_string(e.pid) + " comm=" + name(e.comm) +
                    " d=" + std::to_string(e.depth) + " f=" + name(e.func) +
                    " parent=" + name(e.parent) +
                    " ts=" + std::to_string(e.timestamp_ns) +
                    " dur=" + std::to_string(e.duration_ns) + " ret=" +
                    (e.ret_kind == RetKind::kNone ? std::string("-")
                                                  : std::to_string(e.value)) +
                    " text=" + std::string(e.text);
    for (StringId f : e.frames) s += " <" + name(f) + ">";
    out_->push_back(s);
  }

 private:
  const StringPool* pool_;
  std::vector<std::string>* out_;
};

}  // namespace

Collected ReadEventsWith(const std::string& text, const ReaderFactory& make,
                         size_t chunk) {
  Collected c;
  StringPool pool;
  StringSink sink(&pool, &c.events);
  parser::ReaderContext ctx{&pool, &c.diagnostics, &sink, FileId{0}};
  std::unique_ptr<parser::FormatReader> reader = make(ctx);
  if (chunk == 0) chunk = std::max<size_t>(text.size(), 1);
  for (size_t i = 0; i < text.size(); i += chunk) {
    reader->reader().Push(std::string_view(text).substr(i, chunk));
  }
  reader->reader().Finish();
  return c;
}

Collected ReadEvents(const std::string& text, parser::TraceFormat format,
                     size_t chunk) {
  return ReadEventsWith(
      text,
      [format](const parser::ReaderContext& ctx) {
        return parser::CreateReader(format, ctx);
      },
      chunk);
}

}  // namespace ftriage::testing
