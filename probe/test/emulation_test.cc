// Emulation detection and its verdicts, from files captured on this x86_64
// host: an arm64 program under qemu-user (Debian 12's qemu-aarch64-static
// 7.2) in `docker run --platform linux/arm64`, a native x86_64 process, the
// binfmt_misc entry Debian's qemu-user-static registers.
#include "emulation.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>

#include "fake_system.h"
#include "fixtures.h"
#include "linux/syscall_probe.h"
#include "options.h"
#include "render.h"
#include "report.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::FakeSystem;
using testing::fixture;
using testing::returned_outcome;
using testing::signal_outcome;

bool mentions(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines) {
    if (l.find(needle) != std::string::npos) return true;
  }
  return false;
}

// What the arm64 probe sees inside `docker run --platform linux/arm64` here.
EmulationClues qemu_in_docker() {
  EmulationClues c;
  c.probe_arch = "aarch64";
  c.uname_machine = "aarch64";  // qemu-user reports the guest's machine
  c.self_exe = "/syscall-probe";
  c.thread_exe = "/usr/bin/qemu-aarch64-static";
  c.thread_maps = fixture("emulation/thread-maps-qemu-aarch64-docker.txt");
  c.cpuinfo = fixture("emulation/cpuinfo-x86_64.txt");
  return c;
}

EmulationClues native_x86_64() {
  EmulationClues c;
  c.probe_arch = "x86_64";
  c.uname_machine = "x86_64";
  c.self_exe = "/usr/bin/cat";
  c.thread_exe = "/usr/bin/cat";
  c.thread_maps = fixture("emulation/thread-maps-x86_64-native.txt");
  c.cpuinfo = fixture("emulation/cpuinfo-x86_64.txt");
  return c;
}

TEST(Emulation, QemuUserInDockerIsRecognisedAndNamed) {
  const Emulation em = detect_emulation(qemu_in_docker());
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.emulator, "qemu-user");
  EXPECT_EQ(em.interpreter, "/usr/bin/qemu-aarch64-static");
  EXPECT_EQ(em.host_arch, "x86_64");
  EXPECT_EQ(em.probe_arch, "aarch64");
  // Four independent signs: the exe links, the emulator's mapping, x86's
  // vsyscall page, cpuinfo.
  ASSERT_EQ(em.evidence.size(), 4U) << ::testing::PrintToString(em.evidence);
  EXPECT_TRUE(mentions(em.evidence, "/proc/thread-self/exe /usr/bin/qemu-aarch64-static"));
  EXPECT_TRUE(mentions(em.evidence, "maps /usr/bin/qemu-aarch64-static"));
  EXPECT_TRUE(mentions(em.evidence, "[vsyscall]"));
  EXPECT_TRUE(mentions(em.evidence, "x86_64 CPU"));
}

TEST(Emulation, AnEmulatorWhoseFileWasReplacedIsNamedAsTheKernelNamesIt) {
  EmulationClues c = qemu_in_docker();
  c.thread_exe = "/usr/bin/qemu-aarch64-static (deleted)";
  const Emulation em = detect_emulation(c);
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.emulator, "qemu-user");
  EXPECT_EQ(em.interpreter, "/usr/bin/qemu-aarch64-static (deleted)");
  ASSERT_EQ(em.evidence.size(), 5U) << ::testing::PrintToString(em.evidence);
  EXPECT_TRUE(mentions(em.evidence, "it was replaced after it was loaded"));
  EXPECT_FALSE(mentions(detect_emulation(qemu_in_docker()).evidence, "replaced"));
}

TEST(Emulation, NativeProcessIsNotEmulated) {
  const Emulation em = detect_emulation(native_x86_64());
  EXPECT_FALSE(em.emulated);
  EXPECT_FALSE(em.emulator);
  EXPECT_FALSE(em.interpreter);
  EXPECT_FALSE(em.host_arch);
  EXPECT_TRUE(em.evidence.empty()) << ::testing::PrintToString(em.evidence);
}

// qemu-user's /proc/self/maps hides the emulator: only the thread's real
// maps show it.
TEST(Emulation, TheMapsQemuPresentsHideIt) {
  EmulationClues c = qemu_in_docker();
  c.thread_maps = fixture("emulation/self-maps-qemu-aarch64-docker.txt");
  c.thread_exe = c.self_exe;
  c.cpuinfo.reset();
  EXPECT_FALSE(detect_emulation(c).emulated);
}

