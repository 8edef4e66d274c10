// syscall-probe-supervisor: answers syscall 548 for a container on a kernel
// that lacks it, through the seccomp listener its runtime sends
// (docs/supervisor.md). Host infrastructure: it never enters the image.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "run.h"

namespace {

int usage(std::FILE* out, int status) {
  (void)std::fputs(
      "usage: syscall-probe-supervisor --socket PATH [--wait SECONDS]\n"
      "  Receives one container's seccomp listener at PATH (crun's\n"
      "  run.oci.seccomp.receiver, runc's linux.seccomp.listenerPath), answers\n"
      "  syscall 548 as the kernel patch would, lets every other call continue,\n"
      "  and exits when the container is gone or on SIGTERM.\n",
      out);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  supervisor::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return usage(stdout, 0);
    if (i + 1 >= argc) return usage(stderr, 2);
    if (arg == "--socket") {
      options.socket = argv[++i];
    } else if (arg == "--wait") {
      char* end = nullptr;
      const long seconds = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || seconds <= 0 || seconds > 86400) return usage(stderr, 2);
      options.wait_seconds = static_cast<int>(seconds);
    } else {
      return usage(stderr, 2);
    }
  }
  if (options.socket.empty()) return usage(stderr, 2);
  return supervisor::run(options);
}
