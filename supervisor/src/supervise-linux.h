// The supervisor's door to the kernel: a unix socket that receives a seccomp
// listener from a container runtime, and the loop that serves it.
#pragma once

#include <string>

namespace supervisor {

/// A listening unix socket at `path`, or -1 with `error` set. The socket is
/// bound under a temporary name and renamed to `path` once it listens, so a
/// runtime that finds `path` can connect at once.
struct Socket {
  int fd = -1;
  std::string error;
};
Socket listen_at(const std::string& path);

/// The first seccomp listener sent over `socket` (SCM_RIGHTS) and the bytes
/// sent with it: crun's run.oci.seccomp.receiver sends the OCI state, runc's
/// linux.seccomp.listenerPath its container process state (JSON). Connections
/// that carry no descriptor are closed and the next one awaited. `fd` is -1
/// when `stop_fd` became readable (`stopped`), on timeout or on an error.
struct Received {
  int fd = -1;
  std::string payload;
  bool stopped = false;
  std::string error;
};
Received receive_listener(int socket, int stop_fd, int timeout_ms);

/// What one serve() saw.
struct Served {
  unsigned answered = 0;   ///< 548 replied to (value or EINVAL)
  unsigned continued = 0;  ///< every other call, sent on to the kernel
  unsigned gone = 0;       ///< callers that died before their reply
  bool stopped = false;    ///< `stop_fd` became readable
  std::string error;       ///< empty unless serving failed
};

/// Serves every notification of `listener` (answer.h decides each reply,
/// after SECCOMP_IOCTL_NOTIF_ID_VALID confirms the caller still waits) until
/// the listener hangs up, which the kernel signals once no task uses its
/// filter any more (the container is gone), or until `stop_fd` is readable.
Served serve(int listener, int stop_fd);

}  // namespace supervisor