// Each direct sign alone is enough; the others unreadable.
TEST(Emulation, EachSignAloneSuffices) {
  EmulationClues base;
  base.probe_arch = "aarch64";

  EmulationClues exe = base;
  exe.self_exe = "/syscall-probe";
  exe.thread_exe = "/opt/odd/translator";  // an emulator of no known name
  Emulation em = detect_emulation(exe);
  EXPECT_TRUE(em.emulated);
  EXPECT_FALSE(em.emulator);
  EXPECT_EQ(em.interpreter, "/opt/odd/translator");
  EXPECT_EQ(describe_emulator(em), "an emulator (/opt/odd/translator)");

  EmulationClues maps = base;
  maps.thread_maps =
      "7f3000000000-7f3000228000 r--p 00000000 fe:00 10979742   /usr/bin/qemu-aarch64-static\n";
  em = detect_emulation(maps);
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.emulator, "qemu-user");
  EXPECT_FALSE(em.host_arch);

  EmulationClues vsyscall = base;
  vsyscall.thread_maps =
      "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n";
  em = detect_emulation(vsyscall);
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.host_arch, "x86_64");
  EXPECT_EQ(describe_emulator(em), "an emulator");

  EmulationClues cpu = base;
  cpu.cpuinfo = fixture("emulation/cpuinfo-x86_64.txt");
  EXPECT_TRUE(detect_emulation(cpu).emulated);

  // Rosetta's way round: an x86_64 program, an arm64 kernel that says so.
  EmulationClues uname;
  uname.probe_arch = "x86_64";
  uname.uname_machine = "aarch64";
  em = detect_emulation(uname);
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.host_arch, "aarch64");
}

// The vsyscall page is x86_64's own: an x86_64 program that sees it is native.
TEST(Emulation, VsyscallInAnX86ProgramIsNative) {
  EmulationClues c;
  c.probe_arch = "x86_64";
  c.thread_maps = fixture("emulation/thread-maps-x86_64-native.txt");
  ASSERT_NE(c.thread_maps->find("[vsyscall]"), std::string::npos);
  EXPECT_FALSE(detect_emulation(c).emulated);
}

