// Reading captured fixture files (probe/test/fixtures/).
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "fake_system.h"

namespace probe::testing {

inline std::string fixture(const std::string& name) {
  const std::string path = std::string(PROBE_FIXTURES_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A gVisor sandbox as runsc 2024-07-29 showed it: gVisor's uname, status
/// without a filter, the "job" cgroup controller, Docker's marker file.
inline void gvisor_files(FakeSystem& sys) {
  sys.uts.release = "4.4.0";
  sys.uts.version = "#1 SMP Sun Jan 10 15:06:54 PST 2016";
  sys.files["/.dockerenv"] = "";
  sys.files["/proc/self/status"] = fixture("status-gvisor-captured.txt");
  sys.files["/proc/self/cgroup"] = fixture("cgroup-gvisor.txt");
  sys.files["/proc/self/mountinfo"] = fixture("mountinfo-gvisor.txt");
}

/// A Docker container with its default seccomp profile: status, cgroup and
/// mountinfo as captured, the marker file, the identity uid map, two
/// namespaces.
inline void docker_files(FakeSystem& sys) {
  sys.files["/proc/self/status"] = fixture("status-docker.txt");
  sys.files["/proc/self/cgroup"] = fixture("cgroup-docker.txt");
  sys.files["/proc/self/mountinfo"] = fixture("mountinfo-docker.txt");
  sys.files["/.dockerenv"] = "";
  sys.files["/proc/self/uid_map"] = "         0          0 4294967295\n";
  sys.links["/proc/self/ns/uts"] = "uts:[4026532201]";
  sys.links["/proc/self/ns/pid"] = "pid:[4026532204]";
}

}  // namespace probe::testing
