// Emulation detection and its verdicts, from files captured on this x86_64
// host: an arm64 program under qemu-user (Debian 12's qemu-aarch64-static
// 7.2) in `docker run --platform linux/arm64`, a native x86_64 process, the
// binfmt_misc entry Debian's qemu-user-static registers.
#include "emulation.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cerrno>

#include "fake_system.h"
#include "fixtures.h"
#include "render.h"
#include "report.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::FakeSystem;
using testing::fixture;

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

// The trap: ENOSYS from the emulator never becomes "the kernel lacks it".
TEST(Emulation, EnosysUnderEmulationIsNeverAbsent) {
  const Emulation em = detect_emulation(qemu_in_docker());
  const Judgement kernel_view{Verdict::Absent, "The kernel answered ENOSYS ..."};
  const Judgement j = judge_under_emulation(kernel_view, errno_outcome(ENOSYS), em, "cachestat");
  EXPECT_EQ(j.verdict, Verdict::AbsentOrBlocked);
  EXPECT_NE(j.explanation.find("qemu-user (/usr/bin/qemu-aarch64-static)"), std::string::npos);
  EXPECT_NE(j.explanation.find("x86_64 kernel"), std::string::npos);
  EXPECT_NE(j.explanation.find("does not show whether the kernel has cachestat"),
            std::string::npos);

  // Under a filter too (Docker's profile sees the emulator's x86_64 calls).
  const Judgement filtered{Verdict::AbsentOrBlocked, "ENOSYS came back under a seccomp filter"};
  EXPECT_EQ(judge_under_emulation(filtered, errno_outcome(ENOSYS), em, "x").verdict,
            Verdict::AbsentOrBlocked);
}

TEST(Emulation, OtherVerdictsStandWithANote) {
  const Emulation em = detect_emulation(qemu_in_docker());
  const Judgement kernel_view{Verdict::Implemented, "The kernel answered EBADF."};
  const Judgement j = judge_under_emulation(kernel_view, errno_outcome(EBADF), em, "cachestat");
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_EQ(j.explanation.rfind("The kernel answered EBADF. The call went through qemu-user", 0),
            0U);
}

TEST(Emulation, NativeVerdictsAreUntouched) {
  const Emulation em = detect_emulation(native_x86_64());
  const Judgement kernel_view{Verdict::Absent, "The kernel answered ENOSYS."};
  const Judgement j = judge_under_emulation(kernel_view, errno_outcome(ENOSYS), em, "x");
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.explanation, kernel_view.explanation);
}

// The whole report through the door: a probe whose /proc shows an emulator
// (the other architecture's kernel in uname, the exe links apart).
TEST(Emulation, ReportUnderAnEmulatorNeverSaysAbsent) {
  FakeSystem sys;
  sys.files["/proc/self/status"] = fixture("status-host.txt");
  const std::string other = std::string(probe_arch()) == "aarch64" ? "x86_64" : "aarch64";
  sys.uts.machine = other;
  sys.links["/proc/self/exe"] = "/syscall-probe";
  sys.links["/proc/thread-self/exe"] = "/usr/bin/qemu-" + std::string(probe_arch()) + "-static";
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
  EXPECT_NE(render_text(r, false).find("Emulation   qemu-user"), std::string::npos);

  // The same machine without the signs: a native run says absent.
  FakeSystem native;
  native.files["/proc/self/status"] = fixture("status-host.txt");
  const Report n = gather_report(native, o, "t");
  EXPECT_FALSE(n.emulation.emulated);
  EXPECT_EQ(n.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(nlohmann::json::parse(render_json(n))["emulation"]["emulated"], false);
  EXPECT_EQ(render_text(n, false).find("Emulation"), std::string::npos);
}

}  // namespace
}  // namespace probe
