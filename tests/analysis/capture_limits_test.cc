// FindCaptureLimits on real captures made with max_graph_depth and
// tracing_thresh (testdata/real, tools/capture profiles fgraph-depth3 and
// fgraph-thresh), on perf-tools' funcslower output, on every pair of real
// captures made without either (nothing may be found there), and on one
// synthetic trace for the in-run evidence rule.
#include "analysis/capture_limits.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/load_trace.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::analysis {
namespace {

constexpr char kGood[] = "real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt";
constexpr char kDepth3[] =
    "real/6.1.0-56-amd64_x86_64_fgraph-depth3_bpf-bad.txt";
constexpr char kThresh[] =
    "real/6.1.0-56-amd64_x86_64_fgraph-thresh_bpf-bad.txt";

std::unique_ptr<cli::LoadedTrace> Load(const std::string& path) {
  auto t = std::make_unique<cli::LoadedTrace>();
  Status s = cli::LoadTraces({path}, std::nullopt, t.get());
  EXPECT_TRUE(s.ok()) << path << ": " << s.message();
  return t;
}

std::unique_ptr<cli::LoadedTrace> LoadTestdata(const std::string& rel) {
  return Load(testing::TestdataPath(rel));
}

std::string Name(const CallForest& f, NodeId id) {
  return std::string(f.name(f.node(id).func));
}

std::vector<std::string> CutNames(const CallForest& f, const CaptureLimits& l) {
  std::vector<std::string> out;
  for (const CutCall& c : l.cut) out.push_back(Name(f, c.leaf));
  return out;
}

NodeId FirstCall(const CallForest& f, const std::string& name) {
  for (size_t i = 0; i < f.size(); ++i) {
    NodeId id{static_cast<uint32_t>(i)};
    if (!f.node(id).func.is_none() && Name(f, id) == name) return id;
  }
  return NodeId::None();
}

// max_graph_depth=3: depth 2 holds capable(), map_create() and others as
// leaves; GOOD shows their callees.
TEST(CaptureLimitsTest, RealMaxGraphDepthCutFoundAgainstGood) {
  auto good = LoadTestdata(kGood);
  auto bad = LoadTestdata(kDepth3);
  const CallForest& b = bad->forest;
  CaptureLimits l =
      FindCaptureLimits(b, NodeId::None(), &good->forest, NodeId::None());
  ASSERT_TRUE(l.depth_cut());
  EXPECT_FALSE(l.returns_only());
  EXPECT_EQ(l.deepest, 2);
  EXPECT_EQ(CutNames(b, l),
            (std::vector<std::string>{"capable", "__check_object_size",
                                      "security_bpf", "map_create"}));
  for (const CutCall& c : l.cut) {
    EXPECT_TRUE(c.in_other);
    EXPECT_EQ(Name(good->forest, c.with_callees), Name(b, c.leaf));
    EXPECT_FALSE(good->forest.node(c.with_callees).first_child.is_none());
  }
  EXPECT_TRUE(l.HidesCalleesOf(b, FirstCall(b, "map_create")));
  EXPECT_FALSE(l.HidesCalleesOf(b, FirstCall(b, "__sys_bpf")));
  std::vector<CaptureNote> notes =
      DescribeCaptureLimits(l, b, "BAD", &good->forest, "GOOD");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].setting, "max_graph_depth");
  EXPECT_NE(notes[0].sentence.find("capable (BAD line 10)"), std::string::npos)
      << notes[0].sentence;
  EXPECT_NE(notes[0].sentence.find("max_graph_depth to 3"), std::string::npos);
}

// Alone, the depth-3 capture shows no function both cut and with callees:
// nothing is claimed.
TEST(CaptureLimitsTest, RealMaxGraphDepthAloneClaimsNothing) {
  auto bad = LoadTestdata(kDepth3);
  CaptureLimits l =
      FindCaptureLimits(bad->forest, NodeId::None(), nullptr, NodeId::None());
  EXPECT_FALSE(l.depth_cut());
  EXPECT_FALSE(l.returns_only());
}

