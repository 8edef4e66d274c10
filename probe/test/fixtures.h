// Reading captured fixture files (probe/test/fixtures/).
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace probe::testing {

inline std::string fixture(const std::string& name) {
  const std::string path = std::string(PROBE_FIXTURES_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace probe::testing
