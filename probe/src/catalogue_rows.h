// Shared by the catalogue's row files (catalogue_*.cc): the argument values
// and answer constructors the rows are written in, and one function per
// file returning its rows. catalogue.cc joins them into catalogue().
#pragma once

#include <cerrno>
#include <csignal>
#include <span>

#include "catalogue.h"

namespace probe::rows {

// A flag bit that no call in the table accepts (all define their flags in
// the low bits). Passing it makes "flags & ~VALID" the first check that fails.
inline constexpr std::uint64_t kBadFlag = 0x80000000U;
// An fd that cannot be open (fs.nr_open is at most 0x7fffffc0 on 64-bit)
// and, unlike -1, has no special meaning: io_uring_register treats fd == -1
// as "blind" registration since Linux 6.11.
inline constexpr std::uint64_t kNeverFd = 0x7fffffffU;
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

using P = Precheck;

/// The rows of one file each, in x86_64 order.
std::span<const CatalogueEntry> since_5_0();  // catalogue_since_5_0.cc
std::span<const CatalogueEntry> files();      // catalogue_fs.cc
std::span<const CatalogueEntry> memory();     // catalogue_mm.cc
std::span<const CatalogueEntry> processes();  // catalogue_process.cc
std::span<const CatalogueEntry> clocks();     // catalogue_time.cc
std::span<const CatalogueEntry> ipc_net();    // catalogue_ipc_net.cc
std::span<const CatalogueEntry> machine();    // catalogue_system.cc

}  // namespace probe::rows
