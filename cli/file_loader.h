#ifndef FTRIAGE_CLI_FILE_LOADER_H_
#define FTRIAGE_CLI_FILE_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/call_tree_builder.h"
#include "cli/load_trace.h"
#include "parser/read_ahead.h"
#include "parser/trace_format.h"

namespace ftriage::cli {

// Buffers the first bytes until the format is known, then streams.
class FileLoader {
 public:
  FileLoader(InputInfo* info, std::optional<parser::TraceFormat> format,
             const parser::ReaderContext& ctx,
             analysis::CallTreeBuilder* builder)
      : info_(info), format_(format), ctx_(ctx), builder_(builder) {}

  void OnChunk(std::string_view chunk) {
    info_->bytes += chunk.size();
    if (reader_ == nullptr) {
      head_.append(chunk);
      if (head_.size() < parser::kSniffBytes) return;
      Start(head_);
      return;
    }
    reader_->reader().Push(chunk);
  }

  // Decides the format on |head|, the input's first bytes (at least
  // SniffFormat()'s share of them), before the first chunk.
  void StartOn(std::string_view head) { Start(head); }
  // Whether later blocks of the input may be read ahead (parser::ReadAhead):
  // the format is known and its reader can take blocks.
  bool ReadsInBlocks() const {
    return reader_ != nullptr && reader_->reader().ReadsInBlocks();
  }
  parser::TraceFormat format() const { return info_->format; }
  bool ContinuesRecord(std::string_view line) const {
    return reader_->reader().ContinuesRecord(line);
  }
  // Hands on the events of a block read ahead (once: they are rewritten on
  // the way), if they read as this reader would have read them; else the
  // caller reads the block here.
  bool TakeBlock(parser::ReadBlock* b) {
    parser::TraceReader& r = reader_->reader();
    r.EndBlock();
    if (!b->clean || !r.AtFreshBoundary()) return false;
    b->recording.Replay(r.lines(), ctx_.strings, ctx_.sink, ctx_.diagnostics);
    r.AbsorbBlock(b->reader->reader());
    info_->bytes += b->bytes;
    ++info_->blocks_read_ahead;
    return true;
  }

  // Returns false if the input held nothing of a known format.
  bool Finish() {
    if (reader_ == nullptr) Start(head_);
    if (reader_ == nullptr) return false;
    reader_->reader().Finish();
    info_->lines = reader_->reader().lines();
    info_->features = reader_->Features();
    info_->tracer = reader_->Tracer();
    info_->sections = reader_->Sections();
    return true;
  }

 private:
  void Start(std::string_view head) {
    if (format_) {
      info_->format = *format_;
      info_->format_reason = "given with --format";
    } else {
      parser::SniffResult s = parser::SniffFormat(head);
      info_->format = s.format;
      info_->format_reason = s.reason;
    }
    // Without a call graph, syscall events are the only call structure.
    builder_->set_syscall_nodes(info_->format ==
                                parser::TraceFormat::kFunction);
    reader_ = parser::CreateReader(info_->format, ctx_);
    if (reader_ == nullptr) return;
    reader_->reader().Push(head_);
    head_.clear();
    head_.shrink_to_fit();
  }

  InputInfo* info_;
  std::optional<parser::TraceFormat> format_;
  parser::ReaderContext ctx_;
  analysis::CallTreeBuilder* builder_;
  std::string head_;
  std::unique_ptr<parser::FormatReader> reader_;
};

}  // namespace ftriage::cli

#endif  // FTRIAGE_CLI_FILE_LOADER_H_
