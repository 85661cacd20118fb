// `ftriage report`: the Markdown and HTML reports of real seeds, the rows
// that put GOOD and BAD side by side, explanations, output and errors.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/load_trace.h"
#include "cli/report/report_html.h"
#include "cli/report/report_markdown.h"
#include "cli/report/report_model.h"
#include "tests/support/run_cli_for_test.h"

namespace ftriage::testing {
namespace {

using Json = nlohmann::json;

const std::string kBad = "seeds/bpf-xskmap-einval/bad.trace";
const std::string kGood = "seeds/bpf-xskmap-einval/good-same-kernel.trace";

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The data block of an HTML report.
Json PageData(const std::string& html) {
  const std::string open =
      R"(<script type="application/json" id="ftriage-data">)";
  size_t start = html.find(open);
  EXPECT_NE(start, std::string::npos);
  start += open.size();
  return Json::parse(html.substr(start, html.find("</script>", start) - start));
}

// The name of row |r|'s call in run |side| ("g" or "b"), "" if none.
std::string RowName(const Json& d, size_t r, const char* side) {
  int64_t x = d["rows"][side][r];
  if (x < 0) return "";
  const Json& calls = d["sides"][std::string(side) == "g" ? 0 : 1]["calls"];
  return d["strings"][calls["name"][x].get<size_t>()];
}

TEST(ReportTest, MarkdownHasFailureDivergenceTreeDiffAndVersion) {
  CliResult r = RunCliInTestdata({"report", "--format", "md", kBad, kGood});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "# ftriage report: bpf fails with -22 EINVAL"));
  EXPECT_TRUE(
      Contains(r.out,
               "- **Arguments:** `cmd: 0 (BPF_MAP_CREATE), uattr: c000097058, "
               "size: 40`"));
  EXPECT_TRUE(Contains(r.out, "- **errno:** -22 EINVAL (Invalid argument)"));
  EXPECT_TRUE(Contains(r.out,
                       "- **Origin:** not in the trace; error window: in "
                       "`__x64_sys_bpf` after `__might_fault` (line 7) "
                       "[inferred]"));
  EXPECT_TRUE(Contains(r.out,
                       "- **Last common call:** `__might_fault` "
                       "(GOOD line 7, BAD line 7)"));
  EXPECT_TRUE(Contains(r.out,
                       "- **First call only GOOD:** "
                       "`array_map_alloc_check` (GOOD line 8)"));
  EXPECT_TRUE(Contains(r.out, "- **BAD then:** returns early with -22 EINVAL"));
  // The aligned tree diff exactly as `ftriage diff` prints it.
  EXPECT_TRUE(Contains(r.out, "```diff\n  tree diff"));
  EXPECT_TRUE(
      Contains(r.out,
               "-   array_map_alloc_check                                8    "
               "        <- first only GOOD\n"));
  // Without kernel context: what the traces alone show.
  EXPECT_TRUE(Contains(r.out,
                       "\n## Explanations\n\n1. **not_called** "
                       "`array_map_alloc_check` (BAD kernel, certainty "
                       "medium)"));
  EXPECT_TRUE(Contains(r.out, "| GOOD | elision_line | info | 1 |\n"));
  EXPECT_TRUE(Contains(r.out,
                       "Made by ftriage 0.1.0: `ftriage report "
                       "--format md " +
                           kBad + " " + kGood + "`"));
}

TEST(ReportTest, MarkdownOfBadAloneNamesTheTracedOrigin) {
  CliResult r = RunCliInTestdata(
      {"report", "--format", "md", "seeds/veth-xdp-enospc/retsnoop-T.log"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out,
                       "- **Origin:** `dev_xdp_install` (line 10) "
                       "[traced]"));
  EXPECT_TRUE(Contains(r.out,
                       "- **Chain:** `__x64_sys_bpf` (line 5) -28 ENOSPC → "
                       "`__sys_bpf` (line 6) -28 ENOSPC"));
  EXPECT_FALSE(Contains(r.out, "Where BAD leaves GOOD"));
}

// A BAD captured with max_graph_depth=3 (real, tools/capture profile
// fgraph-depth3): both formats say what the capture hid.
TEST(ReportTest, CaptureLimitIsReportedInBothFormats) {
  const char* bad = "real/6.1.0-56-amd64_x86_64_fgraph-depth3_bpf-bad.txt";
  const char* good = "real/6.1.0-56-amd64_x86_64_fgraph_bpf-good.txt";
  CliResult md = RunCliInTestdata({"report", "--format", "md", bad, good});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(Contains(md.out,
                       "- **Capture:** BAD's trace goes no deeper than depth "
                       "2, where capable (BAD line 10)"));
  CliResult html = RunCliInTestdata({"report", "--format", "html", bad, good});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_TRUE(Contains(html.out, "\"setting\":\"max_graph_depth\""));
}

