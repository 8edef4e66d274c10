// The real System: the only file that forks, issues raw system calls and
// reads /proc. It keeps to plain calls (openat, read, write, close, uname,
// lseek, readlink, pipe2, clone via fork, poll, wait4, kill, getrandom, prctl,
// rt_sigaction) because it must run under custom seccomp profiles.
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <vector>

#include "system.h"

namespace probe {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Written only in the forked child, read by its SIGSYS handler.
int g_report_fd = -1;
volatile std::int32_t g_index = 0;

void write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

// A seccomp TRAP action raises SIGSYS with si_code SYS_SECCOMP: tell the
// parent (that is the evidence of a TRAP), then die of the signal. SA_RESETHAND
// and SA_NODEFER make the second SIGSYS take the default action at once.
void on_sigsys(int /*sig*/, siginfo_t* info, void* /*context*/) {
  ChildRecord rec;
  rec.type = ChildRecord::kSigsys;
  rec.index = g_index;
  rec.si_code = info->si_code;
#ifdef si_syscall
  rec.syscall_nr = info->si_syscall;
#endif
  write_all(g_report_fd, &rec, sizeof rec);
  ::kill(::getpid(), SIGSYS);
  ::_exit(128 + SIGSYS);
}

// Makes requests[first..] in order and reports each through `report_fd`.
// Records are smaller than PIPE_BUF, so each write arrives whole.
[[noreturn]] void run_child(int report_fd, const std::vector<SyscallRequest>& reqs,
                            std::size_t first) {
  g_report_fd = report_fd;
  // A dying child must not leave a core file (or feed a core pipe helper).
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = static_cast<int>(SA_SIGINFO | SA_RESETHAND | SA_NODEFER);
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSYS, &sa, nullptr);

  for (std::size_t i = first; i < reqs.size(); ++i) {
    const SyscallRequest& req = reqs[i];
    g_index = static_cast<std::int32_t>(i);
    errno = 0;
    const long ret = ::syscall(req.nr, req.args[0], req.args[1], req.args[2], req.args[3],
                               req.args[4], req.args[5]);
    const int err = errno;
    ChildRecord rec;
    rec.type = ChildRecord::kReturned;
    rec.index = static_cast<std::int32_t>(i);
    rec.ret = ret;
    rec.err = ret == -1 ? err : 0;
    write_all(report_fd, &rec, sizeof rec);
  }
  ::_exit(0);
}

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
    return attempt_all({req}, timeout_ms).front();
  }

  std::vector<Outcome> attempt_all(const std::vector<SyscallRequest>& reqs,
                                   int timeout_ms) override {
    std::vector<Outcome> out(reqs.size());
    std::size_t next = 0;  // the first request without an outcome yet
    while (next < reqs.size()) {
      auto last = Clock::now();
      auto fail_rest = [&](const char* what, int err) {
        for (std::size_t i = next; i < reqs.size(); ++i) {
          out[i].kind = Outcome::Kind::Error;
          out[i].error = SysError{what, err}.message();
        }
        out[next].elapsed_ms = ms_since(last);
        next = reqs.size();
      };
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0) {
        fail_rest("pipe2", errno);
        break;
      }
      const pid_t pid = ::fork();
      if (pid < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        fail_rest("fork", err);
        break;
      }
      if (pid == 0) {
        ::close(fds[0]);
        run_child(fds[1], reqs, next);
      }
      ::close(fds[1]);

      // Read records until EOF (the only write end is the child's), giving
      // each call `timeout_ms`; no pidfd, which a seccomp profile may refuse.
      std::string buf;
      bool timed_out = false;
      bool death_explained = false;  // the last record was the SIGSYS handler's
      for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              last + std::chrono::milliseconds(timeout_ms) - Clock::now())
                              .count();
        if (left <= 0) {
          timed_out = true;
          break;
        }
        struct pollfd p {
          fds[0], POLLIN, 0
        };
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) break;  // cannot wait any more: reap below
        if (r == 0) {
          timed_out = true;
          break;
        }
        char chunk[512];
        const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        buf.append(chunk, static_cast<std::size_t>(n));
        ChildRecord rec;
        while (buf.size() >= sizeof rec) {
          std::memcpy(&rec, buf.data(), sizeof rec);
          const std::string one = buf.substr(0, sizeof rec);
          buf.erase(0, sizeof rec);
          const auto index = static_cast<std::size_t>(rec.index);
          if (index < next || index >= reqs.size()) continue;
          out[index] = decode_attempt(one, 0);
          out[index].elapsed_ms = ms_since(last);
          last = Clock::now();
          next = index + 1;
          death_explained = rec.type == ChildRecord::kSigsys;
        }
      }
      ::close(fds[0]);
      if (timed_out) ::kill(pid, SIGKILL);

      int status = 0;
      while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
          fail_rest("waitpid", errno);
          break;
        }
      }
      if (next >= reqs.size() || death_explained) continue;
      // The child ended while making request `next`: that is its outcome.
      if (timed_out) {
        out[next].kind = Outcome::Kind::Timeout;
        out[next].timeout_ms = timeout_ms;
      } else {
        out[next] = decode_attempt("", status);
      }
      out[next].elapsed_ms = ms_since(last);
      ++next;
    }
    return out;
  }

  std::optional<SysError> stream_kallsyms(
      const std::function<bool(std::string_view)>& line) override {
    // Lines are < 600 bytes; one cut by the end of a read is carried over to
    // the next (and dropped if it grows absurd, as no kallsyms line does).
    constexpr std::size_t kMaxLine = std::size_t{128} * 1024;
    std::string carry;
    auto got = stream_file("/proc/kallsyms", 0, UINT64_MAX, [&](std::string_view chunk) {
      std::size_t start = 0;
      for (auto nl = chunk.find('\n'); nl != std::string_view::npos; nl = chunk.find('\n', start)) {
        std::string_view whole = chunk.substr(start, nl - start);
        if (!carry.empty()) whole = carry.append(whole);
        const bool more = line(whole);
        carry.clear();
        if (!more) return false;
        start = nl + 1;
      }
      carry.append(chunk.substr(start));
      if (carry.size() > kMaxLine) carry.clear();
      return true;
    });
    if (!got) return got.error();
    return std::nullopt;
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
};

}  // namespace

std::unique_ptr<System> make_linux_system() {
  return std::make_unique<LinuxSystem>();
}

}  // namespace probe
