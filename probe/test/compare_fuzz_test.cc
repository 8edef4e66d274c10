// A bounded mutation test of compare's report parser (label unit, a few
// seconds): real reports from fixtures/reports, mutated byte-wise and
// structure-wise with a fixed seed, must each give hosts or named problems,
// never an exception, a crash or a table of the wrong shape
// (fuzz/compare_parse_one.h). SYSCALL_PROBE_FUZZ_RUNS and
// SYSCALL_PROBE_FUZZ_SEED change the run; the seed is printed on failure.
// probe/fuzz/ holds the libFuzzer target for longer, coverage-guided runs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "../fuzz/compare_parse_one.h"

namespace probe::compare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

unsigned long env_number(const char* name, unsigned long fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoul(v, nullptr, 0) : fallback;
}

// The real reports, each cut to its first three catalogue rows so one parse
// takes microseconds, plus the two bad fixtures as they are.
std::vector<std::string> seeds() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(PROBE_FIXTURES_DIR) / "reports")) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    json doc = json::parse(text, nullptr, false);
    if (!doc.is_discarded() && doc.contains("catalogue") && doc["catalogue"].is_array() &&
        doc["catalogue"].size() > 3) {
      doc["catalogue"].erase(doc["catalogue"].begin() + 3, doc["catalogue"].end());
      text = doc.dump(1);
    }
    out.push_back(std::move(text));
  }
  return out;
}

class Mutator {
 public:
  explicit Mutator(unsigned long seed) : rng_(seed) {}

  std::string mutate(const std::string& seed, const std::string& other) {
    switch (below(8)) {
      case 0: return flip_bits(seed);
      case 1: return erase_range(seed);
      case 2: return insert_bytes(seed);
      case 3: return seed.substr(0, below(seed.size() + 1));  // truncated
      case 4: return seed + "\n" + other.substr(0, below(other.size() + 1));
      case 5: return retype_value(seed);
      case 6: return deep_nesting();
      default: return insert_bytes(flip_bits(seed));
    }
  }

 private:
  std::size_t below(std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  std::string flip_bits(std::string s) {
    for (std::size_t i = 0, n = 1 + below(8); i < n && !s.empty(); ++i) {
      s[below(s.size())] ^= static_cast<char>(1U << below(8));
    }
    return s;
  }
  std::string erase_range(std::string s) {
    const std::size_t at = below(s.size() + 1);
    return s.erase(at, below(64));
  }
  std::string insert_bytes(std::string s) {
    static const std::string kAlphabet =
        std::string("[]{}\",:\\0123456789-eE.tfn ul\xff\x80\n") + std::string(1, '\0');
    std::string bytes;
    for (std::size_t i = 0, n = 1 + below(16); i < n; ++i)
      bytes += kAlphabet[below(kAlphabet.size())];
    return s.insert(below(s.size() + 1), bytes);
  }
  // Replaces one value anywhere in the document with one of another type.
  std::string retype_value(const std::string& s) {
    json doc = json::parse(s, nullptr, false);
    if (doc.is_discarded()) return flip_bits(s);
    const json replacements[] = {nullptr,
                                 -1,
                                 json(INT64_MAX),
                                 1e308,
                                 "",
                                 json::array(),
                                 json::object(),
                                 "x\n\x01y",
                                 json(UINT64_MAX),
                                 json::parse("[[[[[[[[[[1]]]]]]]]]]")};
    json* at = &doc;
    for (int depth = 0; depth < 6 && at->is_structured() && !at->empty(); ++depth) {
      if (at->is_object()) {
        auto it = at->begin();
        std::advance(it, static_cast<long>(below(at->size())));
        if (below(4) == 0) {  // drop a field instead
          at->erase(it);
          return doc.dump();
        }
        at = &it.value();
      } else {
        at = &(*at)[below(at->size())];
      }
    }
    *at = replacements[below(std::size(replacements))];
    return doc.dump();
  }
  std::string deep_nesting() {
    const std::size_t depth = 1 + below(100000);
    const char* open = below(2) == 0 ? "[" : "{\"a\":";
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) s += open;
    return s;
  }

  std::mt19937_64 rng_;
};

TEST(CompareParseFuzz, MutatedReportsNeverThrowAndGiveWellShapedTables) {
  const unsigned long runs = env_number("SYSCALL_PROBE_FUZZ_RUNS", 2000);
  const unsigned long seed = env_number("SYSCALL_PROBE_FUZZ_SEED", 20261130);
  const std::vector<std::string> corpus = seeds();
  ASSERT_GE(corpus.size(), 3U) << "fixtures/reports lost its reports";
  // The seeds themselves are fine, so the checks below can tell.
  for (const auto& s : corpus) ASSERT_EQ(fuzz::check_one(s), "");

  Mutator mutator(seed);
  std::size_t hosts_seen = 0;
  for (unsigned long i = 0; i < runs; ++i) {
    const std::string input =
        mutator.mutate(corpus[i % corpus.size()], corpus[(i * 7 + 3) % corpus.size()]);
    std::string broke;
    try {
      broke = fuzz::check_one(input);
      hosts_seen += parse_reports(input, "fuzz").hosts.size();
    } catch (const std::exception& e) {
      broke = std::string("threw: ") + e.what();
    }
    ASSERT_EQ(broke, "") << "run " << i << " of seed " << seed << ", input of " << input.size()
                         << " bytes: " << input.substr(0, 200);
  }
  // Not every mutation may break the report: some runs must reach the table.
  EXPECT_GT(hosts_seen, runs / 20) << "the mutations never produced a usable report";
}

TEST(CompareParseFuzz, LimitsAreProblemsNotCrashes) {
  const auto deep = parse_reports(std::string(100000, '['), "deep");
  ASSERT_EQ(deep.problems.size(), 1U);
  EXPECT_NE(deep.problems[0].message.find("nested deeper than"), std::string::npos)
      << deep.problems[0].message;
  std::string many = "[";
  for (std::size_t i = 0; i < kMaxValues + 1; ++i) many += "0,";
  many += "0]";
  const auto wide = parse_reports(many, "wide");
  ASSERT_EQ(wide.problems.size(), 1U);
  EXPECT_NE(wide.problems[0].message.find("values"), std::string::npos) << wide.problems[0].message;
}

}  // namespace
}  // namespace probe::compare
