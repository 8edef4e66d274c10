// Unit tests of `syscall-probe compare`: parse -> model -> render, and the
// command line. Real reports captured on real hosts live in
// probe/test/fixtures/reports/ (README there says how each was made).
#include "compare/command.h"
#include "compare/group.h"
#include "compare/matrix.h"
#include "compare/parse.h"
#include "compare/render.h"
#include "report_schema.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace probe::compare {
namespace {

namespace fs = std::filesystem;

fs::path fixtures() {
  return fs::path(__FILE__).parent_path() / "fixtures" / "reports";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A minimal report that satisfies docs/report.schema.json's required fields.
nlohmann::json report(const std::string& label, const std::string& release,
                      const std::string& own_verdict,
                      const std::vector<std::pair<std::string, std::string>>& cat) {
  auto attempt = [](const std::string& name, int nr, const char* since, const std::string& v) {
    nlohmann::json a = {
        {"name", name},
        {"nr", nr},
        {"arch", "x86_64"},
        {"symbol", "__x64_sys_" + name},
        {"kernel_has_symbol", nullptr},
        {"outcome",
         {{"kind", "errno"}, {"errno", 38}, {"errno_name", "ENOSYS"}, {"elapsed_ms", 0.1}}},
        {"verdict", v},
        {"explanation", "x"}};
    a["since"] = since == nullptr ? nlohmann::json(nullptr) : nlohmann::json(since);
    return a;
  };
  nlohmann::json j = {
      {"schema", "syscall-probe/report"},
      {"schema_version", 1},
      {"probe_version", "0.1.0"},
      {"label", label},
      {"generated_at", "2026-11-27T19:00:00Z"},
      {"kernel",
       {{"sysname", "Linux"},
        {"nodename", "node-" + label},
        {"release", release},
        {"version", "#1"},
        {"machine", "x86_64"},
        {"flavour", "debian"},
        {"flavour_note", ""},
        {"shared_kernel", true}}},
      {"container",
       {{"detected", true}, {"runtime", "docker"}, {"evidence", nlohmann::json::array()}}},
      {"confinement",
       {{"seccomp", {{"mode", 2}, {"mode_name", "filter"}, {"filters", 1}}},
        {"no_new_privs", false},
        {"capabilities",
         {{"effective_hex", "0"}, {"effective", nlohmann::json::array()}, {"bounding_hex", "0"}}},
        {"namespaces", nlohmann::json::object()},
        {"user_namespace", {{"uid_map", "0 0 4294967295"}, {"identity", true}}},
        {"cgroup", {{"version", 2}, {"path", "/"}}}}},
      {"kallsyms", {{"readable", false}, {"error", "EACCES"}}},
      {"syscall", attempt("syscall_probe", 548, nullptr, own_verdict)},
      {"catalogue", nlohmann::json::array()}};
  for (const auto& [name, verdict] : cat) {
    j["catalogue"].push_back(attempt(name, 451, "6.5", verdict));
  }
  return j;
}

TEST(CompareParse, ReadsOneReport) {
  const auto p = parse_reports(
      report("a", "6.1.0-18-amd64", "absent", {{"cachestat", "absent"}}).dump(2), "a.json");
  ASSERT_TRUE(p.problems.empty());
  ASSERT_EQ(p.hosts.size(), 1u);
  EXPECT_EQ(p.hosts[0].label, "a");
  EXPECT_EQ(p.hosts[0].release, "6.1.0-18-amd64");
  EXPECT_EQ(p.hosts[0].seccomp, "filter (1)");
  EXPECT_EQ(p.hosts[0].own.verdict, "absent");
  ASSERT_EQ(p.hosts[0].catalogue.size(), 1u);
  EXPECT_EQ(p.hosts[0].catalogue[0].since, "6.5");
}

TEST(CompareParse, NullLabelFallsBackToNodename) {
  auto j = report("a", "6.1", "absent", {});
  j["label"] = nullptr;
  const auto p = parse_reports(j.dump(), "x");
  ASSERT_EQ(p.hosts.size(), 1u);
  EXPECT_EQ(p.hosts[0].label, "node-a");
}

TEST(CompareParse, ConcatenatedDocumentsAreAllRead) {
  const std::string text = report("a", "6.1", "absent", {}).dump(2) + "\n" +
                           report("b", "6.12", "implemented", {}).dump();
  const auto p = parse_reports(text, "stdin");
  ASSERT_TRUE(p.problems.empty());
  ASSERT_EQ(p.hosts.size(), 2u);
  EXPECT_EQ(p.hosts[1].source, "stdin #2");
}

TEST(CompareParse, TruncatedReportIsAProblemNotACrash) {
  const std::string full = report("a", "6.1", "absent", {{"cachestat", "absent"}}).dump(2);
  for (std::size_t cut : {std::size_t{1}, full.size() / 3, full.size() / 2, full.size() - 2}) {
    const auto p = parse_reports(full.substr(0, cut), "cut.json");
    EXPECT_TRUE(p.hosts.empty()) << cut;
    ASSERT_EQ(p.problems.size(), 1u) << cut;
    EXPECT_FALSE(p.problems[0].refused);
    EXPECT_EQ(p.problems[0].source, "cut.json");
  }
}

TEST(CompareParse, GarbageAndEmptyAreProblems) {
  EXPECT_EQ(parse_reports("\x00\xff garbage", "g").problems.size(), 1u);
  const auto empty = parse_reports("  \n", "e");
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_NE(empty.problems[0].message.find("empty"), std::string::npos);
  EXPECT_EQ(parse_reports("[1,2]", "arr").problems.size(), 1u);
}

TEST(CompareParse, MissingOrMistypedFieldIsNamed) {
  auto j = report("a", "6.1", "absent", {});
  j["kernel"].erase("release");
  auto p = parse_reports(j.dump(), "x");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_NE(p.problems[0].message.find("kernel.release"), std::string::npos)
      << p.problems[0].message;

  j = report("a", "6.1", "absent", {{"cachestat", "absent"}});
  j["catalogue"][0]["nr"] = "451";
  p = parse_reports(j.dump(), "x");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_NE(p.problems[0].message.find("catalogue[0].nr"), std::string::npos)
      << p.problems[0].message;
}

TEST(CompareParse, OtherSchemaOrVersionIsRefused) {
  auto j = report("a", "6.1", "absent", {});
  j["schema_version"] = 2;
  auto p = parse_reports(j.dump(), "v2.json");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_TRUE(p.problems[0].refused);
  EXPECT_NE(p.problems[0].message.find("schema_version 2"), std::string::npos);

  j["schema"] = "someone-else/report";
  p = parse_reports(j.dump(), "other.json");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_TRUE(p.problems[0].refused);
  EXPECT_NE(p.problems[0].message.find("someone-else/report"), std::string::npos);

  p = parse_reports(R"({"name": "package.json"})", "pkg.json");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_TRUE(p.problems[0].refused);
}

TEST(CompareParse, AddedOptionalFieldsAndNewVerdictsAreAccepted) {
  auto j = report("a", "6.1", "absent", {{"cachestat", "some-future-verdict"}});
  j["a_new_field"] = {{"x", 1}};
  j["syscall"]["verified"] = false;
  const auto p = parse_reports(j.dump(), "x");
  ASSERT_TRUE(p.problems.empty());
  EXPECT_EQ(p.hosts[0].catalogue[0].verdict, "some-future-verdict");
}

TEST(CompareParse, FailureDocumentBecomesAFailedHost) {
  const auto p = parse_reports(
      R"({"schema":"syscall-probe/host-failure","schema_version":1,"label":"trixie-6.12","reason":"guest did not boot within 300 s"})",
      "f.json");
  ASSERT_TRUE(p.problems.empty());
  ASSERT_EQ(p.hosts.size(), 1u);
  ASSERT_TRUE(p.hosts[0].failure.has_value());
  EXPECT_EQ(*p.hosts[0].failure, "guest did not boot within 300 s");
}

// What scripts/runtimes writes for a run that timed out (docs/host-failure.schema.json): the
// evidence under "run" is for readers of the file; the column is the label and the reason.
TEST(CompareParse, FailureDocumentWithItsRunEvidenceReadsTheSame) {
  const auto p = parse_reports(
      R"({"schema":"syscall-probe/host-failure","schema_version":1,"label":"containerd unconfined",
          "reason":"the run failed: exit 124 (timed out after 120 s), no stderr, stdout empty",
          "log":"logs/containerd-unconfined.stderr",
          "run":{"exit_status":124,"meaning":"timed out after 120 s","seconds":120.1,
                 "limit_seconds":120,
                 "stdout":{"bytes":0,"file":"logs/containerd-unconfined.stdout","report":false,
                           "tail":[]},
                 "stderr":{"bytes":0,"file":"logs/containerd-unconfined.stderr","tail":[]}}})",
      "f.json");
  ASSERT_TRUE(p.problems.empty());
  ASSERT_EQ(p.hosts.size(), 1u);
  EXPECT_EQ(p.hosts[0].label, "containerd unconfined");
  ASSERT_TRUE(p.hosts[0].failure.has_value());
  EXPECT_EQ(*p.hosts[0].failure,
            "the run failed: exit 124 (timed out after 120 s), no stderr, stdout empty");
}