// Both openat captures fail (ENOENT): the same note in diff and reports.
TEST(ReportTest, GoodFailingTooIsNotedByDiffAndBothReports) {
  const char* good = "real/6.1.0-56-amd64_x86_64_fgraph_openat-bad.txt";
  const char* bad = "real/6.12.117+deb12-amd64_x86_64_fgraph_openat-bad.txt";
  const std::string note =
      "GOOD's call fails too: the differences are between the runs (or "
      "kernels), not the cause of BAD's failure";
  CliResult diff = RunCliInTestdata({"diff", good, bad});
  ASSERT_EQ(diff.exit_code, 1) << diff.err;  // differences found
  EXPECT_TRUE(Contains(diff.out, "note: " + note + "\n"));
  CliResult md = RunCliInTestdata({"report", "--format", "md", bad, good});
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(Contains(md.out, "- **Note:** " + note + "\n"));
  CliResult html = RunCliInTestdata({"report", "--format", "html", bad, good});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(PageData(html.out)["summary"]["good_fails_too"], note);
  CliResult same =
      RunCliInTestdata({"report", "--format", "html", kBad, kGood});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_FALSE(PageData(same.out)["summary"].contains("good_fails_too"));
}

TEST(ReportTest, HtmlIsOneSelfContainedFile) {
  CliResult r = RunCliInTestdata({"report", kBad, kGood});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(Contains(r.out,
                       "<title>ftriage report: bpf fails with -22 "
                       "EINVAL</title>"));
  for (const char* outside :
       {" src=", "<link", "@import", "url(http", "http://", "https://", "{{"}) {
    EXPECT_FALSE(Contains(r.out, outside)) << outside;
  }
  Json d = PageData(r.out);
  EXPECT_EQ(d["sides"].size(), 2u);
  EXPECT_EQ(d["summary"]["failure"]["errno"]["name"], "EINVAL");
  EXPECT_EQ(d["summary"]["divergence"]["last_common"]["function"],
            "__might_fault");
  EXPECT_EQ(d["meta"]["version"], "ftriage 0.1.0");
}

TEST(ReportTest, HtmlRowsAlignMatchedCallsAndOpenAtTheDivergence) {
  Json d = PageData(RunCliInTestdata({"report", kBad, kGood}).out);
  const Json& rows = d["rows"];
  size_t focus = rows["focus"];
  EXPECT_EQ(RowName(d, focus, "g"), "array_map_alloc_check");
  EXPECT_EQ(RowName(d, focus, "b"), "");
  EXPECT_EQ(rows["kind"][focus], 1);  // only GOOD
  // The rows before it: the compared calls, then the calls both runs make.
  EXPECT_EQ(RowName(d, 0, "g"), "__x64_sys_bpf");
  EXPECT_EQ(RowName(d, 0, "b"), "__x64_sys_bpf");
  EXPECT_EQ(rows["marks"][0].get<int>() & 1, 1);  // expanded
  size_t last_common = focus - 1;
  EXPECT_EQ(RowName(d, last_common, "g"), "__might_fault");
  EXPECT_EQ(RowName(d, last_common, "b"), "__might_fault");
  EXPECT_NE(rows["marks"][last_common].get<int>() & 8, 0);
  // GOOD's folded subtree of array_map_alloc is all GOOD-only rows.
  size_t alloc = focus + 1;
  EXPECT_EQ(RowName(d, alloc, "g"), "array_map_alloc");
  for (size_t r = alloc; r < rows["end"][alloc].get<size_t>(); ++r) {
    EXPECT_EQ(rows["b"][r], -1);
    EXPECT_NE(rows["kind"][r], 0);
  }
  // Every call of both subtrees has exactly one row.
  EXPECT_EQ(rows["g"].size(), d["sides"][0]["calls"]["name"].size());
}

TEST(ReportTest, HtmlRowsHoldCollapsedCalls) {
  // GOOD's kernel calls __sys_bpf, which BAD's kernel inlined: GOOD's call
  // gets a row of its own, its callees aligned with BAD's direct callees.
  Json d = PageData(
      RunCliInTestdata(
          {"report", kBad, "seeds/bpf-xskmap-einval/good-other-kernel.trace"})
          .out);
  const Json& rows = d["rows"];
  ASSERT_EQ(rows["kind"][1], 4);  // collapsed in BAD
  EXPECT_EQ(RowName(d, 1, "g"), "__sys_bpf");
  EXPECT_EQ(RowName(d, 1, "b"), "");
  EXPECT_NE(rows["marks"][1].get<int>() & 4, 0);  // the runs part in it
  EXPECT_EQ(rows["end"][1], rows["end"][0]);      // it holds BAD's callees
  EXPECT_EQ(RowName(d, 5, "g"), "bpf_check_uarg_tail_zero");
  EXPECT_EQ(RowName(d, 5, "b"), "bpf_check_uarg_tail_zero");
  EXPECT_EQ(RowName(d, rows["focus"], "g"), "security_bpf");
}

