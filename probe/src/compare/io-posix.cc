#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "compare/io.h"

namespace probe::compare {

namespace {

std::string error_text(std::string_view what, int err) {
  return std::string(what) + ": " + std::strerror(err);
}

// What kind of file `mode` is, for a message; nullptr when it may be read.
const char* unreadable_kind(mode_t mode) {
  if (S_ISREG(mode) || S_ISFIFO(mode)) return nullptr;
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Input skipped(std::string message) {
  return Input{Input::Status::Skipped, {}, std::move(message)};
}

Input too_large(std::size_t limit) {
  return Input{Input::Status::TooLarge,
               {},
               "larger than " + std::to_string(limit >> 20) + " MiB (" + std::to_string(limit) +
                   " bytes), the most compare reads from one input; split it into several files"};
}

// Reads fd to its end or to limit + 1 bytes, whichever comes first.
Input read_bounded(int fd, std::size_t limit) {
  Input in;
  char buffer[65536];
  for (;;) {
    const std::size_t want = std::min(sizeof buffer, limit + 1 - in.text.size());
    const ssize_t n = ::read(fd, buffer, want);
    if (n < 0) {
      const int err = errno;
      if (err == EINTR) continue;
      return skipped(error_text("cannot read", err));
    }
    if (n == 0) break;
    in.text.append(buffer, static_cast<std::size_t>(n));
    if (in.text.size() > limit) return too_large(limit);
  }
  in.status = Input::Status::Read;
  return in;
}

}  // namespace

Input read_input(const std::string& name, std::size_t limit) {
  if (name == "-") return read_bounded(STDIN_FILENO, limit);

  // stat first: a device is refused without being opened (opening one may
  // have effects of its own).
  struct stat before {};
  if (::stat(name.c_str(), &before) != 0) {
    const int err = errno;
    return skipped(error_text("cannot read", err));
  }
  if (const char* kind = unreadable_kind(before.st_mode)) {
    return skipped(std::string("is ") + kind + ", not a report file");
  }
  if (S_ISREG(before.st_mode) && static_cast<std::uintmax_t>(before.st_size) > limit) {
    return too_large(limit);
  }
  // A FIFO's open waits for its writer, as cat's does.
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return skipped(error_text("cannot read", err));
  }
  struct stat after {};
  Input result;
  if (::fstat(fd, &after) != 0) {
    const int err = errno;
    result = skipped(error_text("cannot stat", err));
  } else if (const char* kind = unreadable_kind(after.st_mode)) {
    result = skipped(std::string("is ") + kind + ", not a report file");  // replaced meanwhile
  } else {
    result = read_bounded(fd, limit);
  }
  ::close(fd);
  return result;
}

std::string write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* out = std::fopen(tmp.c_str(), "wbx");
  if (out == nullptr) {
    const int err = errno;
    return error_text("cannot create " + tmp, err);
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  const int write_err = errno;
  if (std::fclose(out) != 0 || !written) {
    const int err = written ? errno : write_err;
    std::remove(tmp.c_str());
    return error_text("cannot write " + tmp, err);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    return error_text("cannot rename " + tmp + " to " + path, err);
  }
  return {};
}

}  // namespace probe::compare