std::vector<Host> three_hosts() {
  std::vector<Host> hosts;
  for (const auto& j :
       {report("old", "5.10.0-30-amd64", "absent",
               {{"cachestat", "absent"}, {"uretprobe", "absent"}}),
        report("new", "6.12.9-amd64", "absent",
               {{"cachestat", "implemented"}, {"uretprobe", "occupied"}, {"mseal", "implemented"}}),
        report("patched", "6.1.0-syscall-probe", "implemented",
               {{"cachestat", "absent"}, {"uretprobe", "absent"}})}) {
    auto p = parse_reports(j.dump(), "x");
    hosts.push_back(p.hosts.at(0));
  }
  return hosts;
}

TEST(CompareModel, ColumnsRowsUnionAndDifferences) {
  const Matrix m = build_matrix(three_hosts());
  EXPECT_EQ(m.columns, (std::vector<std::string>{"old", "new", "patched"}));
  ASSERT_EQ(m.facts.size(), 4u);  // ours + cachestat, uretprobe, mseal
  EXPECT_EQ(m.facts[0].fact, "syscall_probe (548)");
  EXPECT_EQ(m.facts[0].cells, (std::vector<std::string>{"absent", "absent", "implemented"}));
  EXPECT_TRUE(m.facts[0].differs);
  EXPECT_EQ(m.facts[1].fact, "cachestat");
  EXPECT_EQ(m.facts[1].since, "6.5");
  EXPECT_EQ(m.facts[3].fact, "mseal");
  EXPECT_EQ(m.facts[3].cells, (std::vector<std::string>{"—", "implemented", "—"}));
  EXPECT_FALSE(m.facts[3].differs) << "a missing cell is not a difference";
  EXPECT_EQ(m.header[0].cells[2], "6.1.0-syscall-probe");
}

