// The catalogue: real system calls added to Linux since 5.0, as one data table.
//
// Each entry carries arguments chosen so that a kernel which implements the
// call fails it early, before any side effect (a bad fd, a bad pointer, an
// invalid flag), and the answer such a kernel gives. docs/catalogue.md says,
// entry by entry, why those arguments and that answer.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace probe {

/// An address that is never mapped in user space (below vm.mmap_min_addr),
/// so a kernel that dereferences it answers EFAULT.
inline constexpr std::uint64_t kBadPtr = 8;
/// A file descriptor that is never open.
inline constexpr std::uint64_t kBadFd = static_cast<std::uint64_t>(-1);

/// What a kernel that implements the entry answers to its arguments.
struct Expectation {
  enum class Kind : std::uint8_t {
    Errno,   ///< returns -1 with errno == value
    Signal,  ///< the caller dies of signal == value (uretprobe: SIGILL)
  };
  Kind kind;
  int value;
};

/// A check on the caller or the host that the kernel makes BEFORE it looks
/// at the entry's arguments. Where the check fails, a kernel that has the
/// call answers `alt_errno` instead of `expect`; the call is still harmless.
enum class Precheck : std::uint8_t {
  None,
  /// CAP_SYS_ADMIN in the user namespace that owns the caller's mount
  /// namespace (may_mount()); a container without it gets EPERM.
  CapSysAdmin,
  /// no_new_privs set, or CAP_SYS_ADMIN (landlock_restrict_self); else EPERM.
  NoNewPrivsOrCapSysAdmin,
  /// kernel.io_uring_disabled is 0 (or 1 and the caller may use io_uring);
  /// else EPERM (Linux >= 6.6).
  IoUringAllowed,
  /// Landlock is among the LSMs enabled at boot; else EOPNOTSUPP.
  LandlockEnabled,
  /// secretmem is enabled (secretmem.enable, default on since 6.5); else ENOSYS.
  SecretmemEnabled,
  /// the CPU and kernel support user shadow stacks (x86 user_shstk, arm64
  /// GCS); else EOPNOTSUPP.
  UserShadowStack,
};

struct CatalogueEntry {
  std::string_view name;   ///< as in the kernel's tables: "cachestat"
  int nr_x86_64;           ///< -1 where x86_64 has no such call
  int nr_arm64;            ///< -1 where arm64 has no such call
  std::string_view since;  ///< first mainline release with it: "6.5"
  std::array<std::uint64_t, 6> args;
  Expectation expect;                  ///< the answer of a kernel that has it
  std::string_view why;                ///< one line: why these args are harmless
  Precheck precheck = Precheck::None;  ///< checked before the arguments
  int alt_errno = 0;                   ///< the answer when `precheck` fails
};

/// Every entry, ordered by x86_64 number (arm64-only entries last).
std::span<const CatalogueEntry> catalogue();

/// The entry with this name, or nullptr.
const CatalogueEntry* find_syscall(std::string_view name);

/// The entry's number on the architecture this probe was built for; -1 where
/// that architecture has no such call.
constexpr int nr_here(const CatalogueEntry& e) {
#if defined(__aarch64__)
  return e.nr_arm64;
#else
  return e.nr_x86_64;
#endif
}

}  // namespace probe
