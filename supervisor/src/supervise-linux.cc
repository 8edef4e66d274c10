#include "supervise-linux.h"

#include <linux/seccomp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "answer.h"

namespace supervisor {

namespace {

std::string failed(const std::string& operation, int err) {
  return operation + ": " + std::strerror(err);
}

bool fill_address(const std::string& path, sockaddr_un& address) {
  address = {};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) return false;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return true;
}

// poll() on `fd` and `stop_fd`, retrying EINTR. Returns fd's revents, or -1
// when stop_fd is readable, or -2 on timeout, or -3 with errno set.
int wait_for(int fd, short events, int stop_fd, int timeout_ms) {
  std::array<pollfd, 2> fds{{{fd, events, 0}, {stop_fd, POLLIN, 0}}};
  const nfds_t count = stop_fd >= 0 ? 2 : 1;
  for (;;) {
    const int n = ::poll(fds.data(), count, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -3;
    if (n == 0) return -2;
    if (count == 2 && fds[1].revents != 0) return -1;
    return fds[0].revents;
  }
}

}  // namespace

Socket listen_at(const std::string& path) {
  Socket s;
  const std::string temporary = path + ".binding";
  sockaddr_un address{};
  if (!fill_address(temporary, address)) {
    s.error = "socket path too long: " + path;
    return s;
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    s.error = failed("socket", errno);
    return s;
  }
  ::unlink(temporary.c_str());
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 4) != 0 || ::rename(temporary.c_str(), path.c_str()) != 0) {
    s.error = failed("listen on " + path, errno);
    ::close(fd);
    ::unlink(temporary.c_str());
    return s;
  }
  s.fd = fd;
  return s;
}

Received receive_listener(int socket, int stop_fd, int timeout_ms) {
  Received r;
  for (;;) {
    const int ready = wait_for(socket, POLLIN, stop_fd, timeout_ms);
    if (ready == -1) {
      r.stopped = true;
      return r;
    }
    if (ready == -2) {
      r.error = "no listener received within " + std::to_string(timeout_ms) + " ms";
      return r;
    }
    if (ready == -3) {
      r.error = failed("poll", errno);
      return r;
    }
    const int peer = ::accept4(socket, nullptr, nullptr, SOCK_CLOEXEC);
    if (peer < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      r.error = failed("accept", errno);
      return r;
    }
    // runc's state lists the container's annotations: room for a few pages.
    std::vector<char> payload(std::size_t{64} * 1024);
    // Room for a handful of descriptors: runc may send more than the listener.
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * 8)> control{};
    iovec io{payload.data(), payload.size()};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    ssize_t n = -1;
    do {
      n = ::recvmsg(peer, &message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    const int err = errno;
    ::close(peer);
    if (n < 0) {
      r.error = failed("recvmsg", err);
      return r;
    }
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int fd = -1;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        // The first is the listener (crun sends one; runc lists the
        // listener first); any other is not ours to keep.
        if (r.fd < 0) {
          r.fd = fd;
        } else {
          ::close(fd);
        }
      }
    }
    if (r.fd >= 0) {
      r.payload.assign(payload.data(), static_cast<std::size_t>(n));
      return r;
    }
  }
}

Served serve(int listener, int stop_fd) {
  Served s;
  for (;;) {
    const int ready = wait_for(listener, POLLIN, stop_fd, -1);
    if (ready == -1) {
      s.stopped = true;
      return s;
    }
    if (ready < 0) {
      s.error = failed("poll", errno);
      return s;
    }
    // A notification still queued is served before a hang-up is believed.
    if ((ready & POLLIN) == 0) {
      if ((ready & (POLLHUP | POLLERR)) != 0) return s;
      continue;
    }
    seccomp_notif notif{};
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &notif) != 0) {
      // ENOENT: the caller died between poll and receive.
      if (errno == EINTR || errno == ENOENT) continue;
      s.error = failed("SECCOMP_IOCTL_NOTIF_RECV", errno);
      return s;
    }
    // Nothing below reads the caller's memory, but the reply must reach the
    // task that asked: a recycled id would answer someone else.
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &notif.id) != 0) {
      ++s.gone;
      continue;
    }
    const Reply reply = answer({notif.data.nr, notif.data.arch, notif.data.args[0]});
    seccomp_notif_resp resp{};
    resp.id = notif.id;
    switch (reply.kind) {
      case Reply::Kind::Continue: resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE; break;
      case Reply::Kind::Value: resp.val = reply.value; break;
      case Reply::Kind::Error: resp.error = -reply.error; break;
    }
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0) {
      if (errno == ENOENT) {  // the caller died meanwhile
        ++s.gone;
        continue;
      }
      s.error = failed("SECCOMP_IOCTL_NOTIF_SEND", errno);
      return s;
    }
    if (reply.kind == Reply::Kind::Continue) {
      ++s.continued;
    } else {
      ++s.answered;
    }
  }
}

}  // namespace supervisor