TEST(CompareModel, SameValuesDoNotDiffer) {
  auto hosts = three_hosts();
  hosts.erase(hosts.begin() + 1);
  const Matrix m = build_matrix(hosts);
  EXPECT_FALSE(m.facts[1].differs);  // cachestat absent on both
  EXPECT_TRUE(m.facts[0].differs);
}

TEST(CompareModel, DuplicateLabelsAreNumbered) {
  auto hosts = three_hosts();
  hosts[1].label = "old";
  EXPECT_EQ(build_matrix(hosts).columns[1], "old (2)");
}

TEST(CompareModel, FailedHostIsAColumnSayingSo) {
  auto hosts = three_hosts();
  Host failed;
  failed.label = "bullseye";
  failed.failure = "no kernel";
  hosts.push_back(failed);
  const Matrix m = build_matrix(hosts);
  ASSERT_EQ(m.columns.size(), 4u);
  EXPECT_EQ(m.header[0].cells[3], "FAILED: no kernel");
  for (const auto& r : m.facts) {
    EXPECT_EQ(r.cells[3], "—");
  }
}

TEST(CompareModel, ADifferentOwnNumberIsShownInTheCell) {
  auto hosts = three_hosts();
  hosts[2].own.nr = 335;
  hosts[2].own.verdict = "occupied";
  const Matrix m = build_matrix(hosts);
  EXPECT_EQ(m.facts[0].fact, "syscall_probe (548)");
  EXPECT_EQ(m.facts[0].cells[2], "occupied (nr 335)");
}

TEST(CompareModel, EqualRowsAreHiddenUnlessAllRows) {
  const Matrix all = build_matrix(three_hosts(), RowFilter::All);
  EXPECT_EQ(all.facts.size(), 4u);
  EXPECT_EQ(all.hidden, 0u);
  const Matrix some = build_matrix(three_hosts(), RowFilter::Differing);
  ASSERT_EQ(some.facts.size(), 3u);  // ours, cachestat, uretprobe; mseal is equal
  EXPECT_EQ(some.facts[1].fact, "cachestat");
  EXPECT_EQ(some.facts[2].fact, "uretprobe");
  EXPECT_EQ(some.hidden, 1u);
  for (const Matrix* m : {&all, &some}) {
    EXPECT_EQ(m->syscalls, 4u);
    EXPECT_EQ(m->differing, 3u);
  }
}

TEST(CompareModel, OwnRowStaysAndOneHostHidesNothing) {
  auto hosts = three_hosts();
  hosts[2].own.verdict = "absent";  // ours now equal everywhere
  const Matrix m = build_matrix(hosts, RowFilter::Differing);
  EXPECT_EQ(m.facts[0].fact, "syscall_probe (548)");
  EXPECT_FALSE(m.facts[0].differs);
  hosts.resize(1);
  const Matrix one = build_matrix(hosts, RowFilter::Differing);
  EXPECT_EQ(one.facts.size(), 3u) << "one host: nothing to compare, every row shown";
  EXPECT_EQ(one.hidden, 0u);
}

TEST(CompareRender, EveryFormSaysHowManyRowsWereHidden) {
  const Matrix some = build_matrix(three_hosts(), RowFilter::Differing);
  const Matrix all = build_matrix(three_hosts(), RowFilter::All);
  const std::string said = "1 equal row(s) hidden (--all-rows shows them)";
  EXPECT_NE(text_table(some).find("3 host(s), 4 syscall(s), 3 differ (marked *); — = not probed; " +
                                  said + "\n"),
            std::string::npos)
      << text_table(some);
  EXPECT_NE(markdown_table(some).find(said), std::string::npos);
  EXPECT_NE(html_page(some, "t").find(said), std::string::npos);
  EXPECT_EQ(text_table(some).find("mseal"), std::string::npos);
  for (const std::string& out : {text_table(all), markdown_table(all), html_page(all, "t")}) {
    EXPECT_EQ(out.find("row(s) hidden"), std::string::npos) << out;
    EXPECT_NE(out.find("mseal"), std::string::npos) << out;
  }
}

