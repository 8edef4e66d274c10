// The supervisor on this machine's kernel (label kernel): a forked child
// installs a filter that notifies on 548 and getppid, sends its listener to
// the supervisor's socket the way a runtime does, makes the calls and reports
// what they returned; the parent serves until the child is gone.
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/syscall_probe.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "audit_arch.h"
#include "must_work.h"
#include "supervise-linux.h"

namespace {

using probe::kAuditArch;

// 548 and getppid -> user notification, the rest -> allow.
int install_notifying_filter() {
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYSCALL_PROBE_NR, 2, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
  };
  sock_fprog fprog{sizeof prog / sizeof prog[0], prog};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return static_cast<int>(
      ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog));
}

// What a runtime does: connect, send the listener with a payload.
bool send_listener(const std::string& path, int listener) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    return false;
  char state[] = R"({"ociVersion":"1.0.2","id":"test","status":"creating"})";
  iovec io{state, sizeof state - 1};
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
  msghdr message{};
  message.msg_iov = &io;
  message.msg_iovlen = 1;
  message.msg_control = control.data();
  message.msg_controllen = control.size();
  cmsghdr* c = CMSG_FIRSTHDR(&message);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &listener, sizeof listener);
  const bool sent = ::sendmsg(fd, &message, 0) >= 0;
  ::close(fd);
  return sent;
}

struct Returned {
  long value = 0;
  int err = 0;
};

struct ChildSaw {
  Returned good, wide, ppid;
  pid_t real_ppid = 0;
  int status = -1;
};

// Child: filter, send, calls; its results come back through a pipe.
ChildSaw run_child_and_serve(const std::string& path, supervisor::Served& served,
                             std::string& payload) {
  ChildSaw saw;
  const supervisor::Socket socket = supervisor::listen_at(path);
  EXPECT_GE(socket.fd, 0) << socket.error;
  int out[2];
  EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(out[0]);
    const int listener = install_notifying_filter();
    if (listener < 0 || !send_listener(path, listener)) ::_exit(120);
    ::close(listener);
    std::array<Returned, 3> r{};
    r[0].value = ::syscall(SYSCALL_PROBE_NR, 0x1234UL);
    r[0].err = r[0].value < 0 ? errno : 0;
    r[1].value = ::syscall(SYSCALL_PROBE_NR, 1UL << 32);
    r[1].err = r[1].value < 0 ? errno : 0;
    r[2].value = ::syscall(SYS_getppid);
    r[2].err = r[2].value < 0 ? errno : 0;
    (void)::write(out[1], r.data(), sizeof r);
    ::_exit(0);
  }
  ::close(out[1]);
  const supervisor::Received got = supervisor::receive_listener(socket.fd, -1, 10000);
  ::close(socket.fd);
  EXPECT_GE(got.fd, 0) << got.error;
  payload = got.payload;
  if (got.fd >= 0) {
    served = supervisor::serve(got.fd, -1);
    ::close(got.fd);
  }
  std::array<Returned, 3> r{};
  EXPECT_EQ(::read(out[0], r.data(), sizeof r), static_cast<ssize_t>(sizeof r));
  ::close(out[0]);
  ::waitpid(pid, &saw.status, 0);
  saw.good = r[0];
  saw.wide = r[1];
  saw.ppid = r[2];
  saw.real_ppid = parent;
  return saw;
}

class SupervisorKernel : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/supervisor-test.XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/listener.sock";
    // A kernel without listeners (before 5.0) or with seccomp refused here.
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int fd = install_notifying_filter();
      ::_exit(fd >= 0 ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      if (probe::testing::must_work()) FAIL() << "no seccomp listener here";
      GTEST_SKIP() << "no seccomp listener here";
    }
  }
  void TearDown() override {
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  std::string dir_, path_;
};

TEST_F(SupervisorKernel, AnswersOurCallTheWayTheKernelPatchDoes) {
  supervisor::Served served;
  std::string payload;
  const ChildSaw saw = run_child_and_serve(path_, served, payload);
  EXPECT_TRUE(WIFEXITED(saw.status) && WEXITSTATUS(saw.status) == 0) << saw.status;
  EXPECT_EQ(saw.good.value, 0x1234L ^ static_cast<long>(SYSCALL_PROBE_MAGIC));
  EXPECT_EQ(saw.good.err, 0);
  EXPECT_EQ(payload, R"({"ociVersion":"1.0.2","id":"test","status":"creating"})");
  EXPECT_TRUE(served.error.empty()) << served.error;
  EXPECT_FALSE(served.stopped);
}

TEST_F(SupervisorKernel, ATokenOutsideTheMaskIsEinval) {
  supervisor::Served served;
  std::string payload;
  const ChildSaw saw = run_child_and_serve(path_, served, payload);
  EXPECT_EQ(saw.wide.value, -1);
  EXPECT_EQ(saw.wide.err, EINVAL);
}

TEST_F(SupervisorKernel, AnotherCallContinuesToTheKernel) {
  supervisor::Served served;
  std::string payload;
  const ChildSaw saw = run_child_and_serve(path_, served, payload);
  // getppid, notified but continued: the kernel's own answer.
  EXPECT_EQ(saw.ppid.value, saw.real_ppid);
  EXPECT_EQ(served.answered, 2U);
  EXPECT_EQ(served.continued, 1U);
  EXPECT_EQ(served.gone, 0U);
}

TEST_F(SupervisorKernel, ServingEndsWhenTheContainerIsGone) {
  // serve() returned above only through the hang-up; here nothing is sent:
  // the child dies at once and its listener hangs up with no notification.
  const supervisor::Socket socket = supervisor::listen_at(path_);
  ASSERT_GE(socket.fd, 0) << socket.error;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int listener = install_notifying_filter();
    ::_exit(listener >= 0 && send_listener(path_, listener) ? 0 : 120);
  }
  const supervisor::Received got = supervisor::receive_listener(socket.fd, -1, 10000);
  ::close(socket.fd);
  ASSERT_GE(got.fd, 0) << got.error;
  int status = 0;
  ::waitpid(pid, &status, 0);
  const supervisor::Served served = supervisor::serve(got.fd, -1);
  ::close(got.fd);
  EXPECT_FALSE(served.stopped);
  EXPECT_TRUE(served.error.empty()) << served.error;
  EXPECT_EQ(served.answered + served.continued, 0U);
}

TEST_F(SupervisorKernel, AStopDescriptorEndsServingAndWaiting) {
  const supervisor::Socket socket = supervisor::listen_at(path_);
  ASSERT_GE(socket.fd, 0) << socket.error;
  int stop[2];
  ASSERT_EQ(::pipe2(stop, O_CLOEXEC), 0);
  ASSERT_EQ(::write(stop[1], "x", 1), 1);
  const supervisor::Received got = supervisor::receive_listener(socket.fd, stop[0], 10000);
  EXPECT_TRUE(got.stopped);
  EXPECT_EQ(got.fd, -1);
  ::close(socket.fd);
  ::close(stop[0]);
  ::close(stop[1]);
}

}  // namespace
