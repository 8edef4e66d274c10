// The catalogue: every system call of the x86_64 and arm64 tables, as data.
//
// Each entry carries arguments chosen so that a kernel which implements the
// call fails it early, before any side effect (a bad fd, a bad pointer, an
// invalid flag), and the answer such a kernel gives. The few calls that no
// argument can stop (exit, fork, pause, ...) are listed as not probed, with
// the reason. docs/catalogue.md says, entry by entry, why those arguments
// and that answer. The rows live in catalogue_<subsystem>.cc.
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
    /// returns a value >= 0: the call has no argument that can fail and its
    /// only effect is that value (getpid, sched_yield, brk(0), ...)
    Returns,
    /// never tried: no argument stops it before an effect (`why` says which)
    NotProbed,
    /// the number is sys_ni_syscall in every kernel: ENOSYS from the kernel
    /// itself (afs_syscall, tuxcall, create_module, ...)
    NeverImplemented,
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
  /// namespace (may_mount(): the mount API, pivot_root) or UTS namespace
  /// (sethostname, setdomainname); a container without it gets EPERM.
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
  /// CAP_SYS_ADMIN in the initial user namespace (capable(): swapoff,
  /// fanotify_init); else EPERM. A container's own user namespace is not enough.
  CapSysAdminHost,
  /// CAP_SYS_BOOT (reboot: in the pid namespace's owner; kexec_load and
  /// kexec_file_load: initial namespace and kernel.kexec_load_disabled=0);
  /// else EPERM.
  CapSysBoot,
  /// CAP_SYS_MODULE in the initial namespace and kernel.modules_disabled=0
  /// (may_init_module()); else EPERM.
  CapSysModule,
  /// CAP_SYS_PACCT in the initial namespace (acct); else EPERM.
  CapSysPacct,
  /// CAP_SYSLOG, or kernel.dmesg_restrict=0 for the unrestricted actions
  /// (check_syslog_permissions()); else EPERM.
  CapSyslog,
  /// CAP_SETGID in the caller's user namespace and setgroups allowed there
  /// (may_setgroups()); else EPERM.
  CapSetgid,
  /// RLIMIT_MEMLOCK > 0 or CAP_IPC_LOCK (can_do_mlock()); else EPERM.
  MemlockAllowed,
  /// Before Linux 6.10 only: CAP_DAC_READ_SEARCH (open_by_handle_at); else
  /// EPERM. From 6.10 the handle is read first.
  CapDacReadSearchBefore6_10,
  /// Before Linux 5.11 only: vm.unprivileged_userfaultfd=1 or CAP_SYS_PTRACE;
  /// else EPERM. From 5.11 UFFD_USER_MODE_ONLY passes the check.
  UserfaultfdAllowedBefore5_11,
  /// Before Linux 6.5 only: kernel.unprivileged_bpf_disabled=0, CAP_BPF or
  /// CAP_SYS_ADMIN for any bpf() command; else EPERM. From 6.5 the check
  /// moved into the commands that need it.
  BpfAllowedBefore6_5,
  /// x86 CONFIG_X86_IOPL_IOPERM (iopl, ioperm): without it the entry points
  /// exist (kallsyms T) but answer ENOSYS before any check.
  X86IoplIoperm,
};

/// Whether the precheck is about the caller's privilege (a capability, a
/// limit, a sysctl that gates unprivileged callers): its alt errno is EPERM,
/// which a seccomp filter may answer too. False for the host's features
/// (Landlock, secretmem, shadow stacks, iopl/ioperm built in).
constexpr bool privilege_check(Precheck p) {
  switch (p) {
    case Precheck::None:
    case Precheck::LandlockEnabled:
    case Precheck::SecretmemEnabled:
    case Precheck::UserShadowStack:
    case Precheck::X86IoplIoperm: return false;
    case Precheck::CapSysAdmin:
    case Precheck::NoNewPrivsOrCapSysAdmin:
    case Precheck::IoUringAllowed:
    case Precheck::CapSysAdminHost:
    case Precheck::CapSysBoot:
    case Precheck::CapSysModule:
    case Precheck::CapSysPacct:
    case Precheck::CapSyslog:
    case Precheck::CapSetgid:
    case Precheck::MemlockAllowed:
    case Precheck::CapDacReadSearchBefore6_10:
    case Precheck::UserfaultfdAllowedBefore5_11:
    case Precheck::BpfAllowedBefore6_5: return true;
  }
  return false;
}

struct CatalogueEntry {
  std::string_view name;  ///< as in the kernel's tables: "cachestat"
  int nr_x86_64;          ///< -1 where x86_64 has no such call
  int nr_arm64;           ///< -1 where arm64 has no such call
  /// first mainline release with it: "6.5"; "" for calls older than 5.0
  std::string_view since;
  std::array<std::uint64_t, 6> args;
  Expectation expect;                  ///< the answer of a kernel that has it
  std::string_view why;                ///< one line: why these args are harmless
  Precheck precheck = Precheck::None;  ///< checked before the arguments
  int alt_errno = 0;                   ///< the answer when `precheck` fails
};

/// Every entry, ordered by x86_64 number (arm64-only entries last).
std::span<const CatalogueEntry> catalogue();

/// Whether the probe may make the call at all (false: Kind::NotProbed).
constexpr bool probed(const CatalogueEntry& e) {
  return e.expect.kind != Expectation::Kind::NotProbed;
}

/// The entry with this name, or nullptr.
const CatalogueEntry* find_syscall(std::string_view name);

/// The kernel function behind the entry on the architecture this probe was
/// built for, without the sys_ prefix: usually the name, but "newfstat" for
/// fstat, "umount" for umount2, ... (the tables' entry-point column).
/// `arm64` picks the arm64 table, else x86_64's.
std::string_view entry_point(const CatalogueEntry& e, bool arm64);

/// The entry's number on the architecture this probe was built for; -1 where
/// that architecture has no such call.
constexpr int nr_here(const CatalogueEntry& e) {
#if defined(__aarch64__)
  return e.nr_arm64;
#else
  return e.nr_x86_64;
#endif
}

/// entry_point() on the architecture this probe was built for.
inline std::string_view entry_point_here(const CatalogueEntry& e) {
#if defined(__aarch64__)
  return entry_point(e, true);
#else
  return entry_point(e, false);
#endif
}

}  // namespace probe