TEST(CompareRender, TextIsAlignedAndMarksDifferences) {
  const std::string t = text_table(build_matrix(three_hosts()));
  // Every line holding a verdict starts the columns at the same offset.
  const auto pos_header = t.find("old");
  ASSERT_NE(pos_header, std::string::npos);
  const std::size_t col = pos_header - t.rfind('\n', pos_header) - 1;
  std::istringstream lines(t);
  std::string line;
  int marked = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("* ", 0) == 0) {
      ++marked;
    }
    if (line.find("cachestat") != std::string::npos) {
      EXPECT_EQ(line.substr(0, 2), "* ");
      EXPECT_EQ(line.substr(col, 6), "absent") << t;
    }
  }
  EXPECT_EQ(marked, 3) << t;  // ours, cachestat, uretprobe
}

TEST(CompareRender, MarkdownIsATable) {
  const std::string md = markdown_table(build_matrix(three_hosts()));
  EXPECT_EQ(md.rfind("| | syscall | since | old | new | patched |\n|---|---|---|---|---|---|\n", 0),
            0u)
      << md;
  EXPECT_NE(md.find("| ≠ | `cachestat` | 6.5 | `absent` | `implemented` | `absent` |"),
            std::string::npos)
      << md;
  // Every table line has the same number of cells.
  std::istringstream lines(md);
  std::string line;
  while (std::getline(lines, line) && line.rfind('|', 0) == 0) {
    EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 7) << line;
  }
}

TEST(CompareRender, MarkdownEscapesPipes) {
  auto hosts = three_hosts();
  hosts[0].label = "a|b";
  const std::string md = markdown_table(build_matrix(hosts));
  EXPECT_NE(md.find("a\\|b"), std::string::npos);
}

TEST(CompareRender, HtmlIsSelfContainedAndEscaped) {
  auto hosts = three_hosts();
  hosts[0].label = "<script>alert(1)</script>";
  const std::string html = html_page(build_matrix(hosts), "t & t");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // One script, the page's own, inline: the label's is text.
  const auto script = html.find("<script");
  ASSERT_NE(script, std::string::npos);
  EXPECT_EQ(html.compare(script, 9, "<script>\n"), 0) << "no attribute, so no src";
  EXPECT_EQ(html.find("<script", script + 1), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<title>t &amp; t</title>"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((https?:)?//[a-z])"))) << "no external URL";
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_NE(html.find("class=\"differs\""), std::string::npos);
}

// A label and the four parts split_label finds in it.
struct LabelCase {
  const char* label;
  LabelParts parts;
};

// Names the case in test listings (not its bytes).
void PrintTo(const LabelCase& c, std::ostream* os) {
  *os << '"' << c.label << '"';
}

class CompareLabels : public ::testing::TestWithParam<LabelCase> {};

TEST_P(CompareLabels, SplitIntoEngineVersionRuntimeProfile) {
  const LabelParts got = split_label(GetParam().label);
  const LabelParts& want = GetParam().parts;
  EXPECT_EQ(got.engine, want.engine);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.runtime, want.runtime);
  EXPECT_EQ(got.profile, want.profile);
}

INSTANTIATE_TEST_SUITE_P(
    CompareModel, CompareLabels,
    ::testing::Values(LabelCase{"docker 26.1.5/runc 1.1.15 default",
                                {"docker", "26.1.5", "runc 1.1.15", "default"}},
                      LabelCase{"podman 4.3.1/crun 1.8.1 rootless unconfined",
                                {"podman", "4.3.1", "crun 1.8.1 rootless", "unconfined"}},
                      LabelCase{"bookworm default", {"bookworm", "", "", "default"}},
                      LabelCase{"node-1", {"node-1", "", "", ""}},
                      // No '/': all of it is the version.
                      LabelCase{"ctr 1.6 default", {"ctr", "1.6", "", "default"}}),
    [](const ::testing::TestParamInfo<LabelCase>& c) {
      std::string name = c.param.parts.engine + "_" + c.param.parts.profile;
      for (char& ch : name) {
        if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
      }
      return name;
    });

TEST(CompareModel, RowsCarryTheCatalogueSubjectAndEachCellsExplanation) {
  auto hosts = three_hosts();
  hosts[1].catalogue.push_back({"read", "", 0, "implemented", "read answered EBADF."});
  hosts[1].catalogue.push_back({"not_a_call", "", 999, "absent", ""});
  hosts[0].catalogue[0].explanation = "cachestat: the kernel lacks it.";
  const Matrix m = build_matrix(hosts, RowFilter::All, catalogue_category);
  const auto row = [&m](std::string_view fact) {
    return *std::find_if(m.facts.begin(), m.facts.end(),
                         [fact](const Row& r) { return r.fact == fact; });
  };
  EXPECT_EQ(m.facts[0].category, kOwnCategory);
  EXPECT_EQ(row("cachestat").category, "since 5.0");
  EXPECT_EQ(row("read").category, "files");
  EXPECT_EQ(row("not_a_call").category, kOtherCategory);
  EXPECT_EQ(build_matrix(hosts).facts[1].category, kOtherCategory) << "no catalogue given";
  EXPECT_EQ(row("cachestat").notes,
            (std::vector<std::string>{"cachestat: the kernel lacks it.", "x", "x"}));
  EXPECT_EQ(row("read").notes, (std::vector<std::string>{"", "read answered EBADF.", ""}))
      << "not probed: no explanation";
  EXPECT_EQ(m.facts[0].notes, (std::vector<std::string>{"x", "x", "x"}));
  ASSERT_EQ(m.parts.size(), 3u);
  EXPECT_EQ(m.parts[2].engine, "patched");
  for (const auto& r : m.header) EXPECT_TRUE(r.category.empty()) << r.fact;
}

