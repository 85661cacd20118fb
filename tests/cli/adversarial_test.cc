// Adversarial inputs through the real CLI (issue #8): files cut anywhere
// (mid-line, mid-UTF-8 sequence), 10 MB lines, NUL bytes, timestamps going
// backwards, duplicated lines and a log pasted twice, CRLF, corrupt
// compressed files, and a file that grows while it is read. Each checks the
// exit code and message the README documents, and that every readable line
// is still read: the events of the lines not tampered with are exactly
// those of the original file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// A directory of its own under the system's temporary directory.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("ftriage-adversarial-" + std::to_string(getpid()) + "-" +
             std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Writes |bytes| to |name| in the directory; returns its absolute path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string Path(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

// `ftriage parse --events FILE`: one object per event.
std::vector<Json> Events(const std::string& file, CliResult* result = nullptr) {
  CliResult r = RunCliInTestdata({"parse", "--events", file});
  std::vector<Json> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    out.push_back(Json::parse(line));
  }
  if (result != nullptr) *result = r;
  return out;
}

Json ParseJson(const std::string& file) {
  CliResult r = RunCliInTestdata({"parse", "--json", file});
  EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
  return Json::parse(r.out);
}

// |events| with line numbers moved by |shift| from line |from| on.
std::vector<Json> Shifted(std::vector<Json> events, uint64_t from,
                          uint64_t shift) {
  for (Json& e : events) {
    if (e["line"].get<uint64_t>() >= from)
      e["line"] = e["line"].get<uint64_t>() + shift;
  }
  return events;
}

// |events| without those of lines |skip|.
std::vector<Json> Without(std::vector<Json> events,
                          const std::vector<uint64_t>& skip) {
  std::erase_if(events, [&](const Json& e) {
    return std::find(skip.begin(), skip.end(), e["line"].get<uint64_t>()) !=
           skip.end();
  });
  return events;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines,
                      const char* eol = "\n") {
  std::string out;
  for (const std::string& l : lines) out += l + eol;
  return out;
}

const char* const kFuncgraph = "seeds/bpf-xskmap-einval/bad.trace";
const char* const kRetsnoop = "seeds/veth-xdp-enospc/retsnoop-T.log";

// A file cut anywhere (a copy interrupted, a log pasted partly) is read up
// to the cut: every event of a complete line is the original's, a stack
// trace cut short keeps the frames before the cut, and the partial last
// line is read as far as it goes (or skipped). Exit 0; exit 2 ("nothing in
// it was recognized") only when no complete line held a record.
TEST(AdversarialTest, FileCutAnywhereKeepsEveryCompleteLine) {
  TempDir dir;
  size_t cuts = 0;
  for (const char* sample :
       {kFuncgraph, kRetsnoop,
        "seeds/ia32-clock-gettime-enosys/function-stack.trace",
        "seeds/mount-max-enospc/trace-bpfcc-retvals.log",
        "real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt"}) {
    const std::string text = ReadFile(TestdataPath(sample));
    const std::vector<Json> full = Events(sample);
    // Mid-line cuts spread over the file, and every byte of the first
    // multi-byte UTF-8 sequences (retsnoop's arrows).
    std::vector<size_t> at;
    for (size_t i = 1; i < 24; ++i) at.push_back(text.size() * i / 24);
    size_t utf8 = 0;
    for (size_t i = 0; i < text.size() && utf8 < 6; ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0xC0) {
        at.push_back(i + 1);
        at.push_back(i + 2);
        ++utf8;
      }
    }
    for (size_t cut : at) {
      std::string part = text.substr(0, cut);
      const uint64_t complete =
          static_cast<uint64_t>(std::count(part.begin(), part.end(), '\n'));
      CliResult r;
      std::vector<Json> got = Events(dir.Write("cut", part), &r);
      std::vector<Json> want;
      for (const Json& e : full) {
        if (e["line"].get<uint64_t>() <= complete) want.push_back(e);
      }
      ++cuts;
      SCOPED_TRACE(std::string(sample) + " cut at byte " + std::to_string(cut));
      if (want.empty()) {
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << r.err;
        if (r.exit_code == 2) {
          EXPECT_TRUE(r.err.find("nothing in it was recognized") !=
                          std::string::npos ||
                      r.err.find("no known trace format") != std::string::npos)
              << r.err;
        }
        continue;
      }
      ASSERT_EQ(r.exit_code, 0) << r.err;
      ASSERT_GE(got.size(), want.size());
      for (size_t i = 0; i < want.size(); ++i) {
        Json w = want[i];
        Json g = got[i];
        // A stack whose frames run past the cut keeps those before it, the
        // last one cut where the line is.
        if (w.contains("frames") && i + 1 == want.size()) {
          Json gf = g.value("frames", Json::array());
          ASSERT_LE(gf.size(), w["frames"].size());
          for (size_t k = 0; k < gf.size(); ++k) {
            std::string frame = gf[k];
            std::string full_frame = w["frames"][k];
            if (k + 1 == gf.size()) {
              EXPECT_TRUE(full_frame.starts_with(frame)) << frame;
            } else {
              EXPECT_EQ(frame, full_frame);
            }
          }
          w.erase("frames");
          g.erase("frames");
        }
        EXPECT_EQ(g, w);
      }
    }
  }
  EXPECT_GT(cuts, 100u);
}

