// libFuzzer target: compare's report parser and everything after it, on
// coverage-guided inputs. Built by the `fuzz` preset (clang, ASan, UBSan);
// CTest `fuzz.compare-parse` runs it for a bounded time (HACKING.md).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "compare_parse_one.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string broke = probe::compare::fuzz::check_one(
      std::string_view(reinterpret_cast<const char*>(data), size));  // NOLINT
  if (!broke.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", broke.c_str());
    std::abort();
  }
  return 0;
}
