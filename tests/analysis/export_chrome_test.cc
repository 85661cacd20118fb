// Chrome Trace Event export: the JSON parses, slices nest like the calls,
// traced durations are kept, and untimed traces get a synthetic timeline.
#include "analysis/export_chrome.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "analysis/tree_walk.h"
#include "tests/analysis/export_test_util.h"

namespace ftriage::testing {
namespace {

using analysis::CallForest;
using Json = nlohmann::json;

Json Export(const cli::LoadedTrace& t,
            const analysis::TreeFilter& filter = {}) {
  std::ostringstream out;
  analysis::WriteChromeTrace(t.forest, analysis::SelectTrees(t.forest, filter),
                             {{"test", true}}, out);
  return Json::parse(out.str());  // throws (fails the test) if invalid
}

int64_t Ns(const Json& us) { return std::llround(us.get<double>() * 1000); }

struct Slice {
  int64_t start;
  int64_t end;
  int64_t pid;
  int64_t tid;
  bool shortened;
};

// True if |id| and all its shown callees have traced durations and the
// callees' add up to no more than its own: then none needs shortening.
bool CalleesFit(const CallForest& f, const analysis::TreeSelection& sel,
                NodeId id) {
  int64_t room = f.node(id).duration_ns;
  for (NodeId c : f.children(id)) {
    if (!sel.shown[c.value]) continue;
    if (f.node(c).duration_ns < 0) return false;
    room -= f.node(c).duration_ns;
  }
  return f.node(id).duration_ns >= 0 && room >= 0;
}

// Checks every shown call against its slice: slices come in the order of
// the calls (per thread, pre-order), nest in their caller's slice on the
// same track and last the traced duration unless shortened, which only
// the trace's own inconsistencies (callees longer than their caller) or
// untimed callees cause. Returns the number of shortened slices.
size_t CheckSlices(const CallForest& f, const Json& doc,
                   const std::string& name) {
  analysis::TreeSelection sel = analysis::SelectTrees(f, {});
  std::vector<const Json*> calls;
  for (const Json& e : doc["traceEvents"]) {
    if (e["ph"] == "X") calls.push_back(&e);
  }
  std::map<uint32_t, Slice> slice_of;  // by NodeId value
  size_t next = 0;
  size_t shortened = 0;
  for (const analysis::ShownRoot& r : sel.roots) {
    analysis::WalkPreOrder(f, r.root, [&](NodeId id, int) {
      if (!sel.shown[id.value]) return false;
      EXPECT_LT(next, calls.size()) << name;
      if (next >= calls.size()) return false;
      const Json& e = *calls[next++];
      const analysis::CallNode& n = f.node(id);
      EXPECT_EQ(e["args"]["line"], n.line) << name;
      Slice s{Ns(e["ts"]), Ns(e["ts"]) + Ns(e["dur"]), e["pid"], e["tid"],
              e["args"].contains("layout")};
      slice_of[id.value] = s;
      shortened += s.shortened;
      if (n.duration_ns >= 0 && !s.shortened) {
        EXPECT_EQ(Ns(e["dur"]), n.duration_ns) << name << " line " << n.line;
      }
      auto parent = slice_of.find(n.parent.value);
      if (!n.parent.is_none() && parent != slice_of.end()) {
        const Slice& p = parent->second;
        EXPECT_TRUE(p.start <= s.start && s.end <= p.end)
            << name << " line " << n.line << ": [" << s.start << ", " << s.end
            << "] outside its caller's [" << p.start << ", " << p.end << "]";
        EXPECT_EQ(p.pid, s.pid);
        EXPECT_EQ(p.tid, s.tid);
        EXPECT_FALSE(s.shortened && !p.shortened &&
                     CalleesFit(f, sel, n.parent))
            << name << " line " << n.line << " shortened needlessly";
      } else {
        EXPECT_FALSE(s.shortened) << name << " line " << n.line;
      }
      return true;
    });
  }
  EXPECT_EQ(next, calls.size()) << name;
  return shortened;
}

TEST(ExportChromeTest, EverySampleNestsAndKeepsDurations) {
  size_t samples = 0;
  for (const std::string& path : ExportSamples()) {
    auto t = LoadSample(path);
    if (t == nullptr) continue;
    Json doc = Export(*t);
    ASSERT_TRUE(doc["otherData"].contains("timeline")) << path;
    size_t shortened = CheckSlices(t->forest, doc, path);
    EXPECT_EQ(shortened, doc["otherData"]["calls_shortened"]) << path;
    ++samples;
  }
  EXPECT_GT(samples, 100u);
}

TEST(ExportChromeTest, TimestampsAndTasksFromARealCapture) {
  auto t = LoadSample("real/6.1.0-56-amd64_x86_64_fgraph_bpf-bad.txt");
  analysis::TreeFilter bpf;
  bpf.root_glob = "__x64_sys_bpf";
  Json doc = Export(*t, bpf);
  EXPECT_EQ(doc["otherData"]["timeline"], "trace timestamps");
  EXPECT_EQ(doc["otherData"]["test"], true);
  const Json& events = doc["traceEvents"];
  EXPECT_EQ(events[0], Json::parse(R"({"name":"thread_name","ph":"M",
      "pid":95,"tid":95,"args":{"name":"ftw"}})"));
  const Json& root = events[2];
  EXPECT_EQ(root["name"], "__x64_sys_bpf");
  EXPECT_EQ(Ns(root["ts"]), 6158656000);  // 6.158656 s
  EXPECT_EQ(root["args"]["errno"]["name"], "EINVAL");
  EXPECT_EQ(root["cname"], "terrible");
  EXPECT_EQ(doc["otherData"]["calls_shortened"], 0);
  // Markers carry no time: they sit where they came among the calls, the
  // result message right after the syscall's end.
  int found = 0;
  Json all = Export(*t);
  for (const Json& e : all["traceEvents"]) {
    if (e["ph"] == "i" && e["args"]["line"] == 30) {
      ++found;
      EXPECT_EQ(e["args"]["text"],
                "bpf BPF_MAP_CREATE array key_size=8 (invalid) -> -1 (EINVAL)");
      EXPECT_EQ(Ns(e["ts"]), 6158656000 + 728335);
    }
  }
  EXPECT_EQ(found, 1);
}

// function_graph without abstime: callees follow each other from their
// caller's start.
TEST(ExportChromeTest, SyntheticTimelineWithoutTimestamps) {
  auto t = LoadSample("seeds/bpf-xskmap-einval/bad.trace");
  Json doc = Export(*t);
  EXPECT_TRUE(doc["otherData"]["timeline"].get<std::string>().starts_with(
      "synthetic from durations"));
  std::vector<std::tuple<std::string, std::string, int64_t, int64_t>> got;
  for (const Json& e : doc["traceEvents"]) {
    if (e["ph"] == "M") continue;
    got.push_back({e["ph"], e["name"], Ns(e["ts"]),
                   e.contains("dur") ? Ns(e["dur"]) : -1});
    EXPECT_EQ(e["pid"], analysis::kNoTaskPid);  // the trace names no task
  }
  std::vector<std::tuple<std::string, std::string, int64_t, int64_t>> want = {
      {"X", "__x64_sys_bpf", 0, 42100},
      {"X", "bpf_check_uarg_tail_zero", 0, 239},
      {"X", "__check_object_size", 239, 602},
      {"X", "check_stack_object", 239, 186},
      {"X", "__might_fault", 841, 191}};
  EXPECT_EQ(got, want);
}

// bcc return probes carry neither times nor durations: every call is
// kUntimedWidthNs wide, one after the other.
TEST(ExportChromeTest, CallsWithoutDurationsGetTheMinimalWidth) {
  auto t = LoadSample("seeds/mount-max-enospc/trace-bpfcc-retvals.log");
  Json doc = Export(*t);
  size_t slices = 0;
  for (const Json& e : doc["traceEvents"]) {
    if (e["ph"] != "X") continue;
    EXPECT_EQ(Ns(e["dur"]), analysis::kUntimedWidthNs);
    ++slices;
  }
  EXPECT_GT(slices, 0u);
}

}  // namespace
}  // namespace ftriage::testing
