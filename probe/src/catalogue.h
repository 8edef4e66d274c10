// The catalogue: every system call of the x86_64 and arm64 tables, as data.
//
// Each entry carries arguments chosen so that a kernel which implements the
// call fails it early, before any side effect (a bad fd, a bad pointer, an
// invalid flag), and the answer such a kernel gives. The few calls that no
// argument can stop (exit, fork, pause, ...) are listed as not probed, with
// the reason. docs/catalogue.md says, entry by entry, why those arguments
// and that answer. The rows live in catalogue_<subsystem>.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace probe {

/// An address that is never mapped in user space (below vm.mmap_min_addr),
/// so a kernel that dereferences it answers EFAULT.
inline constexpr std::uint64_t kBadPtr = 8;
/// A file descriptor that is never open.
inline constexpr std::uint64_t kBadFd = static_cast<std::uint64_t>(-1);

/// A kernel release named in a row ("6.13"), stored in the row itself: the
/// catalogue has ~380 rows, and three std::string_views a row were 12 KB of
/// a binary that must stay under 2 MB. Empty: no release.
class ReleaseTag {
 public:
  constexpr ReleaseTag() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): rows are written as literals
  constexpr ReleaseTag(const char* release) : ReleaseTag(std::string_view(release)) {}
  // NOLINTNEXTLINE(google-explicit-constructor): the rows' helpers pass views
  constexpr ReleaseTag(std::string_view release) {
    // A longer text is cut, and then no release: the catalogue test reads
    // every tag as a version.
    while (size_ < sizeof text_ && size_ < release.size()) {
      text_[size_] = release[size_];
      ++size_;
    }
  }
  [[nodiscard]] constexpr bool empty() const { return size_ == 0; }
  // NOLINTNEXTLINE(google-explicit-constructor): read as text everywhere
  constexpr operator std::string_view() const { return {text_, size_}; }

 private:
  char text_[7]{};  // "major.minor": "6.13", "10.255"
  std::uint8_t size_ = 0;
};

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
  /// An Errno row whose answer changed between releases: kernels from
  /// `changed_in` on answer `value`, older ones `value_before` (fsetxattr:
  /// EFAULT since 6.13, EBADF before). Empty: one answer in every release.
  ReleaseTag changed_in{};
  int value_before = 0;
  /// A call the kernel dropped: from `removed_in` on its number is
  /// sys_ni_syscall (ENOSYS from the kernel itself, as a NeverImplemented
  /// row, and the entry's precheck no longer applies); older kernels answer
  /// `kind` and `value` (lookup_dcookie: gone with fs/dcookies.c in 5.12).
  /// Empty: in every release since the entry's `since`.
  ReleaseTag removed_in{};
  /// A number arm64 got before the call: arm64 kernels older than
  /// `arm64_from` have it in their table but only COND_SYSCALL's weak stub
  /// (map_shadow_stack: 453 since 6.6, arm64's GCS code from 6.13), so they
  /// answer as a NeverImplemented row. Empty: arm64 has it from `since`.
  ReleaseTag arm64_from{};
};

/// The errno or signal a kernel of `release` ("6.1.0-18-amd64") gives to the
/// entry's arguments: `value_before` on a release older than `changed_in`,
/// else `value` (also when the release does not start with a version).
int expected_value(const Expectation& expect, std::string_view release);

/// The kind of answer a kernel of `release` gives (`arm64`: an arm64 kernel,
/// else x86_64): NeverImplemented from `removed_in` on, and on arm64 before
/// `arm64_from`; else `kind`. A release that does not start with a version
/// gets the newest kernels' answer, as in expected_value.
Expectation::Kind expected_kind(const Expectation& expect, std::string_view release, bool arm64);

/// Where the capability prechecks start among Precheck's values.
inline constexpr std::uint8_t kPrecheckCapability = 64;