// A 10 MB line of junk is one skipped line; a 10 MB record (an entry with
// 10 MB of arguments) is read. Every other line reads as before.
TEST(AdversarialTest, TenMegabyteLines) {
  TempDir dir;
  std::vector<std::string> lines =
      SplitLines(ReadFile(TestdataPath(kFuncgraph)));
  const std::vector<Json> original = Events(kFuncgraph);
  // After line 4: the junk line (5) and the huge record (6) with its exit (7).
  std::string args;
  while (args.size() < (10u << 20)) args += "arg=0x1234, ";
  std::vector<std::string> big(lines.begin(), lines.begin() + 4);
  big.push_back(std::string(10u << 20, 'x'));
  big.push_back(" 0)               |    huge_args(" + args + "z=1) {");
  big.push_back(" 0)   1.000 us    |    }");
  big.insert(big.end(), lines.begin() + 4, lines.end());
  std::string file = dir.Write("long.trace", JoinLines(big));
  CliResult r;
  std::vector<Json> got = Events(file, &r);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("long.trace:5: warning: not a trace record "
                       "[unrecognized_line]"),
            std::string::npos)
      << r.err.substr(0, 500);
  ASSERT_GE(got.size(), 2u);
  auto huge = std::find_if(got.begin(), got.end(),
                           [](const Json& e) { return e["line"] == 6; });
  ASSERT_NE(huge, got.end());
  EXPECT_EQ((*huge)["func"], "huge_args");
  EXPECT_GT((*huge)["text"].get<std::string>().size(), 10u << 20);
  EXPECT_EQ(Without(got, {6, 7}), Shifted(original, 5, 3));
}

// NUL bytes: a line of NULs and a record with a NUL in it are each one
// skipped line ("binary data", a warning); the others read as before.
TEST(AdversarialTest, NulBytes) {
  TempDir dir;
  std::vector<std::string> lines =
      SplitLines(ReadFile(TestdataPath(kFuncgraph)));
  const std::vector<Json> original = Events(kFuncgraph);
  std::vector<std::string> nul = lines;
  nul[3].insert(10, 1, '\0');                          // line 4
  nul.insert(nul.begin() + 1, std::string(64, '\0'));  // line 2
  std::string file = dir.Write("nul.trace", JoinLines(nul));
  CliResult r;
  std::vector<Json> got = Events(file, &r);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {":2: warning: binary data", ":5: warning: binary data"}) {
    EXPECT_NE(r.err.find(std::string("nul.trace") + line), std::string::npos)
        << r.err;
  }
  EXPECT_EQ(got, Shifted(Without(original, {4}), 2, 1));
  EXPECT_EQ(ParseJson(file)["skipped"], 2);
}

// Reverses the order of the timestamps matched by |re| (group 2) in |text|.
std::string ReverseTimestamps(const std::string& text, const std::regex& re) {
  std::vector<std::string> lines = SplitLines(text);
  std::vector<std::string> stamps;
  std::smatch m;
  for (const std::string& l : lines) {
    if (std::regex_search(l, m, re)) stamps.push_back(m[2]);
  }
  size_t next = stamps.size();
  for (std::string& l : lines) {
    if (std::regex_search(l, m, re)) {
      l = m.prefix().str() + m[1].str() + stamps[--next] + m[3].str() +
          m.suffix().str();
    }
  }
  return JoinLines(lines);
}

