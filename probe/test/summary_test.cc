// The census summary: counts by verdict, names for all but implemented, the
// same facts in the text line and the JSON object.
#include "summary.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "render.h"

namespace probe {
namespace {

// `name` must outlive the Attempt (Attempt::name): literals here.
Attempt attempt(std::string_view name, Verdict v) {
  Attempt a;
  a.name = name;
  a.verdict = v;
  return a;
}

std::vector<Attempt> census() {
  return {attempt("read", Verdict::Implemented),        attempt("fsopen", Verdict::BlockedOrDenied),
          attempt("clone3", Verdict::Blocked),          attempt("write", Verdict::Implemented),
          attempt("map_shadow_stack", Verdict::Absent), attempt("cachestat", Verdict::Blocked)};
}

TEST(Summary, CountsInVerdictOrder) {
  const Summary s = summarise(census());
  EXPECT_EQ(s.calls, 6U);
  ASSERT_EQ(s.counts.size(), 4U);
  EXPECT_EQ(s.counts[0].verdict, Verdict::Implemented);
  EXPECT_EQ(s.counts[0].names, (std::vector<std::string_view>{"read", "write"}));
  EXPECT_EQ(s.counts[1].verdict, Verdict::Blocked);
  EXPECT_EQ(s.counts[1].names, (std::vector<std::string_view>{"clone3", "cachestat"}));
  EXPECT_EQ(s.counts[2].verdict, Verdict::BlockedOrDenied);
  EXPECT_EQ(s.counts[3].verdict, Verdict::Absent);
  EXPECT_EQ(summary_sentence(s),
            "6 calls: 2 implemented, 2 blocked by the filter: clone3 cachestat, 1 blocked by the "
            "filter or denied by the kernel: fsopen, 1 absent: map_shadow_stack.");
}

TEST(Summary, EmptyAndSingle) {
  EXPECT_EQ(summary_sentence(summarise({})), "");
  EXPECT_EQ(summary_sentence(summarise({attempt("read", Verdict::Implemented)})),
            "1 call: 1 implemented.");
}

TEST(Summary, EveryVerdictHasAPhrase) {
  for (auto v : {Verdict::Implemented, Verdict::Absent, Verdict::Blocked, Verdict::AbsentOrBlocked,
                 Verdict::BlockedOrDenied, Verdict::Occupied, Verdict::Killed, Verdict::Timeout,
                 Verdict::Error}) {
    EXPECT_FALSE(verdict_phrase(v).empty());
    EXPECT_EQ(summarise({attempt("x", v)}).counts.size(), 1U) << verdict_name(v);
  }
}

TEST(Summary, TextAndJsonCarryTheSameFacts) {
  Report r;
  r.catalogue = census();
  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["summary"]["calls"], 6);
  EXPECT_EQ(j["summary"]["counts"]["blocked"], 2);
  EXPECT_EQ(j["summary"]["counts"]["implemented"], 2);
  EXPECT_EQ(j["summary"]["names"]["blocked-or-denied"], nlohmann::json::array({"fsopen"}));
  EXPECT_FALSE(j["summary"]["names"].contains("implemented"));
  const std::string text = render_text(r, false);
  const std::string sentence = j["summary"]["text"];
  // Wrapped under its label: compare word by word.
  std::string flat;
  for (char c : text.substr(text.find("Summary"))) flat += c == '\n' ? ' ' : c;
  std::string words;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    if (flat[i] == ' ' && (words.empty() || words.back() == ' ')) continue;
    words += flat[i];
  }
  EXPECT_NE(words.find("Summary " + sentence), std::string::npos) << text;
}

}  // namespace
}  // namespace probe
