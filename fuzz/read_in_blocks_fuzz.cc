// Reading a file in blocks on two threads (parser/read_ahead.h) must build
// what one thread builds. The input (less its first byte, which picks a
// block size of 1 to 256 bytes, so that block edges fall everywhere) is
// written to a file and loaded twice with cli::LoadTraces: in blocks and
// on one thread. Any difference in what was read, the diagnostics, the
// string pool or the call forest aborts, naming the first one.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cli/load_trace.h"

namespace ftriage::fuzz {
namespace {

std::string InputFacts(const cli::InputInfo& in) {
  std::string s = std::string(parser::FormatName(in.format)) + "|" +
                  in.format_reason + "|" + in.tracer + "|";
  for (const std::string& f : in.features) s += f + ",";
  for (const parser::Section& sec : in.sections) {
    s += sec.format + "@" + std::to_string(sec.first_line) + ",";
  }
  for (uint64_t n : in.events_by_kind) s += std::to_string(n) + ",";
  return s + "|" + std::to_string(in.lines) + "|" + std::to_string(in.bytes) +
         "|" + std::to_string(in.events) + "|" +
         std::to_string(in.lost_events) + "|" + std::to_string(in.lost_unknown);
}

// The first difference between two loads, or "".
std::string FirstDifference(const cli::LoadedTrace& a,
                            const cli::LoadedTrace& b) {
  if (a.inputs.size() != b.inputs.size()) return "inputs";
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    if (InputFacts(a.inputs[i]) != InputFacts(b.inputs[i])) {
      return "input: " + InputFacts(a.inputs[i]) + " vs " +
             InputFacts(b.inputs[i]);
    }
  }
  if (a.diagnostics.kept() != b.diagnostics.kept()) return "diagnostics";
  if (a.diagnostics.skipped_lines() != b.diagnostics.skipped_lines()) {
    return "skipped lines";
  }
  if (a.strings.size() != b.strings.size()) return "string pool size";
  for (uint32_t i = 0; i < a.strings.size(); ++i) {
    if (a.strings.Get(StringId{i}) != b.strings.Get(StringId{i})) {
      return "string " + std::to_string(i);
    }
  }
  const analysis::CallForest& f = a.forest;
  const analysis::CallForest& g = b.forest;
  if (f.size() != g.size()) return "forest size";
  for (uint32_t i = 0; i < f.size(); ++i) {
    if (f.node(NodeId{i}) != g.node(NodeId{i})) {
      return "call " + std::to_string(i);
    }
  }
  if (f.threads() != g.threads()) return "threads";
  if (f.markers() != g.markers()) return "markers";
  if (f.syscalls() != g.syscalls()) return "syscalls";
  return "";
}

Status Load(const std::string& path, const char* block_bytes,
            cli::LoadedTrace* out) {
  setenv("FTRIAGE_BLOCK_BYTES", block_bytes, 1);
  return cli::LoadTraces({path}, std::nullopt, out);
}

}  // namespace
}  // namespace ftriage::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  if (size == 0) return 0;
  static const std::string path =
      "/tmp/ftriage-read-in-blocks-fuzz-" + std::to_string(getpid());
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data + 1),
             static_cast<std::streamsize>(size - 1));
  std::string block = std::to_string(1 + data[0]);
  cli::LoadedTrace a;
  cli::LoadedTrace b;
  Status in_blocks = fuzz::Load(path, block.c_str(), &a);
  Status one = fuzz::Load(path, "0", &b);
  std::string diff =
      in_blocks.ok() != one.ok() || in_blocks.message() != one.message()
          ? "status: " + in_blocks.message() + " vs " + one.message()
          : fuzz::FirstDifference(a, b);
  if (!diff.empty()) {
    std::fprintf(stderr, "blocks of %s bytes differ from one thread: %s\n",
                 block.c_str(), diff.c_str());
    std::abort();
  }
  return 0;
}