// Timestamps going backwards (clocks of different CPUs, a merged log):
// lines are read in input order, each event keeps its timestamp as
// printed, the call trees and failures are those of the original; a
// duration that would come out negative from them is not shown.
TEST(AdversarialTest, TimestampsGoingBackwards) {
  TempDir dir;
  const std::string graph =
      "corpus/function_graph/ftrace-rst-funcgraph-abstime.txt";
  std::string back = dir.Write(
      "graph.txt", ReverseTimestamps(ReadFile(TestdataPath(graph)),
                                     std::regex(R"(^()(\d+\.\d{6})( \|))")));
  CliResult a = RunCliInTestdata({"tree", graph});
  CliResult b = RunCliInTestdata({"tree", back});
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
  std::vector<Json> events = Events(back);
  std::vector<Json> original = Events(graph);
  ASSERT_EQ(events.size(), original.size());
  EXPECT_GT(events.front()["timestamp_ns"], events.back()["timestamp_ns"]);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["line"], original[i]["line"]);
    EXPECT_EQ(events[i]["func"], original[i]["func"]);
  }
  EXPECT_EQ(ParseJson(back)["skipped"], ParseJson(graph)["skipped"]);

  // Function tracer: syscall nodes take their durations from timestamps.
  const std::string func = "real/6.1.0-56-amd64_x86_64_func-stack_openat.txt";
  std::string fback = dir.Write(
      "func.txt", ReverseTimestamps(ReadFile(TestdataPath(func)),
                                    std::regex(R"((\s)(\d+\.\d{6})(:))")));
  CliResult e1 = RunCliInTestdata({"errors", func});
  CliResult e2 = RunCliInTestdata({"errors", fback});
  EXPECT_EQ(e1.exit_code, 1);
  EXPECT_EQ(e2.exit_code, 1);
  EXPECT_EQ(e1.out, e2.out);
  CliResult t = RunCliInTestdata({"tree", "--json", fback});
  EXPECT_EQ(t.out.find("\"duration_ns\":-"), std::string::npos);
  EXPECT_EQ(Events(fback).size(), Events(func).size());
}

// Every line twice: each copy is read (a function_graph entry twice opens
// two calls, a probe twice is two probes), nothing is skipped. A whole log
// pasted twice: its failure is found twice and folded into one group.
TEST(AdversarialTest, DuplicatedLines) {
  TempDir dir;
  for (const char* sample :
       {kFuncgraph, kRetsnoop, "seeds/mount-max-enospc/trace-bpfcc-retvals.log",
        "real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt",
        "seeds/ia32-clock-gettime-enosys/function-stack.trace"}) {
    SCOPED_TRACE(sample);
    const std::string text = ReadFile(TestdataPath(sample));
    std::vector<std::string> doubled;
    for (const std::string& l : SplitLines(text)) {
      doubled.push_back(l);
      doubled.push_back(l);
    }
    std::string file = dir.Write("dup", JoinLines(doubled));
    Json j = ParseJson(file);
    Json o = ParseJson(sample);
    EXPECT_EQ(j["lines"], 2 * o["lines"].get<uint64_t>());
    EXPECT_EQ(j["skipped"], 2 * o["skipped"].get<uint64_t>());
    std::string s(sample);
    if (!s.ends_with(".log") && s.find("stack") == std::string::npos) {
      // function_graph: each copy reads exactly as the original line.
      std::vector<Json> want;
      for (const Json& e : Events(sample)) {
        for (uint64_t k : {1, 0}) {
          Json d = e;
          d["line"] = 2 * e["line"].get<uint64_t>() - k;
          want.push_back(d);
        }
      }
      EXPECT_EQ(Events(file), want);
    }
  }
  for (const char* sample : {kFuncgraph, kRetsnoop}) {
    const std::string text = ReadFile(TestdataPath(sample));
    std::string twice = dir.Write("twice", text + text);
    CliResult r = RunCliInTestdata({"errors", "--json", twice});
    EXPECT_EQ(r.exit_code, 1);
    Json failures = Json::parse(r.out)["failures"];
    ASSERT_EQ(failures.size(), 1u) << sample;
    EXPECT_EQ(failures[0]["count"], 2);
    EXPECT_EQ(failures[0]["last_line"].get<uint64_t>() -
                  failures[0]["first_line"].get<uint64_t>(),
              SplitLines(text).size());
  }
}

// CRLF line ends read exactly as LF ones.
TEST(AdversarialTest, CrlfReadsLikeLf) {
  TempDir dir;
  for (const char* sample :
       {kFuncgraph, kRetsnoop, "seeds/mount-max-enospc/syscount.log",
        "seeds/ia32-clock-gettime-enosys/function-stack.trace"}) {
    SCOPED_TRACE(sample);
    std::string lf = dir.Write("lf", ReadFile(TestdataPath(sample)));
    std::string crlf =
        dir.Write("crlf", JoinLines(SplitLines(ReadFile(lf)), "\r\n"));
    EXPECT_EQ(Events(crlf), Events(lf));
    CliResult a = RunCliInTestdata({"errors", lf});
    CliResult b = RunCliInTestdata({"errors", crlf});
    EXPECT_EQ(a.exit_code, b.exit_code);
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(RunCliInTestdata({"tree", lf}).out,
              RunCliInTestdata({"tree", crlf}).out);
  }
}