// tracing_thresh=20: only "} /* f */" returns; the shortest is
// security_bpf's 27.752 us.
TEST(CaptureLimitsTest, RealTracingThreshIsReturnsOnly) {
  auto bad = LoadTestdata(kThresh);
  const CallForest& b = bad->forest;
  CaptureLimits l =
      FindCaptureLimits(b, NodeId::None(), nullptr, NodeId::None());
  ASSERT_TRUE(l.returns_only());
  EXPECT_EQ(l.shortest_ns, 27752);
  EXPECT_EQ(Name(b, l.shortest), "security_bpf");
  EXPECT_EQ(b.node(l.shortest).line, 11u);
  EXPECT_TRUE(l.HidesCalleesOf(b, FirstCall(b, "map_create")));
  std::vector<CaptureNote> notes =
      DescribeCaptureLimits(l, b, "BAD", nullptr, "GOOD");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].setting, "tracing_thresh");
}

TEST(CaptureLimitsTest, FuncslowerOutputIsReturnsOnly) {
  for (const char* rel :
       {"corpus/function_graph/perf-tools-funcslower-proc-abstime-thresh.txt",
        "corpus/function_graph/perf-tools-funcslower-thresh-tail-only.txt"}) {
    auto t = LoadTestdata(rel);
    CaptureLimits l =
        FindCaptureLimits(t->forest, NodeId::None(), nullptr, NodeId::None());
    EXPECT_TRUE(l.returns_only()) << rel;
  }
}

// Every real function_graph capture made without either setting, alone and
// against every other capture of the same syscall: no limit is claimed.
TEST(CaptureLimitsTest, NoLimitInUnlimitedRealCaptures) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::unique_ptr<cli::LoadedTrace>>> runs;
  for (const auto& e : fs::directory_iterator(testing::TestdataPath("real"))) {
    std::string name = e.path().filename().string();
    if (name.find("_fgraph") == std::string::npos || !name.ends_with(".txt") ||
        name.find("depth3") != std::string::npos ||
        name.find("thresh") != std::string::npos) {
      continue;
    }
    std::string syscall = name.substr(name.rfind('_') + 1);
    syscall = syscall.substr(0, syscall.find_first_of("-."));
    runs.emplace_back(syscall, Load(e.path().string()));
  }
  ASSERT_GT(runs.size(), 30u);
  size_t pairs = 0;
  for (const auto& [sa, a] : runs) {
    CaptureLimits alone =
        FindCaptureLimits(a->forest, NodeId::None(), nullptr, NodeId::None());
    EXPECT_FALSE(alone.depth_cut() || alone.returns_only())
        << a->inputs.front().path;
    for (const auto& [sb, b] : runs) {
      if (a == b || sa != sb) continue;
      ++pairs;
      CaptureLimits l = FindCaptureLimits(a->forest, NodeId::None(), &b->forest,
                                          NodeId::None());
      EXPECT_FALSE(l.depth_cut())
          << a->inputs.front().path << " vs " << b->inputs.front().path;
    }
  }
  EXPECT_GE(pairs, 600u);  // 642 when written
}

// Synthetic: alpha and gamma have callees at depth 1 and are leaves at depth
// 2, the deepest level, which holds every leaf: cut, from this run alone.
TEST(CaptureLimitsTest, SyntheticCutProvenWithinTheRun) {
  std::string path = ::testing::TempDir() + "/synthetic_depth_cut.txt";
  std::ofstream(path) << "# tracer: function_graph\n"
                         " 0)               |  root() {\n"
                         " 0)               |    alpha() {\n"
                         " 0)   1.000 us    |      leaf1();\n"
                         " 0)   3.000 us    |    }\n"
                         " 0)               |    mid() {\n"
                         " 0)   9.000 us    |      alpha();\n"
                         " 0)   9.000 us    |      gamma();\n"
                         " 0) + 20.000 us   |    }\n"
                         " 0)               |    gamma() {\n"
                         " 0)   1.000 us    |      leaf2();\n"
                         " 0)   3.000 us    |    }\n"
                         " 0) + 40.000 us   |  }\n";
  auto t = Load(path);
  const CallForest& f = t->forest;
  CaptureLimits l =
      FindCaptureLimits(f, NodeId::None(), nullptr, NodeId::None());
  ASSERT_TRUE(l.depth_cut());
  EXPECT_EQ(l.deepest, 2);
  EXPECT_EQ(CutNames(f, l), (std::vector<std::string>{"alpha", "gamma"}));
  EXPECT_FALSE(l.cut[0].in_other);
  EXPECT_EQ(f.node(l.cut[0].with_callees).line, 3u);
  EXPECT_FALSE(l.HidesCalleesOf(f, FirstCall(f, "mid")));
}

}  // namespace
}  // namespace ftriage::analysis
