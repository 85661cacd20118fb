// The prefaulter faults pages in on its own thread while the writer fills
// the block: it must never change a byte, whatever the order of the two.
#include "core/page_prefaulter.h"

#include <gtest/gtest.h>

#include "core/huge_page_allocator.h"

namespace ftriage {
namespace {

TEST(PagePrefaulterTest, WriterBytesSurviveAndStopIsClean) {
  constexpr size_t kBytes = PagePrefaulter::kAhead * 3 + 12345;
  char* block = static_cast<char*>(AllocateHugeBlock(kBytes));
  {
    PagePrefaulter ahead(block, kBytes);
    for (size_t i = 0; i < kBytes; i += 4096) {
      block[i] = static_cast<char>(i / 4096);
      if (i % (1 << 20) == 0) ahead.Advance(i);
    }
    ahead.Advance(kBytes);
  }  // stops mid-way or after the end: both must join
  for (size_t i = 0; i < kBytes; i += 4096) {
    ASSERT_EQ(block[i], static_cast<char>(i / 4096)) << i;
  }
  FreeHugeBlock(block, kBytes);
}

TEST(PagePrefaulterTest, DestroyedBeforeAnyAdvance) {
  constexpr size_t kBytes = size_t{4} << 20;
  char* block = static_cast<char*>(AllocateHugeBlock(kBytes));
  { PagePrefaulter ahead(block, kBytes); }
  FreeHugeBlock(block, kBytes);
}

}  // namespace
}  // namespace ftriage