// How many times `needle` occurs in `hay`.
std::size_t occurrences(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(CompareRender, HtmlHasStickyKeysALegendFiltersAndExplanations) {
  auto hosts = three_hosts();
  hosts[1].label = "docker 26.1.5/runc 1.1.15 default";
  hosts[0].catalogue[0].explanation = "said \"no\" <here>";
  Host failed;
  failed.label = "gvisor";
  failed.failure = "runsc could not start";
  hosts.push_back(failed);
  const std::string html = html_page(build_matrix(hosts, RowFilter::All, catalogue_category), "t");
  // One scroll container; its header row and its syscall column stick.
  EXPECT_EQ(occurrences(html, "<div class=\"matrix\">"), 1u);
  EXPECT_NE(html.find("#facts thead th{position:sticky;top:0"), std::string::npos);
  EXPECT_NE(html.find("#facts th.name{position:sticky;left:0"), std::string::npos);
  // Short keys in the header, the label in full on hover and in the legend.
  EXPECT_NE(html.find(">C2<br><small>docker/runc</small><br><small>default</small></th>"),
            std::string::npos);
  EXPECT_NE(html.find("title=\"docker 26.1.5/runc 1.1.15 default, kernel 6.12.9-amd64\""),
            std::string::npos);
  const auto legend = html.find("<table id=\"legend\">");
  ASSERT_NE(legend, std::string::npos);
  const std::string legend_html = html.substr(legend, html.find("</table>", legend) - legend);
  for (const char* key :
       {"<tr><th>C1</th>", "<tr><th>C2</th>", "<tr><th>C3</th>", "<tr><th>C4</th>"}) {
    EXPECT_EQ(occurrences(legend_html, key), 1u) << key;
  }
  EXPECT_NE(legend_html.find("<tr><th>C2</th><td>docker</td><td>26.1.5</td><td>runc 1.1.15</td>"
                             "<td>default</td><td>6.12.9-amd64</td><td>x86_64</td><td>docker</td>"
                             "<td>filter (1)</td><td>0.1.0</td>"),
            std::string::npos)
      << legend_html;
  EXPECT_NE(legend_html.find("<td class=\"failed\">FAILED: runsc could not start</td>"),
            std::string::npos);
  EXPECT_NE(
      html.find("<th class=\"failed\" title=\"gvisor, kernel FAILED: runsc could not start\">C4"),
      std::string::npos);
  // The filters: every row says its category, and the select offers each once.
  EXPECT_NE(html.find("<input type=\"checkbox\" id=\"differ\">"), std::string::npos);
  EXPECT_NE(html.find("<option value=\"\">all</option><option>since 5.0</option>"
                      "<option>syscall_probe</option></select>"),
            std::string::npos);
  EXPECT_EQ(occurrences(html, "<tr class=\"differs\" data-category=") +
                occurrences(html, "<tr data-category="),
            4u);
  // Each probed cell's explanation is its title, escaped.
  EXPECT_NE(
      html.find("<td class=\"v-absent\" title=\"said &quot;no&quot; &lt;here&gt;\">absent</td>"),
      std::string::npos);
  EXPECT_NE(html.find("<td class=\"v-none\">—</td>"), std::string::npos)
      << "no title when not probed";
}

Command parse(std::vector<const char*> args) {
  args.insert(args.begin(), "compare");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

TEST(CompareCli, DefaultsAndFormats) {
  auto c = parse({"a.json", "-"});
  ASSERT_TRUE(std::holds_alternative<Settings>(c));
  EXPECT_EQ(std::get<Settings>(c).format, TableFormat::Text);
  EXPECT_EQ(std::get<Settings>(c).inputs, (std::vector<std::string>{"a.json", "-"}));
  c = parse({"--format", "markdown", "--output", "o.md", "a.json"});
  ASSERT_TRUE(std::holds_alternative<Settings>(c));
  EXPECT_EQ(std::get<Settings>(c).format, TableFormat::Markdown);
  EXPECT_EQ(std::get<Settings>(c).output, "o.md");
  c = parse({"--format=html", "a.json"});
  EXPECT_EQ(std::get<Settings>(c).format, TableFormat::Html);
  c = parse({"-f", "md", "a.json"});
  EXPECT_EQ(std::get<Settings>(c).format, TableFormat::Markdown);
  EXPECT_EQ(std::get<Settings>(c).rows, RowFilter::Differing);
  c = parse({"--all-rows", "a.json"});
  EXPECT_EQ(std::get<Settings>(c).rows, RowFilter::All);
  EXPECT_TRUE(std::holds_alternative<Help>(parse({"--help"})));
}

TEST(CompareCli, BadUsageIsOneLine) {
  for (const auto& args : std::vector<std::vector<const char*>>{
           {}, {"--format", "pdf", "a"}, {"--bogus", "a"}, {"-", "-"}, {"--output"}}) {
    const auto c = parse(args);
    ASSERT_TRUE(std::holds_alternative<UsageError>(c)) << (args.empty() ? "(none)" : args[0]);
    EXPECT_EQ(std::get<UsageError>(c).message.find('\n'), std::string::npos);
  }
  const auto bad = parse({"--format", "pdf", "a.json"});
  EXPECT_EQ(std::get<UsageError>(bad).message.rfind(
                "--format must be 'text', 'markdown', 'md', or 'html', got 'pdf'", 0),
            0u)
      << std::get<UsageError>(bad).message;
  // The help lists the formats from the parser's own table.
  const auto help = std::get<Help>(parse({"--help"})).text;
  for (const char* word : {"text", "markdown", "html", "--all-rows"}) {
    EXPECT_NE(help.find(word), std::string::npos) << word;
  }
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 80U) << line;
}

// ------------------------------------------------ --group: one column per kind of node

// A recorded report (fixtures/reports) as another node of the same kind would
// write it: its own label, hostname, token, timings, namespaces, cgroup and
// container ID, time of writing.
nlohmann::json as_node(const char* fixture, const std::string& node, int n) {
  nlohmann::json j = nlohmann::json::parse(slurp(fixtures() / fixture));
  j["label"] = node;
  j["kernel"]["nodename"] = node;
  j["generated_at"] = "2026-12-0" + std::to_string(n % 9 + 1) + "T00:00:00Z";
  j["syscall"]["token"] = 1000 + n;
  j["syscall"]["outcome"]["elapsed_ms"] = 0.5 * n;
  for (auto& a : j["catalogue"]) a["outcome"]["elapsed_ms"] = 0.25 * n;
  for (auto& [kind, id] : j["confinement"]["namespaces"].items()) {
    id = kind + ":[" + std::to_string(4026530000 + n) + "]";
  }
  j["confinement"]["cgroup"]["path"] = "/docker/" + std::to_string(n);
  j["container"]["evidence"] = {"/proc/self/cgroup: 0::/docker/" + std::to_string(n)};
  return j;
}

std::vector<Host> parsed(const std::vector<nlohmann::json>& docs) {
  std::vector<Host> hosts;
  for (const auto& d : docs) {
    auto p = parse_reports(d.dump(), d.value("label", "?"));
    EXPECT_TRUE(p.problems.empty());
    for (auto& h : p.hosts) hosts.push_back(std::move(h));
  }
  return hosts;
}

// Six nodes of three kernels (recorded reports of Debian's 5.10, 6.1 and 6.12
// under Docker's default profile), interleaved: three columns, each with its
// count, in the order first seen; the kernel row tells them apart.
TEST(CompareGroup, SixNodesOfThreeKernelsAreThreeColumns) {
  const char* bullseye = "matrix/bullseye-default.json";
  const char* bookworm = "matrix/bookworm-default.json";
  const char* trixie = "matrix/trixie-default.json";
  const auto hosts = parsed({as_node(bullseye, "node-a", 1), as_node(bookworm, "node-b", 2),
                             as_node(bullseye, "node-c", 3), as_node(trixie, "node-d", 4),
                             as_node(bookworm, "node-e", 5), as_node(bullseye, "node-f", 6)});
  const auto groups = group_identical(hosts);
  ASSERT_EQ(groups.size(), 3u);
  const Matrix m = build_matrix(groups);
  EXPECT_EQ(m.columns, (std::vector<std::string>{"3 nodes", "2 nodes", "node-d"}));
  EXPECT_EQ(m.header[0].cells,
            (std::vector<std::string>{"5.10.0-32-cloud-amd64", "6.1.0-50-cloud-amd64",
                                      "6.12.117+deb13-cloud-amd64"}));
  ASSERT_EQ(m.header.back().fact, "nodes");
  EXPECT_EQ(m.header.back().cells,
            (std::vector<std::string>{"node-a, node-c, node-f", "node-b, node-e", "node-d"}));
  // The grouped table says what the ungrouped one says, once per kind.
  const Matrix all = build_matrix(hosts);
  for (std::size_t r = 0; r < m.facts.size(); ++r) {
    EXPECT_EQ(m.facts[r].cells[0], all.facts[r].cells[0]) << m.facts[r].fact;
    EXPECT_EQ(m.facts[r].cells[1], all.facts[r].cells[1]) << m.facts[r].fact;
    EXPECT_EQ(m.facts[r].cells[2], all.facts[r].cells[3]) << m.facts[r].fact;
  }
}

// One fact apart is another kind of node: a verdict, the kernel's build, a
// confinement fact. A failed node keeps a column of its own.
TEST(CompareGroup, ADifferentVerdictKernelOrConfinementIsAnotherColumn) {
  const char* bookworm = "matrix/bookworm-default.json";
  auto verdict = as_node(bookworm, "n2", 2);
  verdict["catalogue"][0]["verdict"] =
      verdict["catalogue"][0]["verdict"] == "implemented" ? "blocked" : "implemented";
  auto build = as_node(bookworm, "n3", 3);
  build["kernel"]["version"] = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.999-1";
  auto caps = as_node(bookworm, "n4", 4);
  caps["confinement"]["capabilities"]["effective_hex"] = "0000000000000001";
  auto filters = as_node(bookworm, "n5", 5);
  filters["confinement"]["seccomp"]["filters"] = 2;
  const nlohmann::json failed = {{"schema", "syscall-probe/host-failure"},
                                 {"schema_version", 1},
                                 {"label", "n6"},
                                 {"reason", "task failed: exit 127"},
                                 {"log", "logs/n6.err"}};
  auto hosts = parsed({as_node(bookworm, "n1", 1), verdict, build, caps, filters,
                       as_node(bookworm, "n7", 7), failed});
  const auto groups = group_identical(hosts);
  ASSERT_EQ(groups.size(), 6u);
  EXPECT_EQ(groups[0].label, "2 nodes");
  EXPECT_EQ(groups[0].members, (std::vector<std::string>{"n1", "n7"}));
  for (std::size_t i = 1; i < groups.size(); ++i) {
    EXPECT_TRUE(groups[i].members.size() <= 1) << groups[i].label;
  }
  EXPECT_EQ(groups[5].label, "n6");
  EXPECT_TRUE(groups[5].failure.has_value());
  EXPECT_EQ(build_matrix(groups).header.back().cells[5], std::string(kMissing));
}

// Without a group of more than one, the table is the ungrouped one (no
// "nodes" row); twelve identical nodes name four and count the rest.
TEST(CompareGroup, NoGroupNoNodesRowAndLongGroupsAreCounted) {
  const char* trixie = "matrix/trixie-default.json";
  const auto single = group_identical(parsed({as_node(trixie, "only", 1)}));
  EXPECT_EQ(build_matrix(single).header.size(),
            build_matrix(parsed({as_node(trixie, "x", 1)})).header.size());
  std::vector<nlohmann::json> many;
  for (int i = 0; i < 12; ++i) many.push_back(as_node(trixie, "n" + std::to_string(i), i));
  const auto groups = group_identical(parsed(many));
  ASSERT_EQ(groups.size(), 1u);
  const Matrix m = build_matrix(groups);
  EXPECT_EQ(m.columns[0], "12 nodes");
  EXPECT_EQ(m.header.back().cells[0], "n0, n1, n2, n3, … (+8)");
  EXPECT_EQ(group_label(1), "1 node");
}

TEST(CompareCli, GroupIsASwitch) {
  const auto cmd = parse({"--group", "a.json"});
  ASSERT_TRUE(std::holds_alternative<Settings>(cmd));
  EXPECT_TRUE(std::get<Settings>(cmd).group);
  EXPECT_FALSE(std::get<Settings>(parse({"a.json"})).group);
}

// Real reports from real hosts (fixtures/reports/**/*.json): every one parses
// and the table has one column each, with the facts the README says they show.
TEST(CompareFixtures, RealReportsParseAndCompare) {
  std::vector<Host> hosts;
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fixtures())) {
    if (e.path().extension() != ".json" || e.path().filename().string().rfind("bad-", 0) == 0) {
      continue;
    }
    ++files;
    auto p = parse_reports(slurp(e.path()), fs::relative(e.path(), fixtures()).string());
    EXPECT_TRUE(p.problems.empty()) << e.path() << ": " << p.problems.at(0).message;
    for (auto& h : p.hosts) {
      hosts.push_back(std::move(h));
    }
  }
  ASSERT_GE(files, 19) << "fixtures/reports lost its real reports (README there)";
  const Matrix m = build_matrix(hosts);
  EXPECT_EQ(m.columns.size(), hosts.size());
  EXPECT_GT(m.facts.size(), 40u) << "real reports were made with --syscalls all";
  // This host (6.18) unconfined vs Docker's default profile: the filter hides
  // newer calls, so some rows must differ and cachestat must be one of them.
  const auto cachestat = std::find_if(m.facts.begin(), m.facts.end(),
                                      [](const Row& r) { return r.fact == "cachestat"; });
  ASSERT_NE(cachestat, m.facts.end());
  EXPECT_TRUE(cachestat->differs);
  // Our syscall: implemented only where the patched kernel ran unconfined
  // (guest/unconfined.json, matrix/patched-6.1-arm64-unconfined.json,
  // v0.1.0/qemu-patched-6.1-unconfined.json) and where a seccomp supervisor
  // answered it on this host's stock kernel (supervisor/default.json); the
  // row therefore differs.
  EXPECT_EQ(m.facts[0].fact, "syscall_probe (548)");
  EXPECT_TRUE(m.facts[0].differs);
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const bool patched_unconfined = hosts[i].release.find("-syscall-probe") != std::string::npos &&
                                    hosts[i].seccomp == "disabled";
    const bool supervised = hosts[i].source.find("supervisor/") != std::string::npos;
    EXPECT_EQ(m.facts[0].cells[i] == "implemented", patched_unconfined || supervised)
        << hosts[i].source;
  }
  for (const auto& r : m.facts) {
    EXPECT_EQ(r.cells.size(), hosts.size());
  }
}