// Corrupt compressed input is an error naming the file (exit 2): a
// truncated .gz or .zst, a .gz with a damaged byte, a bare gzip header.
TEST(AdversarialTest, CorruptCompressedFiles) {
  TempDir dir;
  const std::string gz = ReadFile(TestdataPath("compressed/bad.trace.gz"));
  const std::string zst = ReadFile(TestdataPath("compressed/bad.trace.zst"));
  std::string flipped = gz;
  flipped[gz.size() / 2] = static_cast<char>(flipped[gz.size() / 2] ^ 0x55);
  struct Case {
    std::string name;
    std::string bytes;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"flipped.gz", flipped, ": corrupt compressed data: "},
           {"header.gz", gz.substr(0, 10), ": compressed data ends early"},
           {"cut.gz", gz.substr(0, gz.size() - 9),
            ": compressed data ends early"},
           {"cut.zst", zst.substr(0, zst.size() - 6),
            ": compressed data ends early"},
       }) {
    std::string file = dir.Write(c.name, c.bytes);
    CliResult r = RunCliInTestdata({"tree", file});
    EXPECT_EQ(r.exit_code, 2) << c.name;
    EXPECT_NE(r.err.find(file + c.message), std::string::npos)
        << c.name << ": " << r.err;
  }
  CliResult r = RunCliInTestdata({"tree", "compressed/bad.trace.truncated.gz"});
  EXPECT_EQ(r.exit_code, 2);
}

// A file that grows while ftriage reads it (a capture still running): it
// reads up to the end of file it sees, then stops (no follow mode). Every
// line present then is read; a line being written at that moment is read
// as far as it was written. Read again later, the whole file is read.
void ReadFileGrowingWhileRead() {
  TempDir dir;
  const std::string path = dir.Path("growing.trace");
  constexpr int kLines = 60000;
  constexpr int kBurst = 300;
  auto line = [](int i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " 0)   0.100 us    |  f_%06d();\n", i);
    return std::string(buf);
  };
  auto name = [](int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "f_%06d", i);
    return std::string(buf);
  };
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  ASSERT_GE(fd, 0);
  constexpr int kBefore = 2000;  // written before the read starts
  std::string head;
  for (int i = 1; i <= kBefore; ++i) head += line(i);
  ASSERT_EQ(write(fd, head.data(), head.size()),
            static_cast<ssize_t>(head.size()));
  std::thread writer([&] {
    for (int i = kBefore + 1; i <= kLines; i += kBurst) {
      std::string burst;
      for (int k = i; k < i + kBurst && k <= kLines; ++k) burst += line(k);
      if (write(fd, burst.data(), burst.size()) !=
          static_cast<ssize_t>(burst.size())) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  CliResult r;
  std::vector<Json> got = Events(path, &r);
  writer.join();
  close(fd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_GE(got.size(), static_cast<size_t>(kBefore));
  ::testing::Test::RecordProperty("lines_read_while_growing",
                                  static_cast<int>(got.size()));
  // Lines 1..N, each the leaf written there; only the last may be partial.
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i]["line"], i + 1);
    std::string want = name(static_cast<int>(i + 1));
    if (i + 1 < got.size()) {
      ASSERT_EQ(got[i]["func"], want);
    } else {
      EXPECT_TRUE(want.starts_with(got[i]["func"].get<std::string>()));
    }
  }
  // Once the writer is done, everything is there.
  std::vector<Json> all = Events(path, &r);
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_EQ(all.size(), static_cast<size_t>(kLines));
  EXPECT_EQ(all.back()["func"], name(kLines));
}

TEST(AdversarialTest, FileGrowingWhileRead) { ReadFileGrowingWhileRead(); }

// The same read in blocks on two threads: the blocks cover the file as it
// was when opened, the rest is read on to the end as it is then.
TEST(AdversarialTest, FileGrowingWhileReadInBlocks) {
  setenv("FTRIAGE_BLOCK_BYTES", "4096", 1);
  ReadFileGrowingWhileRead();
  unsetenv("FTRIAGE_BLOCK_BYTES");
}

}  // namespace
}  // namespace ftriage::testing
