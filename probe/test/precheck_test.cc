// The kernel's own checks before a catalogue call's arguments (precheck.h)
// and how gather_report uses them: pure functions, then the FakeSystem.
#include "precheck.h"
#include "entry_symbol.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <cerrno>

#include "catalogue.h"
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
using testing::returned_outcome;

constexpr std::uint64_t kSysAdmin = std::uint64_t{1} << 21;

TEST(Precheck, EveryCapabilityIsAValue) {
  EXPECT_EQ(precheck_capability(Precheck::CapSysAdmin), 21);
  EXPECT_EQ(precheck_capability(Precheck::CapChown), 0);
  EXPECT_EQ(precheck_capability(Precheck::CapCheckpointRestore), 40);
  EXPECT_EQ(precheck_capability(Precheck::None), -1);
  EXPECT_EQ(precheck_capability(Precheck::NoNewPrivsOrCapSysAdmin), -1);
  EXPECT_EQ(precheck_text(Precheck::CapSysBoot), "cap_sys_boot");
  EXPECT_EQ(precheck_text(Precheck::NoNewPrivsOrCapSysAdmin), "no_new_privs or cap_sys_admin");
}

TEST(Precheck, CapabilitiesComeFromCapEff) {
  CallerFacts f;
  EXPECT_EQ(precheck_passes(Precheck::CapSysAdmin, f), std::nullopt);
  f.initial_user_ns = true;
  f.cap_eff = 0xa80425fb;  // Docker's default set: no cap_sys_admin, cap_sys_chroot yes
  EXPECT_EQ(precheck_passes(Precheck::CapSysAdmin, f), false);
  EXPECT_EQ(precheck_passes(Precheck::CapSysChroot, f), true);
  EXPECT_EQ(precheck_passes(Precheck::CapSysTime, f), false);
  f.cap_eff = *f.cap_eff | kSysAdmin;
  EXPECT_EQ(precheck_passes(Precheck::CapSysAdmin, f), true);
  EXPECT_EQ(precheck_passes(Precheck::None, f), true);
  // In a user namespace (rootless Podman) a set bit may not reach capable().
  f.initial_user_ns = false;
  EXPECT_EQ(precheck_passes(Precheck::CapSysAdmin, f), std::nullopt);
  EXPECT_EQ(precheck_passes(Precheck::CapSysTime, f), false);
}

TEST(Precheck, NoNewPrivsOrCapSysAdmin) {
  CallerFacts f;
  EXPECT_EQ(precheck_passes(Precheck::NoNewPrivsOrCapSysAdmin, f), std::nullopt);
  f.cap_eff = 0;
  f.no_new_privs = false;
  f.initial_user_ns = true;
  EXPECT_EQ(precheck_passes(Precheck::NoNewPrivsOrCapSysAdmin, f), false);
  f.no_new_privs = true;
  EXPECT_EQ(precheck_passes(Precheck::NoNewPrivsOrCapSysAdmin, f), true);
  f.no_new_privs = false;
  f.cap_eff = kSysAdmin;
  EXPECT_EQ(precheck_passes(Precheck::NoNewPrivsOrCapSysAdmin, f), true);
}

// open_by_handle_at checks CAP_DAC_READ_SEARCH before it reads the handle
// until 6.16 (from 6.10 after the mount fd, which the row's AT_FDCWD
// passes); 6.17 reads the handle first.
TEST(Precheck, CapDacReadSearchUntil6_16) {
  CallerFacts f;
  f.initial_user_ns = true;
  f.cap_eff = 0xa80425fb;  // Docker's default set: no cap_dac_read_search
  for (const char* release :
       {"5.10.0-32-cloud-amd64", "6.1.0-50-cloud-amd64", "6.12.117+deb13-cloud-amd64", "6.16.9"}) {
    f.release = release;
    EXPECT_EQ(precheck_passes(Precheck::CapDacReadSearchBefore6_17, f), false) << release;
  }
  for (const char* release : {"6.17.0", "6.18.44-fc-v1272"}) {
    f.release = release;
    EXPECT_EQ(precheck_passes(Precheck::CapDacReadSearchBefore6_17, f), true) << release;
  }
  f.release = "6.12.117+deb13-cloud-amd64";
  f.cap_eff = std::uint64_t{1} << 2;  // cap_dac_read_search
  EXPECT_EQ(precheck_passes(Precheck::CapDacReadSearchBefore6_17, f), true);
}

TEST(Precheck, IoUringSysctl) {
  CallerFacts f;
  f.initial_user_ns = true;
  f.cap_eff = 0;
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), std::nullopt);
  f.io_uring_sysctl_missing = true;  // before 6.6
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), true);
  f.io_uring_sysctl_missing = false;
  f.io_uring_disabled = 0;
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), true);
  f.io_uring_disabled = 2;
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), false);
  f.io_uring_disabled = 1;  // the group is not known
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), std::nullopt);
  f.cap_eff = kSysAdmin;
  EXPECT_EQ(precheck_passes(Precheck::IoUringAllowed, f), true);
}