// A registered handler names the emulator but proves nothing alone: hosts
// register qemu handlers they never use for their own architecture's programs.
TEST(Emulation, BinfmtEntryNamesButDoesNotDecide) {
  EmulationClues c;
  c.probe_arch = "aarch64";
  c.binfmt["qemu-aarch64"] = fixture("emulation/binfmt-qemu-aarch64.txt");
  Emulation em = detect_emulation(c);
  EXPECT_FALSE(em.emulated);
  EXPECT_FALSE(em.emulator);
  ASSERT_EQ(em.evidence.size(), 1U);
  EXPECT_NE(em.evidence[0].find("/usr/libexec/qemu-binfmt/aarch64-binfmt-P"), std::string::npos);

  c.cpuinfo = fixture("emulation/cpuinfo-x86_64.txt");
  em = detect_emulation(c);
  EXPECT_TRUE(em.emulated);
  EXPECT_EQ(em.emulator, "qemu-user");
  EXPECT_EQ(em.interpreter, "/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
}

TEST(Emulation, BinfmtMachine) {
  const std::string entry = fixture("emulation/binfmt-qemu-aarch64.txt");
  EXPECT_EQ(binfmt_machine(entry), "aarch64");
  std::string disabled = entry;
  disabled.replace(0, 7, "disabled");
  EXPECT_FALSE(binfmt_machine(disabled));
  // The magic Apple documents for Rosetta: an x86_64 ELF header.
  EXPECT_EQ(binfmt_machine("enabled\ninterpreter /media/rosetta/rosetta\nflags: CF\noffset 0\n"
                           "magic 7f454c4602010100000000000000000002003e00\n"),
            "x86_64");
  EXPECT_FALSE(
      binfmt_machine("enabled\ninterpreter /usr/bin/wine\nflags: \noffset 0\nmagic 4d5a\n"));
  EXPECT_FALSE(
      binfmt_machine("enabled\noffset 0\nmagic 7f454c460201010000000000000000000200zz00\n"));
  EXPECT_FALSE(binfmt_machine(""));
}

TEST(Emulation, CpuinfoArch) {
  EXPECT_EQ(cpuinfo_arch(fixture("emulation/cpuinfo-x86_64.txt")), "x86_64");
  EXPECT_EQ(cpuinfo_arch("processor\t: 0\nBogoMIPS\t: 125.00\nFeatures\t: fp asimd\n"
                         "CPU implementer\t: 0x41\nCPU architecture: 8\n"),
            "aarch64");
  EXPECT_FALSE(cpuinfo_arch("vendor_id\t: IBM/S390\n"));
  EXPECT_FALSE(cpuinfo_arch(""));
}

TEST(Emulation, EmulatorNames) {
  EXPECT_EQ(emulator_name("/usr/bin/qemu-aarch64-static"), "qemu-user");
  EXPECT_EQ(emulator_name("/usr/libexec/qemu-binfmt/aarch64-binfmt-P"), "qemu-user");
  EXPECT_EQ(emulator_name("/media/rosetta/rosetta"), "rosetta");
  EXPECT_EQ(emulator_name("/usr/local/bin/box64"), "box64");
  EXPECT_EQ(emulator_name("/usr/bin/FEXInterpreter"), "fex");
  EXPECT_FALSE(emulator_name("/syscall-probe"));
  EXPECT_FALSE(emulator_name("/usr/lib/x86_64-linux-gnu/libc.so.6"));
}

TEST(Emulation, CandidatesPerArch) {
  EXPECT_EQ(binfmt_candidates("aarch64"), std::vector<std::string>{"qemu-aarch64"});
  const auto x86 = binfmt_candidates("x86_64");
  EXPECT_NE(std::find(x86.begin(), x86.end(), "rosetta"), x86.end());
  EXPECT_TRUE(binfmt_candidates("riscv64").empty());
}

// The host kernel's view of a call, as judge_attempts (gather.h) gives it to
// judge_under_emulation: the symbol asked and what the tables said.
Evidence host_evidence(std::optional<bool> has, std::string_view name = "cachestat") {
  Evidence ev;
  ev.name = name;
  ev.symbol = "__x64_sys_" + std::string(name);
  ev.kernel_has_symbol = has;
  return ev;
}

ExpectedAnswer expects(int err) {
  return {ExpectedAnswer::Kind::Errno, err};
}

// The trap: ENOSYS from the emulator never becomes "the kernel lacks it";
// the host kernel's own symbol says whether the emulator lacks the call.
TEST(Emulation, EnosysWhereTheHostHasTheCallIsTheEmulatorLackingIt) {
  const Emulation em = detect_emulation(qemu_in_docker());
  const Judgement kernel_view{Verdict::Absent, "The kernel answered ENOSYS ..."};
  const Judgement j = judge_under_emulation(kernel_view, expects(EBADF), errno_outcome(ENOSYS),
                                            host_evidence(true), em);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_NE(j.explanation.find("qemu-user (/usr/bin/qemu-aarch64-static) answered ENOSYS"),
            std::string::npos)
      << j.explanation;
  EXPECT_NE(j.explanation.find("the emulator lacks cachestat"), std::string::npos);
  EXPECT_NE(j.explanation.find("the x86_64 host kernel has it (/proc/kallsyms lists "
                               "__x64_sys_cachestat)"),
            std::string::npos)
      << j.explanation;

  // Under a filter the translated call may have met the filter's ENOSYS.
  Evidence filtered = host_evidence(true);
  filtered.filtered = true;
  const Judgement f = judge_under_emulation({Verdict::Blocked, "ENOSYS came from the filter"},
                                            expects(EBADF), errno_outcome(ENOSYS), filtered, em);
  EXPECT_EQ(f.verdict, Verdict::AbsentOrBlocked);
  EXPECT_NE(f.explanation.find("seccomp filter"), std::string::npos) << f.explanation;
}

TEST(Emulation, EnosysWhereTheHostLacksTheCallIsAbsent) {
  const Emulation em = detect_emulation(qemu_in_docker());
  Evidence ev = host_evidence(false, "mseal");
  ev.source = EvidenceSource::Btf;
  const Judgement j = judge_under_emulation({Verdict::Absent, "..."}, expects(EINVAL),
                                            errno_outcome(ENOSYS), ev, em);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_NE(j.explanation.find("qemu-user"), std::string::npos);
  EXPECT_NE(j.explanation.find("the x86_64 host kernel lacks it too (its BTF "
                               "(/sys/kernel/btf/vmlinux) has no function __x64_sys_mseal)"),
            std::string::npos)
      << j.explanation;

  // A call the program's table never implements is absent whatever the host has.
  const Judgement never =
      judge_under_emulation({Verdict::Absent, "..."}, {ExpectedAnswer::Kind::NeverImplemented, 0},
                            errno_outcome(ENOSYS), host_evidence(true, "nfsservctl"), em);
  EXPECT_EQ(never.verdict, Verdict::Absent);
  EXPECT_NE(never.explanation.find("aarch64 syscall table never implements it"), std::string::npos)
      << never.explanation;
}

TEST(Emulation, EnosysWithTheHostUnknownSaysEitherLacksIt) {
  const Emulation em = detect_emulation(qemu_in_docker());
  const Judgement j = judge_under_emulation({Verdict::Absent, "..."}, expects(EBADF),
                                            errno_outcome(ENOSYS), host_evidence(std::nullopt), em);
  EXPECT_EQ(j.verdict, Verdict::AbsentOrBlocked);
  EXPECT_NE(j.explanation.find("could not tell whether it has __x64_sys_cachestat"),
            std::string::npos)
      << j.explanation;
  EXPECT_NE(j.explanation.find("the emulator lacks cachestat or the kernel does"),
            std::string::npos);

  // No sign named the host's architecture: no host symbol could be asked.
  EmulationClues hidden = qemu_in_docker();
  hidden.cpuinfo.reset();
  hidden.thread_maps.reset();
  const Emulation unnamed = detect_emulation(hidden);
  ASSERT_TRUE(unnamed.emulated);
  ASSERT_FALSE(unnamed.host_arch);
  EXPECT_FALSE(kernel_symbol_prefix(unnamed));
  const Judgement u = judge_under_emulation({Verdict::Absent, "..."}, expects(EBADF),
                                            errno_outcome(ENOSYS), Evidence{}, unnamed);
  EXPECT_EQ(u.verdict, Verdict::AbsentOrBlocked);
  EXPECT_NE(u.explanation.find("the host's architecture did not show"), std::string::npos)
      << u.explanation;
}

// Any answer but ENOSYS: the emulator translated the call, so the program
// has it, whatever checked the arguments.
TEST(Emulation, AnyOtherAnswerIsImplemented) {
  const Emulation em = detect_emulation(qemu_in_docker());
  // qemu-user's own pointer check: EFAULT where the kernel gives EBADF.
  const Judgement efault =
      judge_under_emulation({Verdict::Occupied, "another call seems to live here"}, expects(EBADF),
                            errno_outcome(EFAULT), host_evidence(std::nullopt, "read"), em);
  EXPECT_EQ(efault.verdict, Verdict::Implemented);
  EXPECT_NE(efault.explanation.find("qemu-user (/usr/bin/qemu-aarch64-static) translated this "
                                    "aarch64 program's read for the x86_64 host kernel and "
                                    "answered EFAULT"),
            std::string::npos)
      << efault.explanation;
  // The kernel's view explained the EFAULT by the kernel; the emulator may have given it.
  const Judgement listed = judge_under_emulation(
      {Verdict::Implemented, "The kernel answered EFAULT instead of EBADF, but ..."},
      expects(EBADF), errno_outcome(EFAULT), host_evidence(true, "read"), em);
  EXPECT_EQ(listed.verdict, Verdict::Implemented);
  EXPECT_EQ(listed.explanation.rfind("qemu-user (/usr/bin/qemu-aarch64-static) translated", 0), 0U)
      << listed.explanation;
  const Judgement value = judge_under_emulation({Verdict::Occupied, "..."}, expects(EBADF),
                                                returned_outcome(3), host_evidence(true), em);
  EXPECT_EQ(value.verdict, Verdict::Implemented);
  EXPECT_NE(value.explanation.find("returned 3"), std::string::npos);

  // The kernel's own verdict, with a note.
  const Judgement ok =
      judge_under_emulation({Verdict::Implemented, "The kernel answered EBADF."}, expects(EBADF),
                            errno_outcome(EBADF), host_evidence(std::nullopt), em);
  EXPECT_EQ(ok.verdict, Verdict::Implemented);
  EXPECT_EQ(ok.explanation.rfind("The kernel answered EBADF. The call went through qemu-user", 0),
            0U);
}

// qemu-user 7.2 answers ENOSYS for an ioctl command it cannot translate
// (the probe's command 0): the call is there, the command is not.
TEST(Emulation, QemuRefusingAnIoctlCommandIsNotRefusingIoctl) {
  const Emulation em = detect_emulation(qemu_in_docker());
  const Judgement j =
      judge_under_emulation({Verdict::Absent, "..."}, expects(EBADF), errno_outcome(ENOSYS),
                            host_evidence(true, "ioctl"), em);
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_NE(j.explanation.find("command by command"), std::string::npos) << j.explanation;
  // Another emulator's ENOSYS for ioctl is judged as any other.
  Emulation other = em;
  other.emulator = "fex";
  EXPECT_EQ(judge_under_emulation({Verdict::Absent, "..."}, expects(EBADF), errno_outcome(ENOSYS),
                                  host_evidence(true, "ioctl"), other)
                .verdict,
            Verdict::Absent);
}

TEST(Emulation, OwnNumberFilterAndSignalsKeepTheFirstVerdict) {
  const Emulation em = detect_emulation(qemu_in_docker());
  // Another call at the project's number is still another call.
  const Judgement own = judge_under_emulation({Verdict::Occupied, "another call lives here."},
                                              {ExpectedAnswer::Kind::Value, 42},
                                              returned_outcome(0), host_evidence(true), em);
  EXPECT_EQ(own.verdict, Verdict::Occupied);
  // An EPERM a filter may have given.
  Evidence filtered = host_evidence(true);
  filtered.filtered = true;
  const Judgement eperm = judge_under_emulation({Verdict::Blocked, "A seccomp filter ..."},
                                                expects(EBADF), errno_outcome(EPERM), filtered, em);
  EXPECT_EQ(eperm.verdict, Verdict::Blocked);
  EXPECT_NE(eperm.explanation.find("The call went through qemu-user"), std::string::npos);
  const Judgement killed =
      judge_under_emulation({Verdict::Killed, "The caller was killed by SIGSEGV."}, expects(EBADF),
                            signal_outcome(SIGSEGV), host_evidence(true), em);
  EXPECT_EQ(killed.verdict, Verdict::Killed);
}

TEST(Emulation, NativeVerdictsAreUntouched) {
  const Emulation em = detect_emulation(native_x86_64());
  const Judgement kernel_view{Verdict::Absent, "The kernel answered ENOSYS."};
  const Judgement j = judge_under_emulation(kernel_view, expects(EBADF), errno_outcome(ENOSYS),
                                            host_evidence(std::nullopt), em);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.explanation, kernel_view.explanation);
  EXPECT_FALSE(needs_host_symbol(em, errno_outcome(ENOSYS)));
  EXPECT_EQ(kernel_symbol_prefix(em), syscall_symbol_prefix());
}

