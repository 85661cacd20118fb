#include "core/input_file.h"

#include <gtest/gtest.h>

#include "tests/support/run_cli_for_test.h"

namespace ftriage {
namespace {

std::string ReadAll(const std::string& path, Status* status) {
  std::string out;
  *status = ReadInput(path, [&](std::string_view c) { out.append(c); });
  return out;
}

TEST(InputFileTest, GzipAndZstdAreDecompressedTransparently) {
  Status s;
  std::string plain =
      ReadAll(testing::TestdataPath("seeds/bpf-xskmap-einval/bad.trace"), &s);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(ReadAll(testing::TestdataPath("compressed/bad.trace.gz"), &s),
            plain);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(ReadAll(testing::TestdataPath("compressed/bad.trace.zst"), &s),
            plain);
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(InputFileTest, TruncatedGzipIsAnErrorNamingTheFile) {
  Status s;
  ReadAll(testing::TestdataPath("compressed/bad.trace.truncated.gz"), &s);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad.trace.truncated.gz"), std::string::npos);
}

TEST(InputFileTest, MissingFileIsAnErrorNamingTheFile) {
  Status s;
  ReadAll("/nonexistent/trace.txt", &s);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "/nonexistent/trace.txt: cannot open: No such file or directory");
}

}  // namespace
}  // namespace ftriage
