#ifndef FTRIAGE_PARSER_SECTIONED_READER_H_
#define FTRIAGE_PARSER_SECTIONED_READER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parser/trace_format.h"

namespace ftriage::parser {

// Reads a file that may change format part-way: a function_graph capture
// followed by a pasted retsnoop session, a bug report with several logs.
// Lines go to the reader of the current section; a line that reader cannot
// read is offered to the others, and the first format that is sure the line
// is its own (a header or marker only it writes, SniffScore::kSure) starts a
// new section there. Prose matches no format and stays a skipped line of
// the current one. Costs nothing on lines the current reader reads.
class SectionedReader : public TraceReader,
                        public LineRouter,
                        public FormatReader {
 public:
  SectionedReader(TraceFormat first, const ReaderContext& ctx);

  TraceReader& reader() override { return *this; }
  std::vector<std::string> Features() const override;
  std::string Tracer() const override;
  std::vector<Section> Sections() const override { return sections_; }

  bool Claim(std::string_view line, LineNo n) override;
  bool ReadsInBlocks() const override {
    return current_reader_ != nullptr && current_reader_->ReadsInBlocks();
  }
  bool ContinuesRecord(std::string_view line) const override {
    return current_reader_ != nullptr && current_reader_->ContinuesRecord(line);
  }
  void EndBlock() override {
    if (current_reader_ != nullptr) current_reader_->EndBlock();
  }

 protected:
  void OnLine(std::string_view line, LineNo n) override;
  void OnEnd() override;
  // Fresh only in the first section: a block read ahead starts there.
  bool AtFreshState() const override {
    return sections_.size() == 1 && current_reader_ != nullptr &&
           current_reader_->AtFreshBoundary();
  }
  void Absorb(const TraceReader& block) override;

 private:
  FormatReader* ReaderFor(TraceFormat format);

  std::map<TraceFormat, std::unique_ptr<FormatReader>> readers_;
  TraceFormat current_;
  TraceReader* current_reader_ = nullptr;  // ReaderFor(current_), once found
  std::vector<Section> sections_;
  bool claiming_ = false;  // a claimed line is not offered around again
};

}  // namespace ftriage::parser

#endif  // FTRIAGE_PARSER_SECTIONED_READER_H_
