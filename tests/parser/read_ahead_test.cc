// Blocks begin at line starts and never inside a stack trace; the second
// thread reads each block it is given with a fresh reader, and says which
// ones read as they would in sequence (synthetic function tracer text).
#include "parser/read_ahead.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace ftriage::parser {
namespace {

// A file removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("ftriage-read-ahead-" + std::to_string(getpid()) + ".txt")) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Synthetic: hits with a stack trace after every third.
std::string SyntheticFunctionText(int hits) {
  std::string s = "# tracer: function\n";
  for (int i = 0; i < hits; ++i) {
    s += "            bash-1234  [001] .... 100.00000" +
         std::to_string(i % 10) + ": f" + std::to_string(i) + " <-caller\n";
    if (i % 3 == 0) {
      s += "            bash-1234  [001] .... 100.000009: <stack trace>\n";
      s += " => f" + std::to_string(i) + "\n => entry_SYSCALL_64\n";
    }
  }
  return s;
}

bool IsFrame(std::string_view line) {
  return line.find_first_not_of(' ') != std::string_view::npos &&
         line.substr(line.find_first_not_of(' '), 3) == "=> ";
}

TEST(ReadAheadTest, SyntheticBlocksStartAtLinesThatContinueNothing) {
  std::string text = SyntheticFunctionText(40);
  TempFile tmp(text);
  std::optional<PlainFile> file = PlainFile::Open(tmp.path());
  ASSERT_TRUE(file.has_value());
  for (uint64_t size : {1, 7, 100, 1000, 100000}) {
    std::vector<ByteRange> blocks = SplitIntoBlocks(*file, size, IsFrame);
    ASSERT_FALSE(blocks.empty());
    EXPECT_EQ(blocks.front().begin, 0u);
    EXPECT_EQ(blocks.back().end, text.size());
    for (size_t k = 0; k < blocks.size(); ++k) {
      EXPECT_LT(blocks[k].begin, blocks[k].end);
      if (k == 0) continue;
      EXPECT_EQ(blocks[k].begin, blocks[k - 1].end);
      EXPECT_EQ(text[blocks[k].begin - 1], '\n') << size << " " << k;
      EXPECT_FALSE(IsFrame(std::string_view(text).substr(blocks[k].begin)))
          << size << " " << k;
    }
  }
}

TEST(ReadAheadTest, SyntheticBlocksAfterTheFirstAreCleanAndCountTheirLines) {
  std::string text = SyntheticFunctionText(40);
  TempFile tmp(text);
  std::optional<PlainFile> file = PlainFile::Open(tmp.path());
  ASSERT_TRUE(file.has_value());
  std::vector<ByteRange> blocks = SplitIntoBlocks(*file, 150, IsFrame);
  ASSERT_GT(blocks.size(), 8u);
  ReadAhead ahead(*file, blocks, 1, TraceFormat::kFunction, FileId{0});
  for (size_t k = 1; k < blocks.size(); ++k) {
    std::unique_ptr<ReadBlock> b = ahead.Take(k);
    std::string_view block = std::string_view(text).substr(
        blocks[k].begin, blocks[k].end - blocks[k].begin);
    EXPECT_TRUE(b->clean) << k;
    EXPECT_EQ(b->bytes, block.size());
    EXPECT_EQ(
        b->reader->reader().lines(),
        static_cast<LineNo>(std::count(block.begin(), block.end(), '\n')));
    ahead.Recycle(std::move(b));
  }
}

TEST(ReadAheadTest, SyntheticLastBlockWithoutNewlineIsNotClean) {
  std::string text = SyntheticFunctionText(4);
  text.pop_back();
  TempFile tmp(text);
  std::optional<PlainFile> file = PlainFile::Open(tmp.path());
  ASSERT_TRUE(file.has_value());
  std::vector<ByteRange> blocks = SplitIntoBlocks(*file, 1, IsFrame);
  ASSERT_GT(blocks.size(), 2u);
  size_t last = blocks.size() - 1;
  ReadAhead ahead(*file, blocks, 1, TraceFormat::kFunction, FileId{0});
  for (size_t k = 1; k < blocks.size(); ++k) {
    EXPECT_EQ(ahead.Take(k)->clean, k != last) << k;
  }
}

TEST(ReadAheadTest, PlainFileIsNotStdinNorCompressed) {
  EXPECT_FALSE(PlainFile::Open("-").has_value());
  EXPECT_FALSE(PlainFile::Open("/nonexistent/trace.txt").has_value());
  TempFile gz(std::string("\x1f\x8b\x08\x00", 4));
  EXPECT_FALSE(PlainFile::Open(gz.path()).has_value());
}

}  // namespace
}  // namespace ftriage::parser