TEST(ReportTest, HtmlRowsKeepNoiseInPlace) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "ftriage_report_noise";
  std::filesystem::create_directories(dir);
  std::string good = (dir / "good.trace").string();
  std::string bad = (dir / "bad.trace").string();
  std::ofstream(good) << " 0)               |  __x64_sys_bpf() {\n"
                         " 0)   0.100 us    |    a();\n"
                         " 0)   0.100 us    |    rcu_read_lock();\n"
                         " 0)   0.100 us    |    b();\n"
                         " 0)   0.100 us    |    c();\n"
                         " 0)   1.000 us    |  }\n";
  std::ofstream(bad)
      << " 0)               |  __x64_sys_bpf() {\n"
         " 0)   0.100 us    |    a();\n"
         " 0)   0.100 us    |    b();\n"
         " 0)   1.000 us    |  }\n"
         " 0)               |  /* sys_bpf -> 0xfffffffffffffffe */\n";
  Json d = PageData(RunCliInTestdata({"report", bad, good}).out);
  const Json& rows = d["rows"];
  ASSERT_EQ(rows["g"].size(), 5u);
  EXPECT_EQ(RowName(d, 1, "b"), "a");
  EXPECT_EQ(RowName(d, 2, "g"), "rcu_read_lock");
  EXPECT_EQ(rows["kind"][2], 3);  // noise
  EXPECT_EQ(RowName(d, 3, "b"), "b");
  EXPECT_EQ(RowName(d, 4, "g"), "c");
  EXPECT_EQ(rows["kind"][4], 1);  // only GOOD
  EXPECT_EQ(rows["focus"], 4);
  std::filesystem::remove_all(dir);
}

TEST(ReportTest, HtmlOfBadAloneHasOneTreeOpenAtTheOrigin) {
  Json d = PageData(
      RunCliInTestdata({"report", "seeds/veth-xdp-enospc/retsnoop-T.log"}).out);
  ASSERT_EQ(d["sides"].size(), 1u);
  const Json& rows = d["rows"];
  size_t focus = rows["focus"];
  const Json& calls = d["sides"][0]["calls"];
  EXPECT_EQ(
      d["strings"][calls["name"][rows["b"][focus].get<size_t>()].get<size_t>()],
      "dev_xdp_install");
  EXPECT_NE(rows["marks"][focus].get<int>() & 512, 0);  // origin
  EXPECT_EQ(rows["g"][focus], -1);
}

TEST(ReportTest, SyntheticExplanationsAreRenderedRankedWithEvidence) {
  cli::LoadedTrace bad;
  cli::LoadedTrace good;
  ASSERT_TRUE(cli::LoadTraces({TestdataPath(kBad)}, std::nullopt, &bad).ok());
  ASSERT_TRUE(cli::LoadTraces({TestdataPath(kGood)}, std::nullopt, &good).ok());
  analysis::DiffOptions options;
  options.noise = analysis::DefaultNoise();
  std::string error;
  auto report =
      cli::BuildReport(bad, &good, {}, options,
                       {"ftriage 0.1.0", "ftriage report x y", 3}, &error);
  ASSERT_TRUE(report) << error;
  std::vector<analysis::Explanation> explanations(2);
  explanations[0].kind = analysis::ExplanationKind::kNotCalled;
  explanations[0].certainty = analysis::Certainty::kMedium;
  explanations[0].function = "array_map_alloc_check";
  explanations[0].kernel = "BAD";
  explanations[0].sentence = "BAD returned before it: </script><b>x</b>";
  explanations[0].rank = 1;
  explanations[1].kind = analysis::ExplanationKind::kCompiledOut;
  explanations[1].certainty = analysis::Certainty::kHigh;
  explanations[1].function = "xsk_map_alloc";
  explanations[1].option = "CONFIG_XDP_SOCKETS";
  explanations[1].kernel = "BAD";
  explanations[1].sentence = "xskmap needs CONFIG_XDP_SOCKETS.";
  explanations[1].evidence = {
      {"config", "config-bad", 812, "# CONFIG_XDP_SOCKETS is not set"},
      {"kallsyms", "kallsyms-bad", 0, "xsk_map_alloc"}};
  explanations[1].rank = 5;

  std::ostringstream md;
  cli::WriteMarkdownReport(*report, explanations, md);
  std::string m = md.str();
  size_t first = m.find(
      "1. **compiled_out** `xsk_map_alloc` `CONFIG_XDP_SOCKETS` (BAD kernel, "
      "certainty high): xskmap needs CONFIG_XDP_SOCKETS.\n");
  size_t second = m.find(
      "2. **not_called** `array_map_alloc_check` (BAD "
      "kernel, certainty medium)");
  EXPECT_NE(first, std::string::npos) << m;
  EXPECT_NE(second, std::string::npos) << m;
  EXPECT_LT(first, second);
  EXPECT_TRUE(Contains(m,
                       "   - config `config-bad` line 812: `# "
                       "CONFIG_XDP_SOCKETS is not set`\n"));
  EXPECT_TRUE(
      Contains(m, "   - kallsyms `kallsyms-bad`: no `xsk_map_alloc`\n"));

  std::ostringstream html;
  cli::WriteHtmlReport(*report, explanations, html);
  std::string h = html.str();
  // The sentence's "</script>" cannot end the data block early.
  size_t closes = 0;
  for (size_t at = 0; (at = h.find("</script>", at)) != std::string::npos;
       ++at) {
    ++closes;
  }
  EXPECT_EQ(closes, 2u);
  Json d = PageData(h);
  ASSERT_EQ(d["explanations"].size(), 2u);
  EXPECT_EQ(d["explanations"][0]["kind"], "compiled_out");
  EXPECT_EQ(d["explanations"][0]["option"], "CONFIG_XDP_SOCKETS");
  EXPECT_EQ(d["explanations"][0]["evidence"][0]["line"], 812);
  EXPECT_EQ(d["explanations"][1]["sentence"],
            "BAD returned before it: </script><b>x</b>");
}