/// A check on the caller or the host that the kernel makes BEFORE it looks
/// at the entry's arguments. Where the check fails, a kernel that has the
/// call answers `alt_errno` instead of `expect`; the call is still harmless.
///
/// The verdicts are generic over this (probe/src/precheck.h): every
/// capability has its value, kPrecheckCapability + its number in
/// include/uapi/linux/capability.h, so a row that needs a capability needs
/// no new code. The probe reads the caller's effective capabilities from
/// /proc/self/status (CapEff) and so knows whether the kernel's own check
/// failed: an EPERM under a seccomp filter is then the filter's, the
/// kernel's, or either (docs/verdicts.md).
enum class Precheck : std::uint8_t {
  None,
  /// no_new_privs set, or CAP_SYS_ADMIN (landlock_restrict_self); else EPERM.
  /// The probe sets no_new_privs in its child before such a call.
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
  /// RLIMIT_MEMLOCK > 0 or CAP_IPC_LOCK (can_do_mlock()); else EPERM.
  MemlockAllowed,
  /// Before Linux 6.17 only: CAP_DAC_READ_SEARCH (open_by_handle_at); else
  /// EPERM (6.10-6.16 also pass an O_DIRECTORY handle of a mount the caller
  /// controls; the row has no O_DIRECTORY). From 6.17 the handle is read first.
  CapDacReadSearchBefore6_17,
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
  /// The caller holds this capability (CapSysAdmin: CAP_SYS_ADMIN, e.g. in
  /// the user namespace that owns the caller's mount namespace, may_mount());
  /// a container without it gets EPERM (or EACCES, per the row's alt_errno).
  CapChown = kPrecheckCapability + 0,
  CapDacOverride = kPrecheckCapability + 1,
  CapDacReadSearch = kPrecheckCapability + 2,
  CapFowner = kPrecheckCapability + 3,
  CapFsetid = kPrecheckCapability + 4,
  CapKill = kPrecheckCapability + 5,
  CapSetgid = kPrecheckCapability + 6,
  CapSetuid = kPrecheckCapability + 7,
  CapSetpcap = kPrecheckCapability + 8,
  CapLinuxImmutable = kPrecheckCapability + 9,
  CapNetBindService = kPrecheckCapability + 10,
  CapNetBroadcast = kPrecheckCapability + 11,
  CapNetAdmin = kPrecheckCapability + 12,
  CapNetRaw = kPrecheckCapability + 13,
  CapIpcLock = kPrecheckCapability + 14,
  CapIpcOwner = kPrecheckCapability + 15,
  CapSysModule = kPrecheckCapability + 16,
  CapSysRawio = kPrecheckCapability + 17,
  CapSysChroot = kPrecheckCapability + 18,
  CapSysPtrace = kPrecheckCapability + 19,
  CapSysPacct = kPrecheckCapability + 20,
  CapSysAdmin = kPrecheckCapability + 21,
  CapSysBoot = kPrecheckCapability + 22,
  CapSysNice = kPrecheckCapability + 23,
  CapSysResource = kPrecheckCapability + 24,
  CapSysTime = kPrecheckCapability + 25,
  CapSysTtyConfig = kPrecheckCapability + 26,
  CapMknod = kPrecheckCapability + 27,
  CapLease = kPrecheckCapability + 28,
  CapAuditWrite = kPrecheckCapability + 29,
  CapAuditControl = kPrecheckCapability + 30,
  CapSetfcap = kPrecheckCapability + 31,
  CapMacOverride = kPrecheckCapability + 32,
  CapMacAdmin = kPrecheckCapability + 33,
  CapSyslog = kPrecheckCapability + 34,
  CapWakeAlarm = kPrecheckCapability + 35,
  CapBlockSuspend = kPrecheckCapability + 36,
  CapAuditRead = kPrecheckCapability + 37,
  CapPerfmon = kPrecheckCapability + 38,
  CapBpf = kPrecheckCapability + 39,
  CapCheckpointRestore = kPrecheckCapability + 40,
};

/// The capability number a Precheck names (CapSysAdmin: 21), or -1 for the
/// checks that are not a capability.
constexpr int precheck_capability(Precheck p) {
  const auto v = static_cast<int>(p);
  return v >= kPrecheckCapability ? v - kPrecheckCapability : -1;
}

/// Whether the precheck is about the caller's privilege (a capability, a
/// limit, a sysctl that gates unprivileged callers): its alt errno is EPERM,
/// which a seccomp filter may answer too. False for the host's features
/// (Landlock, secretmem, shadow stacks, iopl/ioperm built in). Capability
/// rows: reboot checks CAP_SYS_BOOT in its pid namespace's owner; kexec_*
/// CAP_SYS_BOOT and kernel.kexec_load_disabled; *_module CAP_SYS_MODULE and
/// kernel.modules_disabled; swapoff and fanotify_init CAP_SYS_ADMIN in the
/// initial namespace (capable()).
constexpr bool privilege_check(Precheck p) {
  return precheck_capability(p) >= 0 || p == Precheck::NoNewPrivsOrCapSysAdmin ||
         p == Precheck::IoUringAllowed || p == Precheck::MemlockAllowed ||
         p == Precheck::CapDacReadSearchBefore6_17 || p == Precheck::UserfaultfdAllowedBefore5_11 ||
         p == Precheck::BpfAllowedBefore6_5;
}

