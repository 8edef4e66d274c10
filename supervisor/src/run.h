// The supervisor's run: options in, exit status out (main only parses).
#pragma once

#include <string>

namespace supervisor {

struct Options {
  std::string socket;      ///< where the runtime sends the listener
  int wait_seconds = 120;  ///< for the listener to arrive
};

/// Listens at options.socket, receives one container's listener, serves it
/// until the container is gone (0) or SIGTERM/SIGINT arrives (0); 1 on an
/// error, said on stderr. The socket is removed on every way out.
int run(const Options& options);

}  // namespace supervisor
