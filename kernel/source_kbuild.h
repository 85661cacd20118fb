#ifndef FTRIAGE_KERNEL_SOURCE_KBUILD_H_
#define FTRIAGE_KERNEL_SOURCE_KBUILD_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "core/string_pool.h"
#include "kernel/source_model.h"

namespace ftriage::kernel {

// One CONFIG_ condition of a Kbuild line.
struct KbuildCondition {
  std::string option;
  bool negated = false;
};

// One word of an object list in a Kbuild makefile, with the options it
// depends on: from the variable's name (obj-$(CONFIG_X)) first, then from
// the enclosing ifeq/ifneq/ifdef/ifndef blocks, innermost first.
struct KbuildEntry {
  // "" for obj-*, lib-* and subdir-* lists; the composite object's name
  // ("xsk" for xsk-y += a.o) for its member lists.
  std::string composite;
  std::string word;  // "xskmap.o", "xdp/", "sub/file.o"
  LineNo line = 0;   // first line of the (continued) assignment
  std::vector<KbuildCondition> conditions;
};

// Reads the object lists of a Makefile or Kbuild file: obj-y, obj-m,
// obj-$(CONFIG_X), lib-*, subdir-*, composite members (foo-y, foo-objs,
// foo-$(CONFIG_Y)), with continuation lines and ifeq ($(CONFIG_X),y),
// ifneq, ifdef and ifndef blocks. Not make: variables are not expanded,
// and words containing "$(" are left out.
std::vector<KbuildEntry> ParseKbuild(std::string_view text);

// Which Kbuild lines a .c file depends on: the line that lists its object
// (directly or through a composite object), then the line in each parent
// directory that descends into the directory below. One makefile line per
// level: when an object is listed on several lines the first one counts.
class KbuildGateResolver {
 public:
  // The entries of |makefile| (FileId in the index) in directory |dir|,
  // relative to the tree's root ("" for the root, else "net/xdp").
  void Add(const std::string& dir, FileId makefile,
           std::vector<KbuildEntry> entries);

  // The gates of the .c file at |path| ("net/xdp/xskmap.c"), innermost
  // first, options interned into |strings|.
  std::vector<MakefileGate> GatesOf(std::string_view path,
                                    StringPool& strings) const;

 private:
  struct Listed {
    FileId makefile;
    const KbuildEntry* entry;
  };
  struct Makefile {
    FileId file;
    std::vector<KbuildEntry> entries;
    // First entry per word: in obj-/lib-/subdir- lists, in composites.
    // Keys view the entries' words.
    std::unordered_map<std::string_view, size_t> listed;
    std::unordered_map<std::string_view, size_t> members;
  };

  // The first line of |dir| listing |word|: in an obj-/lib-/subdir- list,
  // else in a composite's member list.
  bool FindListed(std::string_view dir, std::string_view word,
                  Listed* out) const;
  // Appends the gates of |word| ("a.o", "sub/") in |dir|, composites
  // followed; false when no line of |dir| lists it.
  bool ObjectGates(std::string_view dir, std::string_view word, int depth,
                   StringPool& strings, std::vector<MakefileGate>* out) const;

  std::map<std::string, std::vector<Makefile>, std::less<>> dirs_;
};

}  // namespace ftriage::kernel

#endif  // FTRIAGE_KERNEL_SOURCE_KBUILD_H_
