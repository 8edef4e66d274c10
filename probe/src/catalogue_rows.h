// Shared by the catalogue's row headers (catalogue_<subsystem>.h): the
// argument values and answer constructors the rows are written in. Each
// header holds one constexpr array; catalogue.cc, which alone includes them,
// joins and orders them at compile time.
#pragma once

#include <cerrno>
#include <csignal>

#include "catalogue.h"

namespace probe::rows {

// A flag bit that no call in the table accepts (all define their flags in
// the low bits). Passing it makes "flags & ~VALID" the first check that fails.
inline constexpr std::uint64_t kBadFlag = 0x80000000U;
// An fd that cannot be open (fs.nr_open is at most 0x7fffffc0 on 64-bit)
// and, unlike -1, has no special meaning: io_uring_register treats fd == -1
// as "blind" registration since Linux 6.11.
inline constexpr std::uint64_t kNeverFd = 0x7fffffffU;
// AT_FDCWD: a directory fd that is always valid (the caller's cwd), for a
// call that would otherwise answer EBADF before the argument meant to fail.
inline constexpr std::uint64_t kAtFdcwd = static_cast<std::uint64_t>(-100);
// Wider than UIO_MAXIOV (1024): import_iovec() refuses it before reading.
inline constexpr std::uint64_t kTooManyIovecs = 1025;

constexpr Expectation fails(int err) {
  return {Expectation::Kind::Errno, err};
}
// An answer that changed in `release`: `err` from it on, `before` earlier.
constexpr Expectation fails_since(std::string_view release, int err, int before) {
  return {Expectation::Kind::Errno, err, release, before};
}
constexpr Expectation killed_by(int sig) {
  return {Expectation::Kind::Signal, sig};
}
constexpr Expectation returns() {
  return {Expectation::Kind::Returns, 0};
}
constexpr Expectation not_probed() {
  return {Expectation::Kind::NotProbed, 0};
}
constexpr Expectation never_implemented() {
  return {Expectation::Kind::NeverImplemented, 0};
}
// A call the kernel dropped in `release`: `before` until then, sys_ni_syscall
// (never_implemented) from it on.
constexpr Expectation removed_in(std::string_view release, Expectation before) {
  before.removed_in = release;
  return before;
}
// A call arm64 implements only from `release` (its number came earlier):
// never_implemented on older arm64 kernels, `answer` everywhere else.
constexpr Expectation arm64_from(std::string_view release, Expectation answer) {
  answer.arm64_from = release;
  return answer;
}

using P = Precheck;

}  // namespace probe::rows