// Under an emulator the host's names: x86_64's entry points and prefix for
// an aarch64 program on an x86_64 host.
TEST(Emulation, HostSymbolsUnderEmulation) {
  const Emulation em = detect_emulation(qemu_in_docker());
  EXPECT_EQ(kernel_symbol_prefix(em), "__x64_sys_");
  EXPECT_TRUE(needs_host_symbol(em, errno_outcome(ENOSYS)));
  EXPECT_FALSE(needs_host_symbol(em, errno_outcome(EFAULT)));
  const CatalogueEntry* fadvise = find_syscall("fadvise64");
  ASSERT_NE(fadvise, nullptr);
  EXPECT_EQ(kernel_entry_point(em, *fadvise), "fadvise64");  // arm64's is fadvise64_64

  Emulation on_arm64;
  on_arm64.emulated = true;
  on_arm64.probe_arch = "x86_64";
  on_arm64.host_arch = "aarch64";
  EXPECT_EQ(kernel_symbol_prefix(on_arm64), "__arm64_sys_");
  EXPECT_EQ(kernel_entry_point(on_arm64, *fadvise), "fadvise64_64");
  const CatalogueEntry* stat = find_syscall("stat");
  ASSERT_NE(stat, nullptr);
  EXPECT_EQ(kernel_entry_point(on_arm64, *stat), "stat");  // arm64's table has none
}

