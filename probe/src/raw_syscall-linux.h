// The raw system call of the door's files (attempt-linux.cc,
// filter_ask-linux.cc): the kernel's return, -errno on failure, errno
// untouched. A child sharing the probe's memory must not write errno, which
// lives in the parent's thread; glibc's syscall(3) does.
#pragma once

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace probe {

inline long raw_syscall(long nr, std::uint64_t a0 = 0, std::uint64_t a1 = 0, std::uint64_t a2 = 0,
                        std::uint64_t a3 = 0, std::uint64_t a4 = 0, std::uint64_t a5 = 0) {
#if defined(__x86_64__)
  long ret = 0;
  register std::uint64_t r10 asm("r10") = a3;
  register std::uint64_t r8 asm("r8") = a4;
  register std::uint64_t r9 asm("r9") = a5;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
               : "rcx", "r11", "memory");
  return ret;
#elif defined(__aarch64__)
  register std::uint64_t x8 asm("x8") = static_cast<std::uint64_t>(nr);
  register std::uint64_t x0 asm("x0") = a0;
  register std::uint64_t x1 asm("x1") = a1;
  register std::uint64_t x2 asm("x2") = a2;
  register std::uint64_t x3 asm("x3") = a3;
  register std::uint64_t x4 asm("x4") = a4;
  register std::uint64_t x5 asm("x5") = a5;
  asm volatile("svc 0"
               : "+r"(x0)
               : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
               : "memory");
  return static_cast<long>(x0);
#else
  // No raw path: only forked children (kCanShareMemory) call this, and
  // there errno is the child's own.
  const long ret = ::syscall(nr, a0, a1, a2, a3, a4, a5);
  return ret == -1 ? -errno : ret;
#endif
}

}  // namespace probe
