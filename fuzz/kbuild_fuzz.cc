// The Kbuild parser on one Makefile, then the gates of the .c files it
// lists, resolved as the source index does (composites followed).
#include <string>
#include <string_view>

#include "kernel/source_kbuild.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ftriage;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<kernel::KbuildEntry> entries = kernel::ParseKbuild(text);
  std::vector<std::string> paths;
  for (const kernel::KbuildEntry& e : entries) {
    if (e.word.ends_with(".o")) {
      paths.push_back(e.word.substr(0, e.word.size() - 2) + ".c");
    }
  }
  kernel::KbuildGateResolver resolver;
  resolver.Add("", FileId{0}, entries);
  resolver.Add("sub", FileId{1}, std::move(entries));
  StringPool strings;
  for (const std::string& p : paths) {
    (void)resolver.GatesOf(p, strings);
    (void)resolver.GatesOf("sub/" + p, strings);
  }
  return 0;
}