// The whole report through the door: a probe whose /proc shows an emulator
// (the other architecture's kernel in uname, the exe links apart).
FakeSystem emulated_system(const std::string& other) {
  FakeSystem sys;
  sys.files["/proc/self/status"] = fixture("status-host.txt");
  sys.uts.machine = other;
  sys.links["/proc/self/exe"] = "/syscall-probe";
  sys.links["/proc/thread-self/exe"] = "/usr/bin/qemu-" + std::string(probe_arch()) + "-static";
  return sys;
}

TEST(Emulation, ReportUnderAnEmulatorWithoutHostSymbolsNeverSaysAbsent) {
  const std::string other = std::string(probe_arch()) == "aarch64" ? "x86_64" : "aarch64";
  FakeSystem sys = emulated_system(other);
  Options o;
  o.syscalls = {"cachestat"};
  const Report r = gather_report(sys, o, "t");
  EXPECT_TRUE(r.emulation.emulated);
  EXPECT_EQ(r.emulation.host_arch, other);
  EXPECT_EQ(r.syscall.verdict, Verdict::AbsentOrBlocked) << r.syscall.explanation;
  ASSERT_EQ(r.catalogue.size(), 1U);
  EXPECT_EQ(r.catalogue[0].verdict, Verdict::AbsentOrBlocked) << r.catalogue[0].explanation;

  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["emulation"]["emulated"], true);
  EXPECT_EQ(j["emulation"]["emulator"], "qemu-user");
  EXPECT_EQ(j["emulation"]["probe_arch"], probe_arch());
  EXPECT_EQ(j["emulation"]["host_arch"], other);
  // The symbol asked is the host kernel's.
  EXPECT_EQ(j["catalogue"][0]["symbol"], std::string(syscall_symbol_prefix(other)) + "cachestat");
  EXPECT_NE(render_text(r, false).find("Emulation   qemu-user"), std::string::npos);

  // The same machine without the signs: a native run says absent.
  FakeSystem native;
  native.files["/proc/self/status"] = fixture("status-host.txt");
  const Report n = gather_report(native, o, "t");
  EXPECT_FALSE(n.emulation.emulated);
  EXPECT_EQ(n.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(nlohmann::json::parse(render_json(n))["emulation"]["emulated"], false);
  EXPECT_EQ(nlohmann::json::parse(render_json(n))["catalogue"][0]["symbol"],
            syscall_symbol("cachestat"));
  EXPECT_EQ(render_text(n, false).find("Emulation"), std::string::npos);
}

