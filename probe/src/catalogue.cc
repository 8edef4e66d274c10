// The catalogue table. Numbers come from arch/x86/entry/syscalls/syscall_64.tbl
// and include/uapi/asm-generic/unistd.h / scripts/syscall.tbl (arm64 uses the
// generic numbers); "since" is the first mainline release whose merge added
// the call. Each row's arguments trip the FIRST check of the call's entry
// path, so a kernel that has it fails before any fd, mapping, mount or signal
// exists and before anything could block. docs/catalogue.md cites, per row,
// the check that answers and how the row was verified.
#include "catalogue.h"

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace probe {
namespace {

// A flag bit that no call below accepts (all define their flags in the low
// bits). Passing it makes "flags & ~VALID" the first check that fails.
constexpr std::uint64_t kBadFlag = 0x80000000U;
// An fd that cannot be open (fs.nr_open is at most 0x7fffffc0 on 64-bit)
// and, unlike -1, has no special meaning: io_uring_register treats fd == -1
// as "blind" registration since Linux 6.11.
constexpr std::uint64_t kNeverFd = 0x7fffffffU;
// Wider than UIO_MAXIOV (1024): import_iovec() refuses it before reading.
constexpr std::uint64_t kTooManyIovecs = 1025;

constexpr Expectation fails(int err) {
  return {Expectation::Kind::Errno, err};
}
constexpr Expectation killed_by(int sig) {
  return {Expectation::Kind::Signal, sig};
}

using P = Precheck;

// Ordered by x86_64 number. arm64 numbers equal the generic ones from 424 on.
// One row a syscall, laid out by hand: clang-format would fold the rows.
// clang-format off
constexpr CatalogueEntry kEntries[] = {
    {"uretprobe", 335, -1, "6.11", {}, killed_by(SIGILL),
     "only legal from the uretprobe trampoline; any other caller gets SIGILL"},
    {"uprobe", 336, -1, "6.18", {}, fails(ENXIO),
     "only legal from a uprobe trampoline; any other caller gets ENXIO"},
    {"pidfd_send_signal", 424, 424, "5.1", {kBadFd, 0, 0, 0}, fails(EBADF),
     "flags 0 pass, then the pidfd -1 is not open: nothing is signalled"},
    {"io_uring_setup", 425, 425, "5.1", {1, kBadPtr}, fails(EFAULT),
     "params is copied in first and the pointer is unmapped: no ring is made",
     P::IoUringAllowed, EPERM},
    {"io_uring_enter", 426, 426, "5.1", {kBadFd, 0, 0, 0, 0, 0}, fails(EBADF),
     "flags 0 pass, then fd -1 is not open: nothing is submitted or awaited"},
    {"io_uring_register", 427, 427, "5.1", {kNeverFd, 0, 0, 0}, fails(EBADF),
     "opcode 0 is valid, then the fd is not open (-1 would mean 'blind' since 6.11)"},
    {"open_tree", 428, 428, "5.2", {kBadFd, kBadPtr, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the path lookup and before an fd is reserved"},
    {"move_mount", 429, 429, "5.2", {kBadFd, kBadPtr, kBadFd, kBadPtr, kBadFlag},
     fails(EINVAL), "unknown flag bit refused before any path lookup; nothing moves",
     P::CapSysAdmin, EPERM},
    {"fsopen", 430, 430, "5.2", {kBadPtr, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the fs name is read; no context is made",
     P::CapSysAdmin, EPERM},
    {"fsconfig", 431, 431, "5.2", {kBadFd, 0, 0, 0, 0}, fails(EINVAL),
     "a negative fd is refused first; SET_FLAG without a key is invalid too"},
    {"fsmount", 432, 432, "5.2", {kBadFd, kBadFlag, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the fs context fd is looked up",
     P::CapSysAdmin, EPERM},
    {"fspick", 433, 433, "5.2", {kBadFd, kBadPtr, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the path lookup; no context is made",
     P::CapSysAdmin, EPERM},
    {"pidfd_open", 434, 434, "5.3", {0, kBadFlag}, fails(EINVAL),
     "unknown flag bit and pid 0 are both refused before any pid lookup"},
    {"clone3", 435, 435, "5.3", {kBadPtr, 0}, fails(EINVAL),
     "size 0 is below CLONE_ARGS_SIZE_VER0, refused before reading args: no child"},
    {"close_range", 436, 436, "5.9", {kBadFd, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit and first fd > last fd are refused; nothing is closed"},
    {"openat2", 437, 437, "5.6", {kBadFd, kBadPtr, kBadPtr, 0}, fails(EINVAL),
     "size 0 is below OPEN_HOW_SIZE_VER0, refused before anything is read"},
    {"pidfd_getfd", 438, 438, "5.6", {kBadFd, kBadFd, kBadFlag}, fails(EINVAL),
     "nonzero flags refused before the pidfd is looked up; no fd is copied"},
    {"faccessat2", 439, 439, "5.8", {kBadFd, kBadPtr, kBadFlag, kBadFlag},
     fails(EINVAL), "mode and flags carry unknown bits, refused before the path"},
    {"process_madvise", 440, 440, "5.10",
     {kBadFd, kBadPtr, kTooManyIovecs, ~std::uint64_t{0}, kBadFlag}, fails(EINVAL),
     "nonzero flags refused first; the iovec count is too big as well"},
    {"epoll_pwait2", 441, 441, "5.11", {kBadFd, kBadPtr, 0, kBadPtr, 0, 0},
     fails(EFAULT), "the timeout is read first from an unmapped address: no wait"},
    {"mount_setattr", 442, 442, "5.12", {kBadFd, kBadPtr, kBadFlag, kBadPtr, 0},
     fails(EINVAL), "unknown flag bit refused before the privilege check and lookup"},
    {"quotactl_fd", 443, 443, "5.14", {kBadFd, 0, 0, 0}, fails(EBADF),
     "the fd is looked up first and -1 is not open: no quota is touched"},
    {"landlock_create_ruleset", 444, 444, "5.13", {kBadPtr, 0, kBadFlag},
     fails(EINVAL), "flags with an attr pointer are refused; no ruleset fd is made",
     P::LandlockEnabled, EOPNOTSUPP},
    {"landlock_add_rule", 445, 445, "5.13", {kBadFd, 0, kBadPtr, kBadFlag},
     fails(EINVAL), "nonzero flags refused before the ruleset fd is looked up",
     P::LandlockEnabled, EOPNOTSUPP},
    {"landlock_restrict_self", 446, 446, "5.13", {kBadFd, kBadFlag}, fails(EINVAL),
     "unknown flag refused before the ruleset fd; the caller is not restricted",
     P::NoNewPrivsOrCapSysAdmin, EPERM},
    {"memfd_secret", 447, 447, "5.14", {kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before an fd or secret memory is allocated",
     P::SecretmemEnabled, ENOSYS},
    {"process_mrelease", 448, 448, "5.15", {kBadFd, kBadFlag}, fails(EINVAL),
     "nonzero flags refused before the pidfd is looked up; nothing is reaped"},
    {"futex_waitv", 449, 449, "5.16", {kBadPtr, 0, kBadFlag, kBadPtr, 0},
     fails(EINVAL), "nonzero flags (and zero futexes) refused before any wait"},
    {"set_mempolicy_home_node", 450, 450, "5.17", {1, 0, ~std::uint64_t{0}, kBadFlag},
     fails(EINVAL), "unaligned start refused first; flags and node are invalid too"},
    {"cachestat", 451, 451, "6.5", {kBadFd, kBadPtr, kBadPtr, kBadFlag}, fails(EBADF),
     "the fd is looked up first and -1 is not open; nothing is read"},
    {"fchmodat2", 452, 452, "6.6", {kBadFd, kBadPtr, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the path lookup; no mode changes"},
    {"map_shadow_stack", 453, 453, "6.6", {0, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before anything is mapped",
     P::UserShadowStack, EOPNOTSUPP},
    {"futex_wake", 454, 454, "6.7", {kBadPtr, 0, 0, kBadFlag}, fails(EINVAL),
     "unknown futex2 flag refused before the futex word is touched"},
    {"futex_wait", 455, 455, "6.7", {kBadPtr, 0, 0, kBadFlag, 0, 0}, fails(EINVAL),
     "unknown futex2 flag refused before any wait (and the word is unmapped)"},
    {"futex_requeue", 456, 456, "6.7", {kBadPtr, kBadFlag, 0, 0}, fails(EINVAL),
     "nonzero flags refused before the waiters are read"},
    {"statmount", 457, 457, "6.8", {kBadPtr, kBadPtr, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the request is read"},
    {"listmount", 458, 458, "6.8", {kBadPtr, kBadPtr, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the request is read"},
    {"lsm_get_self_attr", 459, 459, "6.8", {0, kBadPtr, kBadPtr, kBadFlag},
     fails(EINVAL), "attribute 0 (LSM_ATTR_UNDEF) is refused before any copy"},
    {"lsm_set_self_attr", 460, 460, "6.8", {0, kBadPtr, 0, kBadFlag}, fails(EINVAL),
     "nonzero flags and size 0 refused before the context is read; nothing set"},
    {"lsm_list_modules", 461, 461, "6.8", {kBadPtr, kBadPtr, kBadFlag}, fails(EINVAL),
     "nonzero flags refused before the size is read or written"},
    {"mseal", 462, 462, "6.10", {1, 0, kBadFlag}, fails(EINVAL),
     "nonzero flags and an unaligned start refused; nothing is sealed"},
    {"setxattrat", 463, 463, "6.13", {kBadFd, kBadPtr, kBadFlag, kBadPtr, kBadPtr, 0},
     fails(EINVAL), "args size 0 is below XATTR_ARGS_SIZE_VER0, refused first"},
    {"getxattrat", 464, 464, "6.13", {kBadFd, kBadPtr, kBadFlag, kBadPtr, kBadPtr, 0},
     fails(EINVAL), "args size 0 is below XATTR_ARGS_SIZE_VER0, refused first"},
    {"listxattrat", 465, 465, "6.13", {kBadFd, kBadPtr, kBadFlag, kBadPtr, 0},
     fails(EINVAL), "unknown AT_ flag bit refused before the path lookup"},
    {"removexattrat", 466, 466, "6.13", {kBadFd, kBadPtr, kBadFlag, kBadPtr},
     fails(EINVAL), "unknown AT_ flag bit refused before the path lookup"},
    {"open_tree_attr", 467, 467, "6.15", {kBadFd, kBadPtr, kBadFlag, 0, 1},
     fails(EINVAL), "a size without an attr pointer, and an unknown flag, refused first"},
    {"file_getattr", 468, 468, "6.17", {kBadFd, kBadPtr, kBadPtr, 0, kBadFlag},
     fails(EINVAL), "unknown AT_ flag bit (and size 0) refused before the lookup"},
    {"file_setattr", 469, 469, "6.17", {kBadFd, kBadPtr, kBadPtr, 0, kBadFlag},
     fails(EINVAL), "unknown AT_ flag bit (and size 0) refused before the lookup"},
};
// clang-format on

}  // namespace

std::span<const CatalogueEntry> catalogue() {
  return kEntries;
}

const CatalogueEntry* find_syscall(std::string_view name) {
  const auto* it = std::find_if(std::begin(kEntries), std::end(kEntries),
                                [name](const CatalogueEntry& e) { return e.name == name; });
  return it == std::end(kEntries) ? nullptr : it;
}

}  // namespace probe
