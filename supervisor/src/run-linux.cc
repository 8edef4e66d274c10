#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "run.h"
#include "supervise-linux.h"

namespace supervisor {

namespace {

// SIGTERM and SIGINT are read from a descriptor, so the loops stop between
// two notifications, never in the middle of a reply.
int stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) return -1;
  return ::signalfd(-1, &set, SFD_CLOEXEC);
}

int fail(const std::string& message) {
  (void)std::fprintf(stderr, "syscall-probe-supervisor: %s\n", message.c_str());
  return 1;
}

}  // namespace

int run(const Options& options) {
  const int stop = stop_signals();
  if (stop < 0) return fail(std::string("signalfd: ") + std::strerror(errno));
  const Socket socket = listen_at(options.socket);
  if (socket.fd < 0) return fail(socket.error);
  const Received got = receive_listener(socket.fd, stop, options.wait_seconds * 1000);
  ::close(socket.fd);
  ::unlink(options.socket.c_str());
  if (got.stopped) return 0;
  if (got.fd < 0) return fail(got.error);
  const Served served = serve(got.fd, stop);
  ::close(got.fd);
  (void)std::fprintf(stderr, "syscall-probe-supervisor: %s; answered %u, continued %u, gone %u\n",
                     served.stopped ? "stopped" : "container gone", served.answered,
                     served.continued, served.gone);
  if (!served.error.empty()) return fail(served.error);
  return 0;
}

}  // namespace supervisor