/// Whether the rows keep their `why` lines. The probe never prints them
/// (docs/catalogue.md is their reader's copy); the release presets build
/// without them (PROBE_CATALOGUE_WHY=0), ~18 KB of the static binary, and the
/// catalogue test checks them in the builds that keep them.
#ifndef PROBE_CATALOGUE_WHY
#define PROBE_CATALOGUE_WHY 1
#endif
inline constexpr bool kCatalogueWhy = PROBE_CATALOGUE_WHY != 0;

/// A row's one line saying why its arguments are harmless; "" where the
/// build drops them (kCatalogueWhy): then the type is empty, takes no room in
/// a row ([[no_unique_address]]), and the row's literal leaves no byte in
/// the binary.
#if PROBE_CATALOGUE_WHY
struct WhyLine {
  constexpr WhyLine() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): rows are written as literals
  constexpr WhyLine(const char* line) : text(line) {}
  std::string_view text;
};
#else
struct WhyLine {
  constexpr WhyLine() = default;
  // NOLINTNEXTLINE(google-explicit-constructor): rows are written as literals
  constexpr WhyLine(const char* /*line*/) {}
  static constexpr std::string_view text{};
};
#endif

/// The row file an entry comes from (docs/catalogue.md): the subject a reader
/// can narrow a table to (compare's HTML page filters rows by it).
enum class Subsystem : std::uint8_t {
  Since5_0,   ///< catalogue_since_5_0.h: the calls added since Linux 5.0
  Files,      ///< catalogue_fs.h: files, directories, xattrs, polling, AIO
  Memory,     ///< catalogue_mm.h
  Processes,  ///< catalogue_process.h: signals, credentials, scheduling, limits
  Clocks,     ///< catalogue_time.h
  IpcNet,     ///< catalogue_ipc_net.h: System V IPC, message queues, sockets
  Machine,    ///< catalogue_system.h: mounts, modules, reboot, keys, reserved
};

/// A short name of the subject for a reader: "since 5.0", "files", ...
std::string_view subsystem_name(Subsystem s);

struct CatalogueEntry {
  std::string_view name;  ///< as in the kernel's tables: "cachestat"
  int nr_x86_64;          ///< -1 where x86_64 has no such call
  int nr_arm64;           ///< -1 where arm64 has no such call
  /// first mainline release with it: "6.5"; "" for calls older than 5.0
  ReleaseTag since;
  std::array<std::uint64_t, 6> args;
  Expectation expect;                  ///< the answer of a kernel that has it
  [[no_unique_address]] WhyLine why;   ///< one line: why these args are harmless
  Precheck precheck = Precheck::None;  ///< checked before the arguments
  int alt_errno = 0;                   ///< the answer when `precheck` fails
};

/// Every entry, ordered by x86_64 number (arm64-only entries last).
std::span<const CatalogueEntry> catalogue();

/// The subject (the row file) of the entry with this name, or nullopt.
std::optional<Subsystem> subsystem_of(std::string_view name);

/// An argument of a second request that stands for the address of a zeroed,
/// writable buffer of kScratchBytes, one per request, which the caller
/// provides (an empty string, a zeroed struct).
inline constexpr std::uint64_t kScratch = static_cast<std::uint64_t>(-4096);
inline constexpr std::size_t kScratchBytes = 256;

/// A second request of a call, for an answerer that reimplements the kernel
/// (gVisor's Sentry, sentry.h): one a kernel with the call answers otherwise
/// than the entry's own arguments (another command, a valid empty
/// argument), and as harmless. Its answer tells a call that refused only
/// the first request (ENOSYS for one command) from a stub that answers one
/// errno to any. Only a few rows have one (docs/catalogue.md "Second
/// requests"); nullptr for the rest.
const std::array<std::uint64_t, 6>* second_request(std::string_view name);

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

/// Whether Linux lets `nr` through every seccomp filter on the architecture
/// this probe was built for: uretprobe (335, 6.11) and uprobe (336, 6.18)
/// on x86_64 (kernel/seccomp.c, the uprobe syscalls' passthrough). No filter
/// answers them, and under gVisor, whose platform intercepts calls with a
/// seccomp filter (systrap), they reach the host kernel, not the Sentry.
constexpr bool seccomp_passthrough_here(long nr) {
#if defined(__x86_64__)
  return nr == 335 || nr == 336;
#else
  (void)nr;
  return false;
#endif
}

/// expected_kind() on the architecture this probe was built for.
inline Expectation::Kind expected_kind_here(const Expectation& expect, std::string_view release) {
#if defined(__aarch64__)
  return expected_kind(expect, release, true);
#else
  return expected_kind(expect, release, false);
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
