// gather_report under other runtimes, through the scripted FakeSystem and the
// files captured there (fixtures/README.md): the runtime it names, and whose
// answer its explanations say it was.
#include <gtest/gtest.h>

#include <cerrno>
#include <functional>
#include <stdexcept>
#include <string>

#include "entry_symbol.h"
#include "fake_system.h"
#include "fixtures.h"
#include "linux/syscall_probe.h"
#include "options.h"
#include "report.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::FakeSystem;
using testing::fixture;
using testing::gvisor_files;

constexpr long kCachestat = 451;
constexpr long kClone3 = 435;

Options with_catalogue() {
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  o.syscalls = {"clone3", "cachestat"};
  return o;
}

const Attempt& attempt(const Report& r, const std::string& name) {
  for (const auto& a : r.catalogue) {
    if (a.name == name) return a;
  }
  throw std::runtime_error("no attempt " + name);
}

// A Podman container (its marker file, a filter) on a kernel whose kallsyms
// lists the calls these tests try.
void podman_files(FakeSystem& sys) {
  sys.files["/run/.containerenv"] = "";
  sys.files["/proc/self/status"] = fixture("status-docker.txt");
  sys.kallsyms = "ffffffff81234000 T " SP_ENTRY
                 "read\n"
                 "ffffffff81300000 T " SP_ENTRY
                 "fsopen\n"
                 "ffffffff815958f0 T " SP_ENTRY "cachestat\n";
}

// runsc 2024-07-29 as captured: gVisor's uname, status without a filter, the
// "job" cgroup controller; the Sentry lacks cachestat and checks clone3.
TEST(RuntimeReport, GvisorNamesTheSentryNotTheHost) {
  FakeSystem sys;
  gvisor_files(sys);
  sys.outcomes[kCachestat] = errno_outcome(ENOSYS);
  sys.outcomes[kClone3] = errno_outcome(EINVAL);
  const Report r = gather_report(sys, with_catalogue(), "t");
  EXPECT_EQ(r.container.runtime, "gvisor");
  EXPECT_FALSE(r.flavour.shared_kernel);
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(r.syscall.explanation.rfind("gVisor's Sentry answered ENOSYS", 0), 0U)
      << r.syscall.explanation;
  const Attempt& cachestat = attempt(r, "cachestat");
  EXPECT_EQ(cachestat.verdict, Verdict::Absent);
  EXPECT_NE(cachestat.explanation.find("host kernel was never asked"), std::string::npos);
  const Attempt& clone3 = attempt(r, "clone3");
  EXPECT_EQ(clone3.verdict, Verdict::Implemented);
  EXPECT_EQ(clone3.explanation.rfind("gVisor's Sentry (not the host kernel) answered EINVAL", 0),
            0U)
      << clone3.explanation;
}

// Podman: its filter answers ENOSYS for what it does not list; the kernel
// has cachestat (kallsyms), so blocked, and the sentence names Podman's profile.
TEST(RuntimeReport, PodmanNamesItsOwnProfile) {
  FakeSystem sys;
  podman_files(sys);
  sys.outcomes[kCachestat] = errno_outcome(ENOSYS);
  sys.outcomes[kClone3] = errno_outcome(EINVAL);
  const Report r = gather_report(sys, with_catalogue(), "t");
  EXPECT_EQ(r.container.runtime, "podman");
  const Attempt& cachestat = attempt(r, "cachestat");
  EXPECT_EQ(cachestat.verdict, Verdict::Blocked);
  EXPECT_NE(cachestat.explanation.find("Podman's default profile"), std::string::npos)
      << cachestat.explanation;
  EXPECT_EQ(cachestat.explanation.find("Docker"), std::string::npos) << cachestat.explanation;
  EXPECT_EQ(attempt(r, "clone3").verdict, Verdict::Implemented);
}

// fsopen answered EPERM (which a filter and the kernel's may_mount() check
// both give) in a Podman container set up by `podman_files` and then `setup`.
Attempt fsopen_eperm_under_podman(const std::function<void(FakeSystem&)>& setup) {
  FakeSystem sys;
  podman_files(sys);
  setup(sys);
  sys.outcomes[430] = errno_outcome(EPERM);  // fsopen
  Options o = with_catalogue();
  o.syscalls = {"fsopen"};
  return attempt(gather_report(sys, o, "t"), "fsopen");
}

// Under Podman an EPERM is not taken for the kernel's on the strength of
// which profile Podman applies by default (the user may give another): fsopen
// checks CAP_SYS_ADMIN before its arguments and this root caller lacks it
// (CapEff a80425fb), so the filter or the kernel could have answered.
TEST(RuntimeReport, PodmanEpermWithoutTheCapabilityIsBlockedOrDenied) {
  const Attempt fsopen = fsopen_eperm_under_podman([](FakeSystem& /*sys*/) {});
  EXPECT_EQ(fsopen.verdict, Verdict::BlockedOrDenied) << fsopen.explanation;
  EXPECT_NE(fsopen.explanation.find("this caller lacks it"), std::string::npos)
      << fsopen.explanation;
  ASSERT_TRUE(fsopen.precheck_passed.has_value());
  EXPECT_FALSE(*fsopen.precheck_passed);
}

// The caller holds CAP_SYS_ADMIN in the initial user namespace: the
// kernel's own check passes, so the EPERM is the filter's, and the sentence
// says what settled it.
TEST(RuntimeReport, PodmanEpermWithTheCapabilityIsTheFilters) {
  const Attempt fsopen = fsopen_eperm_under_podman([](FakeSystem& sys) {
    std::string status = fixture("status-docker.txt");
    const std::string eff = "CapEff:\t00000000a80425fb";
    status.replace(status.find(eff), eff.size(), "CapEff:\t00000000a82425fb");
    sys.files["/proc/self/status"] = status;
    sys.files["/proc/self/uid_map"] = "         0          0 4294967295\n";
  });
  EXPECT_EQ(fsopen.verdict, Verdict::Blocked) << fsopen.explanation;
  EXPECT_NE(fsopen.explanation.find("the kernel's own check would have passed"), std::string::npos)
      << fsopen.explanation;
}

}  // namespace
}  // namespace probe