TEST(Precheck, Secretmem) {
  CallerFacts f;
  f.release = "6.18.0-1-amd64";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), std::nullopt);  // no cmdline
  f.cmdline = "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro quiet\n";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);  // default on since 6.5
  f.release = "6.1.0-18-amd64";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), false);  // default off before
  f.cmdline = "ro secretmem.enable=1";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);
  f.release = "6.18.0";
  f.cmdline = "ro secretmem.enable=0 quiet";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), false);
  f.secretmem_enable = true;  // the module parameter outranks the guess
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);
}

// arm64's memfd_secret also needs can_set_direct_map(): rodata=full (the
// Kconfig default when rodata= is not given) or debug_pagealloc=on.
TEST(Precheck, SecretmemOnArm64) {
  CallerFacts f;
  f.arch = "aarch64";
  f.release = "6.1.0-28-cloud-arm64";
  f.cmdline = "console=ttyAMA0 root=/dev/vda rw\n";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), false);  // off before 6.5
  f.secretmem_enable = false;
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), false);
  f.secretmem_enable = std::nullopt;
  f.release = "6.12.0-1-cloud-arm64";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);  // on, rodata=full
  f.cmdline = "root=/dev/vda rodata=full";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);
  f.cmdline = "root=/dev/vda rodata=on";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), std::nullopt);  // KFENCE unknown
  f.cmdline = "root=/dev/vda rodata=off debug_pagealloc=on";
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);
  f.secretmem_enable = true;
  f.cmdline = std::nullopt;
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), std::nullopt);
  f.arch = "x86_64";  // can_set_direct_map() is always true there
  EXPECT_EQ(precheck_passes(Precheck::SecretmemEnabled, f), true);
}

TEST(Precheck, KernelVersionAndCmdline) {
  EXPECT_EQ(kernel_version("6.18.44-fc-v857"), (std::pair{6, 18}));
  EXPECT_EQ(kernel_version("5.10"), (std::pair{5, 10}));
  EXPECT_EQ(kernel_version("6"), std::nullopt);
  EXPECT_EQ(kernel_version(""), std::nullopt);
  EXPECT_EQ(kernel_version("x.1"), std::nullopt);
  EXPECT_EQ(cmdline_value("a=1 b c=2 a=3\n", "a"), "3");
  EXPECT_EQ(cmdline_value("a=1 b c=2", "b"), "");
  EXPECT_EQ(cmdline_value("ab=1", "a"), std::nullopt);
  EXPECT_EQ(cmdline_value("", "a"), std::nullopt);
}

// A Docker container (no cap_sys_admin, a filter) whose filter allows
// fsopen: the kernel's EPERM is not called `blocked`.
const char* kKallsyms = "ffffffff81234000 T " SP_ENTRY
                        "read\n"
                        "ffffffff81234100 T " SP_ENTRY
                        "fsopen\n"
                        "ffffffff81234200 T " SP_ENTRY
                        "landlock_restrict_self\n"
                        "ffffffff81234300 T " SP_ENTRY "io_uring_setup\n";

FakeSystem docker() {
  FakeSystem sys;
  sys.files["/proc/self/status"] = fixture("status-docker.txt");
  sys.files["/proc/self/uid_map"] = "         0          0 4294967295\n";
  sys.kallsyms = kKallsyms;
  return sys;
}

Options with(std::vector<std::string> syscalls) {
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  o.syscalls = std::move(syscalls);
  return o;
}

const Attempt& only(const Report& r) {
  EXPECT_EQ(r.catalogue.size(), 1U);
  return r.catalogue.at(0);
}

TEST(PrecheckReport, KernelEpermWithoutTheCapabilityIsBlockedOrDenied) {
  FakeSystem sys = docker();
  sys.outcomes[430] = errno_outcome(EPERM);  // fsopen
  const Report r = gather_report(sys, with({"fsopen"}), "t");
  const Attempt& a = only(r);
  EXPECT_EQ(a.precheck_passed, false);
  EXPECT_EQ(a.kernel_has_symbol, true);
  EXPECT_EQ(a.verdict, Verdict::BlockedOrDenied) << a.explanation;
  EXPECT_NE(a.explanation.find("cap_sys_admin"), std::string::npos) << a.explanation;
}

