// Catalogue rows: System V IPC, POSIX message queues and sockets.
// One row a call, ordered by x86_64 number; docs/catalogue.md says per row
// which check answers and how the row was verified.
#pragma once

#include "catalogue_rows.h"

namespace probe::rows {

// clang-format off
inline constexpr CatalogueEntry kIpcNet[] = {
    {"shmget", 29, 194, "", {}, fails(EINVAL),
     "IPC_PRIVATE with size 0 < SHMMIN: refused before a segment is made"},
    {"shmat", 30, 196, "", {kBadFd}, fails(EINVAL),
     "shmid -1 is refused first; nothing is attached"},
    {"shmctl", 31, 195, "", {kBadFd, 2, kBadPtr}, fails(EINVAL),
     "shmid -1 is refused first (IPC_STAT)"},
    {"socket", 41, 198, "", {1, kBadFlag}, fails(EINVAL),
     "unknown type flag bit refused before a socket is made"},
    {"connect", 42, 203, "", {kBadFd}, fails(EBADF), "address length 0; fd -1 is looked up first"},
    {"accept", 43, 202, "", {kBadFd}, fails(EBADF),
     "fd -1 is looked up first; no connection is taken"},
    {"sendto", 44, 206, "", {kBadFd, kBadPtr}, fails(EBADF),
     "fd -1 is looked up first; nothing is sent"},
    {"recvfrom", 45, 207, "", {kBadFd, kBadPtr}, fails(EBADF),
     "fd -1 is looked up first; nothing is received"},
    {"sendmsg", 46, 211, "", {kBadFd, kBadPtr}, fails(EBADF),
     "fd -1 is looked up before the message is read"},
    {"recvmsg", 47, 212, "", {kBadFd, kBadPtr}, fails(EBADF),
     "fd -1 is looked up before the message is read"},
    {"shutdown", 48, 210, "", {kBadFd}, fails(EBADF), "fd -1 is looked up first"},
    {"bind", 49, 200, "", {kBadFd}, fails(EBADF), "fd -1 is looked up first; nothing is bound"},
    {"listen", 50, 201, "", {kBadFd}, fails(EBADF), "fd -1 is looked up first; nothing listens"},
    {"getsockname", 51, 204, "", {kBadFd, kBadPtr, kBadPtr}, fails(EBADF),
     "fd -1 is looked up first"},
    {"getpeername", 52, 205, "", {kBadFd, kBadPtr, kBadPtr}, fails(EBADF),
     "fd -1 is looked up first"},
    {"socketpair", 53, 199, "", {1, kBadFlag, 0, kBadPtr}, fails(EINVAL),
     "unknown type flag bit refused before sockets are made"},
    {"setsockopt", 54, 208, "", {kBadFd}, fails(EBADF), "length 0 passes, then fd -1 is not open"},
    {"getsockopt", 55, 209, "", {kBadFd, 0, 0, kBadPtr, kBadPtr}, fails(EBADF),
     "fd -1 is looked up first"},
    {"semget", 64, 190, "", {0, kBadFd}, fails(EINVAL), "nsems -1 is refused before a set is made"},
    {"semop", 65, 193, "", {kBadFd, kBadPtr}, fails(EINVAL),
     "zero operations are refused first; nothing is read or waited for"},
    {"semctl", 66, 191, "", {kBadFd, 0, 2}, fails(EINVAL), "semid -1 is refused first (IPC_STAT)"},
    {"shmdt", 67, 197, "", {1}, fails(EINVAL),
     "address 1 is not page aligned; nothing is detached"},
    {"msgget", 68, 186, "", {0x53505052}, fails(ENOENT),
     "no IPC_CREAT: only looks up key 'SPPR', which no one made"},
    {"msgsnd", 69, 189, "", {kBadFd, kBadPtr}, fails(EFAULT),
     "the message type at 8 is read first; nothing is sent"},
    {"msgrcv", 70, 188, "", {kBadFd, kBadPtr}, fails(EINVAL),
     "msqid -1 is refused before any wait"},
    {"msgctl", 71, 187, "", {kBadFd, 2, kBadPtr}, fails(EINVAL),
     "msqid -1 is refused first (IPC_STAT)"},
    {"semtimedop", 220, 192, "", {kBadFd, kBadPtr}, fails(EINVAL),
     "no timeout; zero operations are refused first"},
    {"mq_open", 240, 180, "", {kBadPtr}, fails(EFAULT),
     "the name at 8 faults before an fd is reserved"},
    {"mq_unlink", 241, 181, "", {kBadPtr}, fails(EFAULT),
     "the name at 8 faults; nothing is removed"},
    {"mq_timedsend", 242, 182, "", {kBadFd, kBadPtr}, fails(EBADF),
     "no timeout; fd -1 is looked up first; nothing is sent"},
    {"mq_timedreceive", 243, 183, "", {kBadFd, kBadPtr}, fails(EBADF),
     "no timeout; fd -1 is looked up first; no wait"},
    {"mq_notify", 244, 184, "", {kBadFd}, fails(EBADF),
     "fd -1 is looked up first; no notification changes"},
    {"mq_getsetattr", 245, 185, "", {kBadFd}, fails(EBADF), "fd -1 is looked up first"},
    {"accept4", 288, 242, "", {kBadFd}, fails(EBADF),
     "flags 0 pass; fd -1 is looked up first, nothing is accepted"},
    {"recvmmsg", 299, 243, "", {kBadFd, kBadPtr, 1}, fails(EBADF),
     "no timeout; fd -1 is looked up first"},
    {"sendmmsg", 307, 269, "", {kBadFd, kBadPtr, 1}, fails(EBADF),
     "fd -1 is looked up first; nothing is sent"},
};
// clang-format on

}  // namespace probe::rows
