// Catalogue rows: memory: mappings, locking, NUMA policy, protection keys.
// One row a call, ordered by x86_64 number; docs/catalogue.md says per row
// which check answers and how the row was verified.
#pragma once

#include "catalogue_rows.h"

namespace probe::rows {

// clang-format off
inline constexpr CatalogueEntry kMemory[] = {
    {"mmap", 9, 222, "", {0, 0, 0, 0, kBadFd, 1}, fails(EINVAL),
     "offset 1 is not page aligned, refused before the fd or any mapping"},
    {"mprotect", 10, 226, "", {1}, fails(EINVAL),
     "start 1 is not page aligned; no protection changes"},
    {"munmap", 11, 215, "", {1, 1}, fails(EINVAL),
     "start 1 is not page aligned; nothing is unmapped"},
    {"brk", 12, 214, "", {}, returns(),
     "brk(0) is below the heap start: returns the break, moves nothing"},
    {"mremap", 25, 216, "", {1, 0, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit and unaligned address; nothing moves"},
    {"msync", 26, 227, "", {1, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit and unaligned start; nothing is written"},
    {"mincore", 27, 232, "", {1, 1, kBadPtr}, fails(EINVAL),
     "start 1 is not page aligned; nothing is copied"},
    {"madvise", 28, 233, "", {1, 1, 0x7fffffff}, fails(EINVAL),
     "advice 0x7fffffff is unknown (and start unaligned)"},
    {"mlock", 149, 228, "", {kBadPtr, 1}, fails(ENOMEM),
     "the page at 0 is not mapped: nothing is locked",
     P::MemlockAllowed, EPERM},
    {"munlock", 150, 229, "", {kBadPtr, 1}, fails(ENOMEM),
     "the page at 0 is not mapped: nothing changes"},
    {"mlockall", 151, 230, "", {}, fails(EINVAL), "flags 0 is refused first; nothing is locked"},
    {"munlockall", 152, 231, "", {}, returns(),
     "cannot fail; the memory the child shares with the probe has nothing locked"},
    {"remap_file_pages", 216, 234, "", {1, 0, 0, 0, kBadFlag}, not_probed(),
     "prints a deprecation warning to the kernel log before any check"},
    {"mbind", 237, 235, "", {1, 0, 99}, fails(EINVAL),
     "mode 99 is unknown, refused before the range (CONFIG_NUMA)"},
    {"set_mempolicy", 238, 237, "", {99}, fails(EINVAL),
     "mode 99 is unknown; the policy stays (CONFIG_NUMA)"},
    {"get_mempolicy", 239, 236, "", {0, 0, 0, 0, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused first (CONFIG_NUMA)"},
    {"migrate_pages", 256, 238, "", {0, 0x7fffffff, kBadPtr, kBadPtr}, fails(EINVAL),
     "maxnode beyond a page of bits is refused first; nothing moves"},
    {"move_pages", 279, 239, "", {0, 1, kBadPtr, 0, kBadPtr, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused first; nothing moves"},
    {"process_vm_readv", 310, 270, "", {0, kBadPtr, 1, kBadPtr, 1, kBadFlag}, fails(EINVAL),
     "nonzero flags refused before the pid or iovecs"},
    {"process_vm_writev", 311, 271, "", {0, kBadPtr, 1, kBadPtr, 1, kBadFlag}, fails(EINVAL),
     "nonzero flags refused before the pid or iovecs"},
    {"memfd_create", 319, 279, "", {kBadPtr, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused before the name or an fd"},
    {"userfaultfd", 323, 282, "", {0x80000001}, fails(EINVAL),
     "UFFD_USER_MODE_ONLY passes the permission check; bit 31 is unknown",
     P::UserfaultfdAllowedBefore5_11, EPERM},
    {"membarrier", 324, 283, "", {0, kBadFlag}, fails(EINVAL),
     "nonzero flags refused for QUERY; no barrier is issued"},
    {"mlock2", 325, 284, "", {kBadPtr, 1, kBadFlag}, fails(EINVAL),
     "unknown flag bit refused first; nothing is locked"},
    {"pkey_mprotect", 329, 288, "", {1, 0, 0, kBadFd}, arm64_from("6.12", fails(EINVAL)),
     "start 1 is not page aligned; no protection changes"},
    {"pkey_alloc", 330, 289, "", {kBadFlag}, arm64_from("6.12", fails(EINVAL)),
     "nonzero flags refused before a key is allocated"},
    {"pkey_free", 331, 290, "", {kBadFd}, arm64_from("6.12", fails(EINVAL)),
     "key -1 was never allocated; nothing is freed"},
};
// clang-format on

}  // namespace probe::rows
