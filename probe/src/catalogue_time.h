// Catalogue rows: clocks, timers and sleeping.
// One row a call, ordered by x86_64 number; docs/catalogue.md says per row
// which check answers and how the row was verified.
#pragma once

#include "catalogue_rows.h"

namespace probe::rows {

// clang-format off
inline constexpr CatalogueEntry kClocks[] = {
    {"gettimeofday", 96, 169, "", {kBadPtr}, fails(EFAULT), "the buffer at 8 faults"},
    {"adjtimex", 159, 171, "", {kBadPtr}, fails(EFAULT),
     "the timex at 8 is read first; the clock is not touched"},
    {"settimeofday", 164, 170, "", {kBadPtr}, fails(EFAULT),
     "the time at 8 is read first, before the privilege check"},
    {"time", 201, -1, "", {kBadPtr}, fails(EFAULT), "the result cannot be stored at 8"},
    {"timer_create", 222, 107, "", {99, 0, kBadPtr}, fails(EINVAL),
     "clock 99 is unknown; no timer is made"},
    {"timer_settime", 223, 110, "", {kBadFd, 0, kBadPtr}, fails(EFAULT),
     "the new value at 8 is read first; nothing is armed"},
    {"timer_gettime", 224, 108, "", {kBadFd, kBadPtr}, fails(EINVAL), "timer -1 does not exist"},
    {"timer_getoverrun", 225, 109, "", {kBadFd}, fails(EINVAL), "timer -1 does not exist"},
    {"timer_delete", 226, 111, "", {kBadFd}, fails(EINVAL),
     "timer -1 does not exist: nothing is deleted"},
    {"clock_settime", 227, 112, "", {99, kBadPtr}, fails(EINVAL),
     "clock 99 is unknown, refused before the privilege check"},
    {"clock_gettime", 228, 113, "", {99, kBadPtr}, fails(EINVAL), "clock 99 is unknown"},
    {"clock_getres", 229, 114, "", {99, kBadPtr}, fails(EINVAL), "clock 99 is unknown"},
    {"clock_nanosleep", 230, 115, "", {99, 0, kBadPtr}, fails(EINVAL),
     "clock 99 is unknown, refused before any sleep"},
    {"timerfd_create", 283, 85, "", {99}, fails(EINVAL),
     "clock 99 is refused before an fd is made"},
    {"timerfd_settime", 286, 86, "", {kBadFd, 0, kBadPtr}, fails(EFAULT),
     "the new value at 8 is read before the fd"},
    {"timerfd_gettime", 287, 87, "", {kBadFd, kBadPtr}, fails(EBADF), "fd -1 is looked up first"},
    {"clock_adjtime", 305, 266, "", {99, kBadPtr}, fails(EFAULT),
     "the timex at 8 is read first; no clock is touched"},
};
// clang-format on

}  // namespace probe::rows
