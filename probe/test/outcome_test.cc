#include "outcome.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace probe {
namespace {

std::string bytes(const ChildRecord& rec) {
  return std::string(reinterpret_cast<const char*>(&rec), sizeof rec);
}

TEST(Outcome, ReturnedValue) {
  ChildRecord rec;
  rec.type = ChildRecord::kReturned;
  rec.ret = 0x5ca11ab1;
  const Outcome o = decode_attempt(bytes(rec), W_EXITCODE(0, 0));
  EXPECT_EQ(o.kind, Outcome::Kind::Returned);
  EXPECT_EQ(o.value, 0x5ca11ab1);
}

TEST(Outcome, MinusOneIsErrno) {
  ChildRecord rec;
  rec.type = ChildRecord::kReturned;
  rec.ret = -1;
  rec.err = ENOSYS;
  const Outcome o = decode_attempt(bytes(rec), W_EXITCODE(0, 0));
  EXPECT_EQ(o.kind, Outcome::Kind::Errno);
  EXPECT_EQ(o.err, ENOSYS);
  EXPECT_EQ(describe(o), "ENOSYS");
}

TEST(Outcome, DeathBySignalWithoutRecord) {
  const Outcome o = decode_attempt("", SIGILL);  // WIFSIGNALED status is the signal
  ASSERT_TRUE(WIFSIGNALED(SIGILL));
  EXPECT_EQ(o.kind, Outcome::Kind::Signal);
  EXPECT_EQ(o.signal, SIGILL);
  EXPECT_FALSE(o.seccomp_signal);
  EXPECT_EQ(describe(o), "SIGILL");
}

TEST(Outcome, SeccompTrapRecord) {
  ChildRecord rec;
  rec.type = ChildRecord::kSigsys;
  rec.si_code = 1;  // SYS_SECCOMP
  const Outcome o = decode_attempt(bytes(rec), SIGSYS);
  EXPECT_EQ(o.kind, Outcome::Kind::Signal);
  EXPECT_EQ(o.signal, SIGSYS);
  EXPECT_TRUE(o.seccomp_signal);
}

TEST(Outcome, SigsysRecordNotFromSeccomp) {
  ChildRecord rec;
  rec.type = ChildRecord::kSigsys;
  rec.si_code = 0;  // SI_USER: someone ran kill -SYS
  const Outcome o = decode_attempt(bytes(rec), SIGSYS);
  EXPECT_EQ(o.signal, SIGSYS);
  EXPECT_FALSE(o.seccomp_signal);
}

TEST(Outcome, TruncatedRecordFallsBackToWaitStatus) {
  ChildRecord rec;
  rec.type = ChildRecord::kReturned;
  const std::string partial = bytes(rec).substr(0, 5);
  EXPECT_EQ(decode_attempt(partial, SIGKILL).kind, Outcome::Kind::Signal);
  const Outcome o = decode_attempt(partial, W_EXITCODE(3, 0));
  EXPECT_EQ(o.kind, Outcome::Kind::Error);
  EXPECT_NE(o.error.find("exited with status 3"), std::string::npos);
}

TEST(Outcome, Names) {
  EXPECT_EQ(signal_name(SIGSYS), "SIGSYS");
  EXPECT_EQ(signal_name(99), "signal 99");
  EXPECT_EQ(errno_name(EBADF), "EBADF");
  EXPECT_EQ(errno_name(EPERM), "EPERM");
  EXPECT_EQ(errno_name(4000), "errno 4000");
}

}  // namespace
}  // namespace probe