// The reports of the current probe (host/, guest/; README there) carry the
// evidence the demo's symbol row shows: under Docker's default profile the
// probe reads both sources (--kallsyms always): on this host kallsyms proves
// 548 absent and the kernel's BTF agrees (no contradiction); in the patched
// guest, whose tinyconfig kernel has no BTF, kallsyms proves it present ("yes
// (kallsyms)"), and the filter blocked it.
TEST(CompareFixtures, CurrentReportsCarryTheSymbolEvidence) {
  const auto report = [](const char* name) {
    return nlohmann::json::parse(slurp(fixtures() / name));
  };
  const auto host = report("host/default.json");
  EXPECT_EQ(host["btf"]["readable"], true);
  EXPECT_EQ(host["btf"]["consulted"], true);
  EXPECT_EQ(host["btf"]["contradicted"], nlohmann::json::array());
  EXPECT_EQ(host["kallsyms"]["consulted"], true);
  EXPECT_EQ(host["syscall"]["evidence"], "kallsyms");
  EXPECT_EQ(host["syscall"]["kernel_has_symbol"], false);
  EXPECT_EQ(host["syscall"]["verdict"], "absent");

  const auto guest = report("guest/default.json");
  EXPECT_EQ(guest["btf"]["readable"], false);
  EXPECT_TRUE(guest["btf"]["error"].is_string());
  EXPECT_EQ(guest["syscall"]["evidence"], "kallsyms");
  EXPECT_EQ(guest["syscall"]["kernel_has_symbol"], true);
  EXPECT_EQ(guest["syscall"]["verdict"], "blocked");

  // compare reads them (the btf/evidence fields are additive) into the
  // columns the demo shows.
  std::vector<Host> hosts;
  for (const char* name : {"host/unconfined.json", "host/default.json", "guest/unconfined.json",
                           "guest/default.json"}) {
    auto p = parse_reports(slurp(fixtures() / name), name);
    ASSERT_TRUE(p.problems.empty()) << name << ": " << p.problems.at(0).message;
    hosts.push_back(p.hosts.at(0));
  }
  const Matrix m = build_matrix(hosts, RowFilter::Differing);
  EXPECT_EQ(m.facts[0].cells,
            (std::vector<std::string>{"absent", "absent", "implemented", "blocked"}));
}

