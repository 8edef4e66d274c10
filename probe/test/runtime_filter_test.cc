#include "runtime_filter.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "verdict.h"

namespace probe {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Each runtime's default answer, as its profile source says (docs/runtimes.md).
TEST(RuntimeFilter, DefaultErrnoPerRuntime) {
  EXPECT_EQ(runtime_filter("docker").default_errno, EPERM);
  EXPECT_EQ(runtime_filter("containerd").default_errno, EPERM);
  EXPECT_EQ(runtime_filter("kubernetes").default_errno, EPERM);
  EXPECT_EQ(runtime_filter("podman").default_errno, ENOSYS);
  EXPECT_FALSE(runtime_filter("podman").enosys_stub);
  EXPECT_TRUE(runtime_filter("docker").enosys_stub);
  EXPECT_TRUE(runtime_filter("gvisor").sentry);
  EXPECT_FALSE(runtime_filter("docker").sentry);
  EXPECT_EQ(runtime_filter("other").default_errno, 0);
}

// `runtime` and `name` must outlive the Evidence (literals here).
Evidence filtered_has(std::string_view runtime, std::string_view name) {
  Evidence ev;
  ev.filtered = true;
  ev.kernel_has_symbol = true;
  ev.symbol = "__x64_sys_" + std::string(name);
  ev.name = name;
  ev.runtime = runtime;
  return ev;
}

const ExpectedAnswer kBadFd{ExpectedAnswer::Kind::Errno, EBADF, 0};

Outcome enosys_outcome() {
  Outcome o;
  o.kind = Outcome::Kind::Errno;
  o.err = ENOSYS;
  return o;
}

// An ENOSYS under a filter for a call the kernel has is blocked under every
// runtime, and the sentence names that runtime's own profile and rule.
TEST(RuntimeFilter, EnosysExplanationNamesTheRuntimesProfile) {
  const Outcome enosys = enosys_outcome();
  const Judgement podman = judged(kBadFd, enosys, filtered_has("podman", "cachestat"));
  EXPECT_EQ(podman.verdict, Verdict::Blocked);
  EXPECT_TRUE(has(podman.explanation, "Podman's default profile")) << podman.explanation;
  EXPECT_TRUE(has(podman.explanation, "answers ENOSYS for every call it does not allow"))
      << podman.explanation;
  EXPECT_FALSE(has(podman.explanation, "Docker")) << podman.explanation;

  const Judgement docker = judged(kBadFd, enosys, filtered_has("docker", "cachestat"));
  EXPECT_EQ(docker.verdict, Verdict::Blocked);
  EXPECT_TRUE(has(docker.explanation, "Docker's default profile answers EPERM"))
      << docker.explanation;
  EXPECT_TRUE(has(docker.explanation, "runc answers ENOSYS")) << docker.explanation;

  const Judgement clone3 = judged(kBadFd, enosys, filtered_has("containerd", "clone3"));
  EXPECT_EQ(clone3.verdict, Verdict::Blocked);
  EXPECT_TRUE(has(clone3.explanation, "containerd's default profile")) << clone3.explanation;
  EXPECT_TRUE(has(clone3.explanation, "for clone3 without CAP_SYS_ADMIN")) << clone3.explanation;
  EXPECT_FALSE(has(clone3.explanation, "runc")) << clone3.explanation;

  const Judgement other = judged(kBadFd, enosys, filtered_has("none", "cachestat"));
  EXPECT_EQ(other.verdict, Verdict::Blocked);
  EXPECT_FALSE(has(other.explanation, "Docker")) << other.explanation;
}

// gVisor, no filter: the Sentry answered, not the host kernel.
TEST(RuntimeFilter, SentryAnswersUnderGvisor) {
  Evidence ev;
  ev.name = "cachestat";
  ev.symbol = "__x64_sys_cachestat";
  ev.runtime = "gvisor";
  const Judgement j = judged(kBadFd, enosys_outcome(), ev);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_TRUE(has(j.explanation, "gVisor's Sentry answered ENOSYS")) << j.explanation;
  EXPECT_TRUE(has(j.explanation, "host kernel was never asked")) << j.explanation;
  EXPECT_FALSE(has(j.explanation, "The kernel answered")) << j.explanation;

  ev.runtime = "docker";
  const Judgement host = judged(kBadFd, enosys_outcome(), ev);
  EXPECT_TRUE(has(host.explanation, "The kernel answered ENOSYS")) << host.explanation;
}

TEST(RuntimeFilter, AnswersUnderGvisorAreTheSentrys) {
  const std::string implemented =
      "The kernel answered EINVAL to deliberately bad arguments, as a kernel with clone3 does.";
  EXPECT_EQ(attribute_answer(implemented, "gvisor"),
            "gVisor's Sentry (not the host kernel) answered EINVAL to deliberately bad arguments, "
            "as a kernel with clone3 does.");
  EXPECT_EQ(attribute_answer(implemented, "docker"), implemented);
  const std::string filter =
      "A seccomp filter answered EPERM, so the call never reached the kernel.";
  EXPECT_EQ(attribute_answer(filter, "gvisor"), filter);
}

}  // namespace
}  // namespace probe
