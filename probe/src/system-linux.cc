// The real System: the only file that forks, issues raw system calls and
// reads /proc. It keeps to plain calls (openat, read, write, close, uname,
// readlink, pipe2, clone via fork, poll, wait4, kill, getrandom, prctl,
// rt_sigaction) because it must run under custom seccomp profiles.
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>

#include "system.h"

namespace probe {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Written only in the forked child, read by its SIGSYS handler.
int g_report_fd = -1;

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
  rec.si_code = info->si_code;
#ifdef si_syscall
  rec.syscall_nr = info->si_syscall;
#endif
  write_all(g_report_fd, &rec, sizeof rec);
  ::kill(::getpid(), SIGSYS);
  ::_exit(128 + SIGSYS);
}

[[noreturn]] void run_child(int report_fd, const SyscallRequest& req) {
  g_report_fd = report_fd;
  // A dying child must not leave a core file (or feed a core pipe helper).
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  struct sigaction sa {};
  sa.sa_sigaction = on_sigsys;
  sa.sa_flags = static_cast<int>(SA_SIGINFO | SA_RESETHAND | SA_NODEFER);
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSYS, &sa, nullptr);

  errno = 0;
  const long ret = ::syscall(req.nr, req.args[0], req.args[1], req.args[2], req.args[3],
                             req.args[4], req.args[5]);
  const int err = errno;
  ChildRecord rec;
  rec.type = ChildRecord::kReturned;
  rec.ret = ret;
  rec.err = ret == -1 ? err : 0;
  write_all(report_fd, &rec, sizeof rec);
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
    const auto t0 = Clock::now();
    Outcome out;
    auto fail = [&](const char* what, int err) {
      out.kind = Outcome::Kind::Error;
      out.error = SysError{what, err}.message();
      out.elapsed_ms = ms_since(t0);
      return out;
    };

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return fail("pipe2", errno);
    const pid_t pid = ::fork();
    if (pid < 0) {
      const int err = errno;
      ::close(fds[0]);
      ::close(fds[1]);
      return fail("fork", err);
    }
    if (pid == 0) {
      ::close(fds[0]);
      run_child(fds[1], req);
    }
    ::close(fds[1]);

    // Wait for the child's report or its end (EOF: the only write end is
    // the child's) without pidfd, which a seccomp profile may refuse.
    std::string record;
    bool timed_out = false;
    const auto deadline = t0 + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      struct pollfd p {fds[0], POLLIN, 0};
      const int r = ::poll(&p, 1, static_cast<int>(left));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) break;  // cannot wait any more: reap below
      if (r == 0) {
        timed_out = true;
        break;
      }
      char buf[256];
      const ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      record.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (timed_out) ::kill(pid, SIGKILL);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) return fail("waitpid", errno);
    }
    if (timed_out) {
      out.kind = Outcome::Kind::Timeout;
      out.timeout_ms = timeout_ms;
    } else {
      out = decode_attempt(record, status);
    }
    out.elapsed_ms = ms_since(t0);
    return out;
  }

  std::optional<SysError> stream_kallsyms(
      const std::function<bool(std::string_view)>& line) override {
    const std::string path = "/proc/kallsyms";
    auto fd = open_read(path);
    if (!fd) return fd.error();
    // Lines are < 600 bytes; a partial line is carried over to the next chunk.
    static char buf[64 * 1024];
    std::size_t have = 0;
    std::optional<SysError> error;
    for (;;) {
      const ssize_t n = ::read(fd.value(), buf + have, sizeof buf - have);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        error = SysError{"read " + path, errno};
        break;
      }
      if (n == 0) break;
      have += static_cast<std::size_t>(n);
      std::string_view chunk(buf, have);
      bool more = true;
      std::size_t start = 0;
      for (auto nl = chunk.find('\n'); nl != std::string_view::npos;
           nl = chunk.find('\n', start)) {
        if (!line(chunk.substr(start, nl - start))) {
          more = false;
          break;
        }
        start = nl + 1;
      }
      if (!more) break;
      have -= start;
      std::memmove(buf, buf + start, have);
      if (have == sizeof buf) have = 0;  // absurd line: drop it
    }
    ::close(fd.value());
    return error;
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

std::unique_ptr<System> make_linux_system() { return std::make_unique<LinuxSystem>(); }

}  // namespace probe
