// compare's file I/O: reading a report input with bounds, writing the table
// so that it is never half written. The only part of compare that touches
// the file system (io-posix.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace probe::compare {

/// Largest input read (a file, or stdin): 64 MiB. A 450-row report is about
/// 300 KiB, so this holds a census of ~200 hosts in one stream.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// What read_input found.
struct Input {
  enum class Status : std::uint8_t {
    Read,      ///< `text` holds the whole input
    Skipped,   ///< not something to read (a directory, a device, missing,
               ///< unreadable): `message` says what, the run goes on
    TooLarge,  ///< over the limit: `message` says so, nothing is compared
  };
  Status status = Status::Skipped;
  std::string text;
  std::string message;  ///< for Skipped and TooLarge: one line, no file name
};

/// Reads `name` ("-" is stdin) whole, up to `limit` bytes. Only a regular
/// file, a pipe or FIFO (`<(...)`), or stdin is read; a directory, a device
/// or a socket is Skipped without being opened for reading (so /dev/zero or
/// a tape is never read). A regular file larger than `limit` is TooLarge
/// before any byte is read; a pipe or stdin once `limit` bytes were read.
/// EINTR is retried. Never throws for the file's sake.
Input read_input(const std::string& name, std::size_t limit = kMaxInputBytes);

/// Writes `text` to `path` through `path.tmp.PID` and a rename, so `path` is
/// either the old file or the complete new one. Returns an empty string, or
/// one line saying what failed (the temporary file is removed).
std::string write_atomically(const std::string& path, const std::string& text);

}  // namespace probe::compare