// The host's /proc/kallsyms, by the host's names, tells the emulator's
// refusal (the host has the call) from a call nobody has; an answer but
// ENOSYS is a translated call.
TEST(Emulation, ReportAsksTheHostsSymbols) {
  const std::string other = std::string(probe_arch()) == "aarch64" ? "x86_64" : "aarch64";
  const std::string prefix(syscall_symbol_prefix(other));
  FakeSystem sys = emulated_system(other);
  // This architecture's names must not count: the host's kernel lists its own.
  sys.kallsyms = "ffffffff81000000 T " + prefix + "read\nffffffff81000100 T " + prefix +
                 "cachestat\nffffffff81000200 T " + syscall_symbol("mseal") + "\n";
  const CatalogueEntry* read = find_syscall("read");
  ASSERT_NE(read, nullptr);
  sys.outcomes[nr_here(*read)] = errno_outcome(EFAULT);  // the emulator's pointer check
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  o.syscalls = {"cachestat", "mseal", "read"};
  const Report r = gather_report(sys, o, "t");
  ASSERT_TRUE(r.emulation.emulated);
  EXPECT_TRUE(r.kallsyms.readable) << r.kallsyms.error.value_or("");
  ASSERT_EQ(r.catalogue.size(), 3U);
  const Attempt& cachestat = r.catalogue[0];
  EXPECT_EQ(cachestat.kernel_has_symbol, true);
  EXPECT_EQ(symbol_of(cachestat), prefix + "cachestat");
  EXPECT_EQ(cachestat.verdict, Verdict::Absent) << cachestat.explanation;
  EXPECT_NE(cachestat.explanation.find("the emulator lacks cachestat"), std::string::npos)
      << cachestat.explanation;
  EXPECT_NE(cachestat.explanation.find(prefix + "cachestat"), std::string::npos);

  const Attempt& mseal = r.catalogue[1];
  EXPECT_EQ(mseal.kernel_has_symbol, false);
  EXPECT_EQ(mseal.verdict, Verdict::Absent) << mseal.explanation;
  EXPECT_NE(mseal.explanation.find("lacks it too"), std::string::npos) << mseal.explanation;

  EXPECT_EQ(r.catalogue[2].verdict, Verdict::Implemented) << r.catalogue[2].explanation;
  EXPECT_NE(r.catalogue[2].explanation.find("answered EFAULT"), std::string::npos);

  // Our own number: the host lacks it too.
  EXPECT_EQ(r.syscall.kernel_has_symbol, false);
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent) << r.syscall.explanation;
  EXPECT_EQ(symbol_of(r.syscall), prefix + "syscall_probe");
}

}  // namespace
}  // namespace probe