// Reports of an older probe stay readable: the one kept from probe 0.1.0
// (v0.1.0/, without the fields added since) is read beside today's; the same
// report under another schema major version is refused, in one line.
TEST(CompareFixtures, OlderProbeSameMajorIsReadAnotherMajorRefused) {
  std::vector<fs::path> older;
  for (const auto& e : fs::directory_iterator(fixtures() / "v0.1.0")) older.push_back(e.path());
  ASSERT_EQ(older.size(), 1u) << "one report of an older probe is kept (README there)";
  const std::string text = slurp(older[0]);
  auto doc = nlohmann::json::parse(text);
  ASSERT_NE(doc["probe_version"], SYSCALL_PROBE_VERSION);
  const auto read = parse_reports(text, "old");
  ASSERT_TRUE(read.problems.empty()) << read.problems.at(0).message;
  auto now = parse_reports(slurp(fixtures() / "host/unconfined.json"), "now");
  ASSERT_TRUE(now.problems.empty());
  const Matrix m = build_matrix({read.hosts.at(0), now.hosts.at(0)});
  EXPECT_EQ(m.columns.size(), 2u);

  doc["schema_version"] = report_schema::kVersion + 1;
  const auto refused = parse_reports(doc.dump(), "old-next-major");
  EXPECT_TRUE(refused.hosts.empty());
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_TRUE(refused.problems[0].refused);
  EXPECT_EQ(refused.problems[0].message.find('\n'), std::string::npos);
  EXPECT_NE(refused.problems[0].message.find("schema_version " +
                                             std::to_string(report_schema::kVersion + 1)),
            std::string::npos)
      << refused.problems[0].message;
}

TEST(CompareFixtures, BadFixturesAreNamedProblems) {
  for (const char* name : {"bad-truncated.json", "bad-schema-v2.json"}) {
    const fs::path p = fixtures() / name;
    ASSERT_TRUE(fs::exists(p)) << p;
    const auto parsed = parse_reports(slurp(p), name);
    EXPECT_TRUE(parsed.hosts.empty());
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_EQ(parsed.problems[0].refused, std::string(name) == "bad-schema-v2.json");
  }
}

}  // namespace
}  // namespace probe::compare
