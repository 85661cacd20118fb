#include "kernel/source_kbuild.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ftriage::kernel {
namespace {

using Strings = std::vector<std::string>;

// "word@line [composite] CONFIG_A !CONFIG_B" per entry.
Strings Describe(const std::vector<KbuildEntry>& entries) {
  Strings out;
  for (const KbuildEntry& e : entries) {
    std::string s = e.word + "@" + std::to_string(e.line);
    if (!e.composite.empty()) s += " [" + e.composite + "]";
    for (const KbuildCondition& c : e.conditions) {
      s += std::string(" ") + (c.negated ? "!" : "") + c.option;
    }
    out.push_back(s);
  }
  return out;
}

TEST(SourceKbuildTest, SyntheticObjectListsWithContinuations) {
  EXPECT_EQ(
      Describe(ParseKbuild("# SPDX-License-Identifier: GPL-2.0\n"
                           "obj-$(CONFIG_XDP_SOCKETS) += xsk.o xdp_umem.o \\\n"
                           "\t\t\t     xskmap.o # the map\n"
                           "obj-y += core.o\n"
                           "obj-m := mod.o\n"
                           "lib-$(CONFIG_LIB) += lib1.o\n"
                           "obj-$(CONFIG_SUB)\t+= sub/ deeper/dir/\n"
                           "obj-$(subst m,y,$(CONFIG_SUBST)) += subst.o\n"
                           "obj-y += $(objs-y) generated.S.o\n"
                           "subdir-ccflags-y += -Werror\n"
                           "ccflags-y := -I$(src)\n"
                           "targets += vmlinux.o\n"
                           "$(obj)/x.o: $(src)/x.c\n")),
      (Strings{"xsk.o@2 CONFIG_XDP_SOCKETS", "xdp_umem.o@2 CONFIG_XDP_SOCKETS",
               "xskmap.o@2 CONFIG_XDP_SOCKETS", "core.o@4", "mod.o@5",
               "lib1.o@6 CONFIG_LIB", "sub/@7 CONFIG_SUB",
               "deeper/dir/@7 CONFIG_SUB", "subst.o@8 CONFIG_SUBST",
               "generated.S.o@9"}));
}

TEST(SourceKbuildTest, SyntheticCompositeObjects) {
  EXPECT_EQ(Describe(ParseKbuild("foo-y := a.o\n"
                                 "foo-$(CONFIG_FOO_B) += b.o\n"
                                 "foo-objs += c.o\n"
                                 "obj-$(CONFIG_FOO) += foo.o\n")),
            (Strings{"a.o@1 [foo]", "b.o@2 [foo] CONFIG_FOO_B", "c.o@3 [foo]",
                     "foo.o@4 CONFIG_FOO"}));
}

TEST(SourceKbuildTest, SyntheticConditionalBlocks) {
  EXPECT_EQ(
      Describe(ParseKbuild("ifeq ($(CONFIG_A),y)\n"
                           "obj-y += a.o\n"
                           "else\n"
                           "obj-y += not_a.o\n"
                           "endif\n"
                           "ifdef CONFIG_MMU\n"
                           "\tobj-$(CONFIG_ADVISE_SYSCALLS) += madvise.o\n"
                           "endif\n"
                           "ifneq ($(CONFIG_B),)\n"
                           "obj-y += b.o\n"
                           "endif\n"
                           "ifndef CONFIG_C\n"
                           "obj-y += no_c.o\n"
                           "endif\n"
                           "ifeq ($(ARCH),x86)\n"
                           "obj-y += arch.o\n"
                           "else ifeq ($(CONFIG_D),y)\n"
                           "obj-y += d.o\n"
                           "endif\n"
                           "define recipe\n"
                           "obj-y += in_define.o\n"
                           "endef\n")),
      (Strings{"a.o@2 CONFIG_A", "not_a.o@4 !CONFIG_A",
               "madvise.o@7 CONFIG_ADVISE_SYSCALLS CONFIG_MMU",
               "b.o@10 CONFIG_B", "no_c.o@13 !CONFIG_C", "arch.o@16",
               "d.o@18 CONFIG_D"}));
}

// A resolver over synthetic makefiles, FileIds in the order added: 0
// Kbuild, 1 net/, 2 net/xdp/, 3 fs/, 4 fs/foo/, 5 drivers/.
class SourceKbuildResolverTest : public ::testing::Test {
 protected:
  SourceKbuildResolverTest() {
    resolver_.Add("", FileId{0},
                  ParseKbuild("obj-y += fs/ drivers/\n"
                              "obj-$(CONFIG_NET) += net/\n"));
    resolver_.Add("net", FileId{1},
                  ParseKbuild("obj-$(CONFIG_XDP_SOCKETS) += xdp/\n"));
    resolver_.Add("net/xdp", FileId{2},
                  ParseKbuild("obj-$(CONFIG_XDP_SOCKETS) += xskmap.o\n"));
    resolver_.Add("fs", FileId{3}, ParseKbuild("obj-$(CONFIG_FOO) += foo/\n"));
    resolver_.Add("fs/foo", FileId{4},
                  ParseKbuild("foo-y := a.o\n"
                              "foo-$(CONFIG_FOO_B) += b.o\n"
                              "obj-$(CONFIG_FOO) += foo.o\n"));
    resolver_.Add("drivers", FileId{5},
                  ParseKbuild("obj-$(CONFIG_GPU) += gpu/drm/\n"
                              "obj-$(CONFIG_Y) += x/y.o\n"));
  }

  // "CONFIG_X@file:line" per gate, innermost first.
  Strings Gates(std::string_view path) {
    Strings out;
    for (const MakefileGate& g : resolver_.GatesOf(path, pool_)) {
      out.push_back(std::string(g.negated ? "!" : "") +
                    std::string(pool_.Get(g.option)) + "@" +
                    std::to_string(g.makefile.value) + ":" +
                    std::to_string(g.line));
    }
    return out;
  }

  KbuildGateResolver resolver_;
  StringPool pool_;
};

TEST_F(SourceKbuildResolverTest, SyntheticWalksUpTheDirectories) {
  EXPECT_EQ(Gates("net/xdp/xskmap.c"),
            (Strings{"CONFIG_XDP_SOCKETS@2:1", "CONFIG_XDP_SOCKETS@1:1",
                     "CONFIG_NET@0:2"}));
}

TEST_F(SourceKbuildResolverTest, SyntheticCompositeMembers) {
  EXPECT_EQ(Gates("fs/foo/a.c"), (Strings{"CONFIG_FOO@4:3", "CONFIG_FOO@3:1"}));
  EXPECT_EQ(Gates("fs/foo/b.c"),
            (Strings{"CONFIG_FOO_B@4:2", "CONFIG_FOO@4:3", "CONFIG_FOO@3:1"}));
}

TEST_F(SourceKbuildResolverTest, SyntheticPathsListedByAnAncestor) {
  EXPECT_EQ(Gates("drivers/x/y.c"), Strings{"CONFIG_Y@5:2"});
  EXPECT_EQ(Gates("drivers/gpu/drm/drm_file.c"), Strings{"CONFIG_GPU@5:1"});
}

TEST_F(SourceKbuildResolverTest, SyntheticUnlistedFilesHaveNoFileGate) {
  EXPECT_EQ(Gates("net/xdp/unlisted.c"),
            (Strings{"CONFIG_XDP_SOCKETS@1:1", "CONFIG_NET@0:2"}));
  EXPECT_TRUE(Gates("init/main.c").empty());
  EXPECT_TRUE(Gates("top.c").empty());
}

}  // namespace
}  // namespace ftriage::kernel
