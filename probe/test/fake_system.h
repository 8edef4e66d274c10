// A scripted System for unit tests: files, links and attempt outcomes are
// whatever the test sets; every call is recorded.
#pragma once

#include <algorithm>
#include <cerrno>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "system.h"

namespace probe::testing {

class FakeSystem final : public System {
 public:
  /// uname -m is the probe's own architecture: a native run (emulation.h
  /// takes another machine for a sign of an emulator).
  UtsName uts {
    "Linux", "box", "6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1",
#if defined(__aarch64__)
        "aarch64"
#else
        "x86_64"
#endif
  };
  std::map<std::string, std::string> files;  ///< missing: ENOENT
  std::map<std::string, std::string> links;  ///< missing: ENOENT
  std::map<long, Outcome> outcomes;          ///< by nr; missing: ENOSYS
  /// A request of a number made before (a second look): its outcome, by nr;
  /// missing: `outcomes`' again.
  std::map<long, Outcome> again;
  std::optional<std::string> kallsyms;  ///< /proc/kallsyms; nullopt: EACCES
  /// lsm_list_modules: these ids, or nullopt for the errno `lsm_errno`.
  std::optional<std::vector<std::uint64_t>> lsm_ids;
  int lsm_errno = ENOSYS;
  int lsm_calls = 0;
  std::uint32_t token = 0x12345678;
  bool tty = false;

  std::vector<SyscallRequest> requests;
  int kallsyms_opens = 0;
  std::size_t kallsyms_bytes = 0;           ///< of /proc/kallsyms, handed to the reader
  std::map<std::string, int> file_streams;  ///< stream_file calls by path
  std::size_t chunk_size = 4093;            ///< stream_file piece size

  Result<UtsName> uname() override {
    return uts;
  }

  Result<std::string> read_file(const std::string& path) override {
    auto it = files.find(path);
    if (it == files.end()) return SysError{"open " + path, ENOENT};
    return it->second;
  }

  Result<std::string> readlink(const std::string& path) override {
    auto it = links.find(path);
    if (it == links.end()) return SysError{"readlink " + path, ENOENT};
    return it->second;
  }

  Outcome attempt(const SyscallRequest& request, int /*timeout_ms*/) override {
    const bool before = std::any_of(requests.begin(), requests.end(),
                                    [&](const SyscallRequest& r) { return r.nr == request.nr; });
    requests.push_back(request);
    if (auto a = again.find(request.nr); before && a != again.end()) return a->second;
    auto it = outcomes.find(request.nr);
    if (it != outcomes.end()) return it->second;
    Outcome o;
    o.kind = Outcome::Kind::Errno;
    o.err = ENOSYS;
    return o;
  }

  Result<std::uint64_t> stream_file(const std::string& path, std::uint64_t offset,
                                    std::uint64_t length,
                                    const std::function<bool(std::string_view)>& chunk) override {
    ++file_streams[path];
    std::string_view data;
    if (path == "/proc/kallsyms") {
      ++kallsyms_opens;
      if (!kallsyms) return SysError{"open /proc/kallsyms", EACCES};
      data = *kallsyms;
    } else {
      auto it = files.find(path);
      if (it == files.end()) return SysError{"open " + path, ENOENT};
      data = it->second;
    }
    if (offset >= data.size()) return std::uint64_t{0};
    data = data.substr(offset, length);
    std::uint64_t done = 0;
    // Odd-sized pieces, so every reader is tested on records that straddle two.
    while (!data.empty()) {
      const std::string_view piece = data.substr(0, chunk_size);
      data.remove_prefix(piece.size());
      done += piece.size();
      if (path == "/proc/kallsyms") kallsyms_bytes += piece.size();
      if (!chunk(piece)) break;
    }
    return done;
  }

  Result<std::vector<std::uint64_t>> lsm_list_modules(int /*timeout_ms*/) override {
    ++lsm_calls;
    if (lsm_ids) return *lsm_ids;
    return SysError{"lsm_list_modules", lsm_errno};
  }

  std::uint32_t random_u32() override {
    return token;
  }
  bool stdout_is_tty() override {
    return tty;
  }
};

inline Outcome errno_outcome(int err) {
  Outcome o;
  o.kind = Outcome::Kind::Errno;
  o.err = err;
  return o;
}

inline Outcome returned_outcome(std::int64_t value) {
  Outcome o;
  o.kind = Outcome::Kind::Returned;
  o.value = value;
  return o;
}

inline Outcome signal_outcome(int sig, bool seccomp = false) {
  Outcome o;
  o.kind = Outcome::Kind::Signal;
  o.signal = sig;
  o.seccomp_signal = seccomp;
  return o;
}

}  // namespace probe::testing