TEST(ReportTest, OutputFileFormatByExtensionAndErrors) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "ftriage_report_test";
  std::filesystem::create_directories(dir);
  std::string md = (dir / "r.md").string();
  CliResult r = RunCliInTestdata({"report", kBad, kGood, "-o", md});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_TRUE(ReadFile(md).starts_with("# ftriage report: "));
  std::string html = (dir / "r.html").string();
  ASSERT_EQ(RunCliInTestdata({"report", kBad, "-o", html}).exit_code, 0);
  EXPECT_TRUE(ReadFile(html).starts_with("<!DOCTYPE html>"));

  CliResult json = RunCliInTestdata({"report", "--json", kBad});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_TRUE(Contains(json.err, "report writes HTML or Markdown"));
  CliResult unwritable =
      RunCliInTestdata({"report", kBad, "-o", "/no/such/dir/r.html"});
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_TRUE(Contains(unwritable.err, "/no/such/dir/r.html: cannot write"));
  EXPECT_EQ(RunCliInTestdata({"report", "--format", "pdf", kBad}).exit_code, 2);
  CliResult no_call = RunCliInTestdata({"report", "--bad-at", "999", kBad});
  EXPECT_EQ(no_call.exit_code, 2);
  EXPECT_TRUE(Contains(no_call.err, "no call starts at line 999 of BAD"));
  // The input format option of the other commands is --input-format here.
  EXPECT_EQ(RunCliInTestdata({"report", "--input-format", "funcgraph", kBad})
                .exit_code,
            0);
  std::filesystem::remove_all(dir);
}

// 100k calls per run: a root with 1000 callees of 99 leaves each; BAD
// lacks one subtree and fails.
std::string BigTrace(bool bad) {
  std::string s = " 0)               |  __x64_sys_bpf() {\n";
  for (int i = 0; i < 1000; ++i) {
    if (bad && i == 700) continue;
    s += " 0)               |    f" + std::to_string(i) + "() {\n";
    for (int j = 0; j < 99; ++j) {
      s += " 0)   0.100 us    |      g" + std::to_string(j) + "();\n";
    }
    s += " 0)   9.900 us    |    }\n";
  }
  s += " 0) ! 990.000 us   |  }\n";
  if (bad) s += " 0)               |  /* sys_bpf -> 0xffffffffffffffea */\n";
  return s;
}

TEST(ReportTest, HundredThousandCallsPerRunInOnePage) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "ftriage_report_big";
  std::filesystem::create_directories(dir);
  std::string good = (dir / "good.trace").string();
  std::string bad = (dir / "bad.trace").string();
  std::ofstream(good) << BigTrace(false);
  std::ofstream(bad) << BigTrace(true);
  std::string html = (dir / "r.html").string();
  auto start = std::chrono::steady_clock::now();
  CliResult r = RunCliInTestdata({"report", bad, good, "-o", html});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string page = ReadFile(html);
  Json d = PageData(page);
  EXPECT_EQ(d["sides"][0]["calls"]["name"].size(), 100001u);
  EXPECT_EQ(d["rows"]["g"].size(), 100001u);
  size_t focus = d["rows"]["focus"];
  EXPECT_EQ(RowName(d, focus, "g"), "f700");
  std::cout << "100k-call report: " << page.size() / 1024 << " KiB in "
            << seconds << " s\n";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ftriage::testing