TEST(PrecheckReport, EpermWithTheCapabilityIsTheFilters) {
  FakeSystem sys = docker();
  std::string status = fixture("status-docker.txt");
  const std::string docker_caps = "CapEff:\t00000000a80425fb";
  const auto at = status.find(docker_caps);
  ASSERT_NE(at, std::string::npos);
  status.replace(at, docker_caps.size(), "CapEff:\t00000000a82425fb");  // + cap_sys_admin
  sys.files["/proc/self/status"] = status;
  sys.outcomes[430] = errno_outcome(EPERM);
  const Report r = gather_report(sys, with({"fsopen"}), "t");
  const Attempt& a = only(r);
  EXPECT_EQ(a.precheck_passed, true);
  EXPECT_EQ(a.verdict, Verdict::Blocked) << a.explanation;
  // The same bits in a user namespace prove nothing about the kernel's check.
  sys.files["/proc/self/uid_map"] = "         0     100000      65536\n";
  EXPECT_EQ(only(gather_report(sys, with({"fsopen"}), "t")).verdict, Verdict::BlockedOrDenied);
}

TEST(PrecheckReport, LandlockRunsLastAfterNoNewPrivsInTheChild) {
  FakeSystem sys = docker();
  sys.outcomes[SYS_prctl] = returned_outcome(0);
  sys.outcomes[446] = errno_outcome(EPERM);  // landlock_restrict_self
  const Report r = gather_report(sys, with({"landlock_restrict_self", "fsopen"}), "t");
  ASSERT_EQ(sys.requests.size(), 4U);
  EXPECT_EQ(sys.requests[0].nr, SYSCALL_PROBE_NR);
  EXPECT_EQ(sys.requests[1].nr, 430);
  EXPECT_EQ(sys.requests[2].nr, SYS_prctl);
  EXPECT_EQ(sys.requests[2].args[0], 38U);  // PR_SET_NO_NEW_PRIVS
  EXPECT_EQ(sys.requests[2].args[1], 1U);
  EXPECT_EQ(sys.requests[3].nr, 446);
  // The report keeps the order asked for, each with its own outcome.
  ASSERT_EQ(r.catalogue.size(), 2U);
  EXPECT_EQ(r.catalogue[0].name, "landlock_restrict_self");
  EXPECT_EQ(r.catalogue[0].outcome.err, EPERM);
  EXPECT_TRUE(r.catalogue[0].child_no_new_privs);
  EXPECT_EQ(r.catalogue[0].precheck_passed, true);
  EXPECT_EQ(r.catalogue[0].verdict, Verdict::Blocked) << r.catalogue[0].explanation;
  EXPECT_EQ(r.catalogue[1].name, "fsopen");
  EXPECT_EQ(r.catalogue[1].outcome.err, ENOSYS);
}

TEST(PrecheckReport, LandlockWithoutNoNewPrivsIsBlockedOrDenied) {
  FakeSystem sys = docker();  // prctl answers ENOSYS: a filter refused it
  sys.outcomes[446] = errno_outcome(EPERM);
  const Report r = gather_report(sys, with({"landlock_restrict_self"}), "t");
  const Attempt& a = only(r);
  EXPECT_FALSE(a.child_no_new_privs);
  EXPECT_EQ(a.precheck_passed, false);
  EXPECT_EQ(a.verdict, Verdict::BlockedOrDenied) << a.explanation;
  // Without it, its EINVAL is still the kernel's own.
  sys.outcomes[446] = errno_outcome(EINVAL);
  EXPECT_EQ(only(gather_report(sys, with({"landlock_restrict_self"}), "t")).verdict,
            Verdict::Implemented);
}

TEST(PrecheckReport, IoUringSysctlReadOnlyWhenAsked) {
  FakeSystem sys = docker();
  sys.outcomes[425] = errno_outcome(EPERM);  // io_uring_setup
  gather_report(sys, with({"fsopen"}), "t");
  EXPECT_EQ(sys.file_streams.count("/proc/sys/kernel/io_uring_disabled"), 0U);
  sys.files["/proc/sys/kernel/io_uring_disabled"] = "0\n";
  EXPECT_EQ(only(gather_report(sys, with({"io_uring_setup"}), "t")).verdict, Verdict::Blocked);
  sys.files["/proc/sys/kernel/io_uring_disabled"] = "2\n";
  EXPECT_EQ(only(gather_report(sys, with({"io_uring_setup"}), "t")).verdict,
            Verdict::BlockedOrDenied);
  sys.files["/proc/sys/kernel/io_uring_disabled"] = "garbage";  // unknown, not 0
  EXPECT_EQ(only(gather_report(sys, with({"io_uring_setup"}), "t")).verdict,
            Verdict::BlockedOrDenied);
  sys.files.erase("/proc/sys/kernel/io_uring_disabled");  // before 6.6: no such check
  EXPECT_EQ(only(gather_report(sys, with({"io_uring_setup"}), "t")).verdict, Verdict::Blocked);
}

}  // namespace
}  // namespace probe
