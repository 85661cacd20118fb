#include "parser/event_recording.h"

namespace ftriage::parser {
namespace {

// The ids of a recording's pool in the caller's, interned in id order as
// far as needed.
class NameMap {
 public:
  NameMap(const StringPool* from, StringPool* to) : from_(from), to_(to) {
    map_.reserve(from->size());
  }
  void InternUpTo(size_t n) {
    while (map_.size() < n) {
      map_.push_back(to_->Intern(
          from_->Get(StringId{static_cast<uint32_t>(map_.size())})));
    }
  }
  StringId operator()(StringId id) const {
    return id.is_none() ? id : map_[id.value];
  }

 private:
  const StringPool* from_;
  StringPool* to_;
  std::vector<StringId> map_;
};

}  // namespace

void EventRecording::OnEvent(const TraceEvent& e) {
  TraceEvent& copy = events_.emplace_back(e);
  if (!e.text.empty()) {
    std::span<const char> t = text_.Append(e.text);
    copy.text = {t.data(), t.size()};
  }
  if (!e.frames.empty()) copy.frames = frames_.Append(e.frames);
  names_before_.push_back(static_cast<uint32_t>(strings_->size()));
}

void EventRecording::Clear(const StringPool* strings) {
  strings_ = strings;
  events_.clear();
  names_before_.clear();
  diagnostics_.clear();
  text_.Clear();
  frames_.Clear();
}

void EventRecording::Report(Diagnostic d) {
  diagnostics_.emplace_back(events_.size(), std::move(d));
}

void EventRecording::Replay(LineNo lines_before, StringPool* strings,
                            EventSink* sink, DiagnosticReporter* diagnostics) {
  NameMap name(strings_, strings);
  std::vector<StringId> frames;
  auto next = diagnostics_.begin();
  auto report_up_to = [&](size_t event) {
    for (; next != diagnostics_.end() && next->first == event; ++next) {
      Diagnostic d = next->second;
      if (d.line != 0) d.line += lines_before;
      diagnostics->Report(std::move(d));
    }
  };
  for (size_t i = 0; i < events_.size(); ++i) {
    report_up_to(i);
    name.InternUpTo(names_before_[i]);
    TraceEvent& e = events_[i];  // in place: a copy per event cost more
    if (e.line != 0) e.line += lines_before;
    e.comm = name(e.comm);
    e.func = name(e.func);
    e.parent = name(e.parent);
    e.prev_comm = name(e.prev_comm);
    if (!e.frames.empty()) {
      frames.clear();
      for (StringId f : e.frames) frames.push_back(name(f));
      e.frames = frames;
    }
    sink->OnEvent(e);
  }
  report_up_to(events_.size());
  name.InternUpTo(strings_->size());
}

}  // namespace ftriage::parser
