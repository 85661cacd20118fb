#include "parser/sectioned_reader.h"

#include <algorithm>

namespace ftriage::parser {

SectionedReader::SectionedReader(TraceFormat first, const ReaderContext& ctx)
    : TraceReader(ctx), current_(first) {
  sections_.push_back({1, FormatName(first)});
  if (FormatReader* r = ReaderFor(first)) current_reader_ = &r->reader();
}

FormatReader* SectionedReader::ReaderFor(TraceFormat format) {
  auto it = readers_.find(format);
  if (it != readers_.end()) return it->second.get();
  std::unique_ptr<FormatReader> r = CreateSingleFormatReader(format, ctx());
  r->reader().set_router(this);
  return readers_.emplace(format, std::move(r)).first->second.get();
}

void SectionedReader::OnLine(std::string_view line, LineNo n) {
  if (current_reader_ == nullptr) {
    current_reader_ = &ReaderFor(current_)->reader();
  }
  current_reader_->FeedLine(line, n, console_line());
}

bool SectionedReader::Claim(std::string_view line, LineNo n) {
  if (claiming_) return false;
  for (TraceFormat f : KnownFormats()) {
    if (f == current_ || SniffLine(f, line) != SniffScore::kSure) continue;
    current_ = f;
    current_reader_ = nullptr;
    sections_.push_back({n, FormatName(f)});
    claiming_ = true;
    ReaderFor(f)->reader().FeedLine(line, n, console_line());
    claiming_ = false;
    return true;
  }
  return false;
}

void SectionedReader::Absorb(const TraceReader& block) {
  const auto& b = static_cast<const SectionedReader&>(block);
  for (const auto& [format, r] : b.readers_) {
    ReaderFor(format)->reader().AbsorbBlock(r->reader());
  }
}

void SectionedReader::OnEnd() {
  for (auto& [format, r] : readers_) r->reader().Finish();
}

std::vector<std::string> SectionedReader::Features() const {
  std::vector<std::string> out;
  for (const auto& [format, r] : readers_) {
    for (std::string& f : r->Features()) {
      if (std::find(out.begin(), out.end(), f) == out.end()) {
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

std::string SectionedReader::Tracer() const {
  for (const auto& [format, r] : readers_) {
    if (std::string t = r->Tracer(); !t.empty()) return t;
  }
  return "";
}

}  // namespace ftriage::parser
