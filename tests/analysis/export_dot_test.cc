// Graphviz call graph: one node per function, counted edges, failing calls
// red, and --max-nodes keeping failing paths. (Rendering with `dot` is the
// export_dot_renders CTest.)
#include "analysis/export_dot.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "tests/analysis/export_test_util.h"

namespace ftriage::testing {
namespace {

std::string Dot(const cli::LoadedTrace& t, size_t max_nodes,
                const analysis::TreeFilter& filter = {}) {
  std::ostringstream out;
  analysis::WriteCallGraphDot(t.forest, analysis::SelectTrees(t.forest, filter),
                              max_nodes, out);
  return out.str();
}

// The node lines, "3[label=...]".
std::vector<std::string> Nodes(const std::string& dot) {
  std::vector<std::string> out;
  std::istringstream in(dot);
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, std::regex("^[0-9]+\\[label="))) {
      out.push_back(line);
    }
  }
  return out;
}

TEST(ExportDotTest, FunctionsEdgesAndTheFailingCall) {
  auto t = LoadSample("seeds/bpf-xskmap-einval/bad.trace");
  std::string dot = Dot(*t, 200);
  EXPECT_TRUE(
      dot.starts_with("digraph G {\n// ftriage call graph: 5 "
                      "functions, 5 calls\n"))
      << dot;
  EXPECT_NE(dot.find("0[label=\"__x64_sys_bpf\\n1 call\\n-22 EINVAL x1\", "
                     "color=red, fontcolor=red];"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("2->3 [label=1];"), std::string::npos) << dot;
  EXPECT_EQ(Nodes(dot).size(), 5u);
}

TEST(ExportDotTest, MaxNodesKeepsTheHottestAndFailingPaths) {
  auto t = LoadSample("real/6.1.0-56-amd64_x86_64_fgraph_mount-bad.txt");
  size_t all = Nodes(Dot(*t, 100000)).size();
  ASSERT_GT(all, 50u);
  std::string dot = Dot(*t, 20);
  EXPECT_EQ(Nodes(dot).size(), 20u);
  EXPECT_NE(dot.find("20 of " + std::to_string(all) + " functions shown; " +
                     std::to_string(all - 20) + " not shown"),
            std::string::npos)
      << dot;
  // With room for nothing, the failing paths stay, red calls included.
  std::string failing = Dot(*t, 0);
  size_t kept = Nodes(failing).size();
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, 20u);
  EXPECT_NE(failing.find("color=red"), std::string::npos);
  analysis::TreeFilter errors_only;
  errors_only.errors_only = true;
  EXPECT_EQ(Nodes(Dot(*t, 0, errors_only)).size(), kept);
}

}  // namespace
}  // namespace ftriage::testing
