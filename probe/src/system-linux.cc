// The real System: with attempt-linux.cc and filter_ask-linux.cc, the only
// files that fork, issue raw system calls and read /proc; this one reads files
// and hands the attempts to the attempting machine (attempt-linux.h). It keeps to plain calls
// (openat, read, close, uname, lseek, readlink, pipe2, clone, mmap, munmap, poll, wait4, kill,
// getrandom, prctl, rt_sigaction, clock_gettime, sched_getaffinity, sched_setaffinity; getcpu where
// glibc has no rseq area) because it must run under custom seccomp profiles; prctl is one runc
// itself makes after loading the profile (seccomp/generate), so a container's profile allows it,
// and the runtimes' default profiles all allow the affinity calls. Asking the filters
// (filter_ask-linux.cc) adds seccomp and ioctl, made only under a filter; lsm_list_modules is made
// in a child, as an attempt.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <functional>
#include <vector>

#include "attempt-linux.h"
#include "filter_ask-linux.h"
#include "system.h"

namespace probe {

namespace {

Result<int> open_read(const std::string& path) {
  for (;;) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd >= 0) return fd;
    if (errno != EINTR) return SysError{"open " + path, errno};
  }
}

class LinuxSystem final : public System {
 public:
  Result<UtsName> uname() override {
    struct utsname u {};
    if (::uname(&u) != 0) return SysError{"uname", errno};
    return UtsName{u.sysname, u.nodename, u.release, u.version, u.machine};
  }

  Result<std::string> read_file(const std::string& path) override {
    auto fd = open_read(path);
    if (!fd) return fd.error();
    std::string text;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(fd.value(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        SysError e{"read " + path, errno};
        ::close(fd.value());
        return e;
      }
      if (n == 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd.value());
    return text;
  }

  Result<std::string> readlink(const std::string& path) override {
    char buf[4096];
    const ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
    if (n < 0) return SysError{"readlink " + path, errno};
    return std::string(buf, static_cast<std::size_t>(n));
  }

  Outcome attempt(const SyscallRequest& req, int timeout_ms) override {
    return attempt_all({req}, timeout_ms, {}).front();
  }

  std::vector<Outcome> attempt_all(const std::vector<SyscallRequest>& reqs, int timeout_ms,
                                   const std::function<void()>& meanwhile) override {
    return attempter_.attempt_all(reqs, timeout_ms, meanwhile);
  }

  Result<std::vector<std::uint64_t>> lsm_list_modules(int timeout_ms) override {
    // The kernel writes the list into memory the child shares with the
    // probe whether it was cloned or forked: a MAP_SHARED page.
    constexpr long kNr = 461;  // x86_64 and arm64 alike
    constexpr std::size_t kMax = 64;
    struct Answer {
      std::uint64_t ids[kMax];
      std::uint32_t size;
    };
    void* map =
        ::mmap(nullptr, sizeof(Answer), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) return SysError{"mmap", errno};
    auto* answer = static_cast<Answer*>(map);
    answer->size = sizeof answer->ids;
    SyscallRequest req;
    req.nr = kNr;
    req.args = {reinterpret_cast<std::uintptr_t>(answer->ids),
                reinterpret_cast<std::uintptr_t>(&answer->size)};
    const Outcome o = attempt(req, timeout_ms);
    // Not answered by an errno: the child died, timed out or returned more
    // than it was given room for.
    Result<std::vector<std::uint64_t>> out =
        SysError{"lsm_list_modules: " + describe(o), ECANCELED};
    if (o.kind == Outcome::Kind::Errno) {
      out = SysError{"lsm_list_modules", o.err};
    } else if (o.kind == Outcome::Kind::Returned && o.value >= 0 &&
               static_cast<std::uint64_t>(o.value) <= kMax) {
      out = std::vector<std::uint64_t>(answer->ids, answer->ids + o.value);
    }
    ::munmap(map, sizeof(Answer));
    return out;
  }

  FilterAnswers ask_filters(const std::vector<SyscallRequest>& reqs, int timeout_ms) override {
    return ask_filters_linux(reqs, timeout_ms);
  }

  Result<std::uint64_t> stream_file(const std::string& path, std::uint64_t offset,
                                    std::uint64_t length,
                                    const std::function<bool(std::string_view)>& chunk) override {
    auto fd = open_read(path);
    if (!fd) return fd.error();
    // 128 KiB reads, as cat(1) does (sysfs hands out a page per read
    // whatever the buffer). lseek + read rather than pread: the probe's
    // seccomp profiles (seccomp/generate) allow those already, and one call
    // fewer that a narrow profile might kill.
    static char buf[128 * 1024];
    std::uint64_t done = 0;
    std::optional<SysError> error;
    if (offset > 0 && ::lseek(fd.value(), static_cast<off_t>(offset), SEEK_SET) < 0) {
      error = SysError{"seek " + path, errno};
      length = 0;
    }
    while (done < length) {
      const auto want =
          static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buf, length - done));
      const ssize_t n = ::read(fd.value(), buf, want);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error = SysError{"read " + path, errno};
        break;
      }
      if (n == 0) break;
      done += static_cast<std::uint64_t>(n);
      if (!chunk(std::string_view(buf, static_cast<std::size_t>(n)))) break;
    }
    ::close(fd.value());
    if (error) return *error;
    return done;
  }

  std::uint32_t random_u32() override {
    std::uint32_t v = 0;
    if (::getrandom(&v, sizeof v, 0) == static_cast<ssize_t>(sizeof v)) return v;
    // getrandom refused (old kernel or a profile): fall back to urandom, then
    // to the clock, which is random enough to tell two syscalls apart.
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      const ssize_t n = ::read(fd, &v, sizeof v);
      ::close(fd);
      if (n == static_cast<ssize_t>(sizeof v)) return v;
    }
    struct timespec ts {};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint32_t>(ts.tv_nsec) ^ static_cast<std::uint32_t>(::getpid());
  }

  bool stdout_is_tty() override { return ::isatty(STDOUT_FILENO) == 1; }

 private:
  Attempter attempter_;
};

}  // namespace

std::unique_ptr<System> make_linux_system() {
  return std::make_unique<LinuxSystem>();
}

}  // namespace probe
