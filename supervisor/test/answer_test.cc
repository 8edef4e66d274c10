#include "answer.h"

#include <audit_arch.h>
#include <linux/audit.h>
#include <linux/syscall_probe.h>
#include <sys/syscall.h>

#include <gtest/gtest.h>

#include <cerrno>

namespace {

using supervisor::answer;
using supervisor::Reply;

constexpr std::uint32_t kNative = probe::kAuditArch;
#if defined(__x86_64__)
constexpr std::uint32_t kOther = AUDIT_ARCH_I386;
#elif defined(__aarch64__)
constexpr std::uint32_t kOther = AUDIT_ARCH_ARM;
#endif

TEST(SupervisorAnswer, OurCallReturnsTheTokenXorTheMagic) {
  const Reply r = answer({SYSCALL_PROBE_NR, kNative, 0x1234});
  EXPECT_EQ(r.kind, Reply::Kind::Value);
  EXPECT_EQ(r.value, 0x1234 ^ 0x5ca11ab1);
}

TEST(SupervisorAnswer, TheWholeMaskIsAccepted) {
  const Reply r = answer({SYSCALL_PROBE_NR, kNative, 0xffffffffULL});
  EXPECT_EQ(r.kind, Reply::Kind::Value);
  EXPECT_EQ(r.value, 0xffffffffLL ^ 0x5ca11ab1);
}

TEST(SupervisorAnswer, ATokenOutsideTheMaskIsEinval) {
  const Reply r = answer({SYSCALL_PROBE_NR, kNative, 1ULL << 32});
  EXPECT_EQ(r.kind, Reply::Kind::Error);
  EXPECT_EQ(r.error, EINVAL);
}

TEST(SupervisorAnswer, EveryOtherCallContinues) {
  EXPECT_EQ(answer({SYS_getppid, kNative, 0}).kind, Reply::Kind::Continue);
  EXPECT_EQ(answer({SYSCALL_PROBE_NR + 1, kNative, 0}).kind, Reply::Kind::Continue);
}

TEST(SupervisorAnswer, AnotherArchitecturesNumber548Continues) {
  // 548 means something else (or nothing) in a compat table.
  EXPECT_EQ(answer({SYSCALL_PROBE_NR, kOther, 0x1234}).kind, Reply::Kind::Continue);
}

}  // namespace
