// gather_report + rendering through the scripted FakeSystem: what is read,
// when BTF and kallsyms are consulted, and that both renderings carry the facts.
#include "report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <vector>

#include "btf_blob.h"
#include "catalogue.h"
#include "entry_symbol.h"
#include "fake_system.h"
#include "fixtures.h"
#include "linux/syscall_probe.h"
#include "options.h"
#include "render.h"
#include "run.h"

namespace probe {
namespace {

using testing::docker_files;
using testing::errno_outcome;
using testing::FakeSystem;
using testing::fixture;
using testing::returned_outcome;
using testing::signal_outcome;

const char* kKallsyms = "ffffffff81234000 T " SP_ENTRY
                        "read\n"
                        "ffffffff815958f0 T " SP_ENTRY
                        "cachestat\n"
                        "ffffffff81392420 W " SP_ENTRY "map_shadow_stack\n";

// utc_stamp against the C library's gmtime_r, the oracle it replaces:
// epoch, leap days, century years, the ends of months and of the range.
TEST(UtcStamp, MatchesGmtime) {
  std::vector<std::int64_t> seconds{0,          59,         86399,       86400,      951782400,
                                    951868799,  951868800,  4107542399,  4107542400, 1798675199,
                                    1764460800, 1709164800, 253402300799};
  for (std::int64_t s = 0; s < 253402300799; s = s * 3 + 86399) seconds.push_back(s);
  for (const std::int64_t s : seconds) {
    const auto t = static_cast<std::time_t>(s);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&t, &tm), nullptr);
    char want[32];
    ASSERT_GT(std::strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm), 0U);
    EXPECT_EQ(utc_stamp(s), want) << s;
  }
  EXPECT_EQ(utc_stamp(-1), "");
  EXPECT_EQ(utc_stamp(253402300800), "");
}

Options opts() {
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  return o;
}

TEST(Report, HostNoFilterEnosysIsAbsentWithoutKallsyms) {
  FakeSystem sys;
  sys.files["/proc/self/status"] = fixture("status-host.txt");
  sys.kallsyms = kKallsyms;
  const Report r = gather_report(sys, opts(), "2026-11-27T00:00:00Z");
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(sys.kallsyms_opens, 0);
  EXPECT_FALSE(r.kallsyms.consulted);
  ASSERT_EQ(sys.requests.size(), 1U);
  EXPECT_EQ(sys.requests[0].nr, SYSCALL_PROBE_NR);
  EXPECT_EQ(sys.requests[0].args[0], sys.token);
  EXPECT_EQ(r.syscall.expected_value, sys.token ^ SYSCALL_PROBE_MAGIC);
  EXPECT_EQ(r.syscall.verified, false);
  EXPECT_FALSE(r.container.detected);
}

TEST(Report, VerifiedTokenIsImplemented) {
  FakeSystem sys;
  sys.outcomes[SYSCALL_PROBE_NR] = returned_outcome(sys.token ^ SYSCALL_PROBE_MAGIC);
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::Implemented);
  EXPECT_EQ(r.syscall.verified, true);
}

TEST(Report, ArgOverridesTheRandomToken) {
  FakeSystem sys;
  Options o = opts();
  o.arg = 7;
  const Report r = gather_report(sys, o, "t");
  EXPECT_EQ(sys.requests.at(0).args[0], 7U);
  EXPECT_EQ(r.syscall.token, 7U);
}

// The door lets vetted calls share the probe's memory (system.h): our own
// number and the catalogue's rows; any other --nr gets its own copy.
TEST(Report, OnlyAnUnvettedNumberNeedsItsOwnMemory) {
  FakeSystem sys;
  Options o = opts();
  o.syscalls = {"getpid", "close", "mmap"};
  gather_report(sys, o, "t");
  ASSERT_EQ(sys.requests.size(), 4U);
  for (const auto& req : sys.requests) EXPECT_FALSE(req.own_memory) << req.nr;
  FakeSystem other;
  o = opts();
  o.nr = 12;  // brk: moves the break of whatever memory the child has
  gather_report(other, o, "t");
  ASSERT_EQ(other.requests.size(), 1U);
  EXPECT_TRUE(other.requests[0].own_memory);
}

TEST(Report, DockerEnosysAboveProfileIsBlockedWhenKernelHasIt) {
  FakeSystem sys;
  docker_files(sys);
  // The patched kernel has our syscall, but the profile answers ENOSYS.
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81999000 T " SP_ENTRY "syscall_probe\n";
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::Blocked);
  EXPECT_EQ(r.syscall.kernel_has_symbol, true);
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_TRUE(r.container.detected);
  EXPECT_EQ(r.container.runtime, "docker");
}

TEST(Report, DockerEnosysOnStockKernelIsAbsent) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(r.syscall.kernel_has_symbol, false);
  EXPECT_NE(r.syscall.explanation.find("seccomp filter"), std::string::npos);
}

TEST(Report, UnreadableKallsymsGivesAbsentOrBlockedAndTheReason) {
  FakeSystem sys;
  docker_files(sys);
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::AbsentOrBlocked);
  EXPECT_FALSE(r.kallsyms.readable);
  EXPECT_TRUE(r.kallsyms.consulted);
  EXPECT_EQ(r.kallsyms.error, "open /proc/kallsyms: Permission denied");
  EXPECT_FALSE(r.syscall.kernel_has_symbol.has_value());
}

TEST(Report, KallsymsWithoutEntrySymbolsProvesNothing) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = "0000000000000000 T _text\n";  // censored or synthetic
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::AbsentOrBlocked);
  EXPECT_FALSE(r.kallsyms.readable);
  ASSERT_TRUE(r.kallsyms.error.has_value());
  EXPECT_NE(r.kallsyms.error->find("proves nothing"), std::string::npos);
}

TEST(Report, KallsymsReadOnceForManyAttempts) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  Options o = opts();
  o.syscalls = {"cachestat", "map_shadow_stack"};
  // cachestat 451, map_shadow_stack 453 on x86_64: both ENOSYS by default.
  const Report r = gather_report(sys, o, "t");
  EXPECT_EQ(sys.kallsyms_opens, 1);
  ASSERT_EQ(r.catalogue.size(), 2U);
  EXPECT_EQ(r.catalogue[0].verdict, Verdict::Blocked);  // kernel has cachestat
  EXPECT_EQ(r.catalogue[1].verdict, Verdict::Absent);   // weak stub only
}

TEST(Report, KallsymsModes) {
  FakeSystem never;
  docker_files(never);
  never.kallsyms = kKallsyms;
  Options o = opts();
  o.kallsyms = KallsymsMode::Never;
  EXPECT_EQ(gather_report(never, o, "t").syscall.verdict, Verdict::AbsentOrBlocked);
  EXPECT_EQ(never.kallsyms_opens, 0);

  FakeSystem always;
  always.kallsyms = kKallsyms;
  o.kallsyms = KallsymsMode::Always;
  const Report r = gather_report(always, o, "t");
  EXPECT_EQ(always.kallsyms_opens, 1);
  EXPECT_EQ(r.syscall.kernel_has_symbol, false);
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent);
}

TEST(Report, StopsReadingKallsymsOnceEverythingIsFound) {
  FakeSystem sys;
  docker_files(sys);
  const std::string ours = "ffffffff81999000 T " SP_ENTRY "syscall_probe\n";
  const std::string sentinel = "ffffffff81234000 T " SP_ENTRY "read\n";
  sys.kallsyms = ours + kKallsyms + "ffffffff81999999 T " SP_ENTRY "late\n";
  sys.chunk_size = 1;  // a byte per read: the count says where the reader stopped
  gather_report(sys, opts(), "t");
  EXPECT_EQ(sys.kallsyms_bytes, ours.size() + sentinel.size());  // our symbol, then the sentinel
}

// The default-profile run on a stock kernel, as in Docker: BTF proves our
// syscall absent and kallsyms (tens of ms) is never opened.
TEST(Report, DockerEnosysOnStockKernelIsAbsentFromBtfAlone) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  testing::BtfBlob btf;
  btf.func(SP_ENTRY "read").func(SP_ENTRY "cachestat");
  sys.files["/sys/kernel/btf/vmlinux"] = btf.bytes();
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(r.syscall.kernel_has_symbol, false);
  EXPECT_EQ(r.syscall.evidence, EvidenceSource::Btf);
  EXPECT_EQ(sys.kallsyms_opens, 0);
  EXPECT_TRUE(r.btf.readable);
  EXPECT_NE(r.syscall.explanation.find("seccomp filter"), std::string::npos);
  EXPECT_NE(r.syscall.explanation.find("BTF"), std::string::npos) << r.syscall.explanation;

  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["btf"]["readable"], true);
  EXPECT_EQ(j["btf"]["consulted"], true);
  EXPECT_EQ(j["btf"]["contradicted"], nlohmann::json::array());
  EXPECT_EQ(j["kallsyms"]["consulted"], false);
  EXPECT_EQ(j["kallsyms"]["error"], "not read: BTF settled every verdict");
  EXPECT_EQ(j["syscall"]["evidence"], "btf");
  const std::string text = render_text(r, false);
  EXPECT_NE(text.find("BTF         readable\n"), std::string::npos) << text;
}

// Debian 11's 5.10 BTF has no function of kernel/events/core.c, so it lacks
// perf_event_open, which that kernel has. Under a filter answering EPERM the
// default run (--btf auto, --kallsyms auto) must not take BTF's silence for
// absence: the call is older than BTF itself, kallsyms decides. As kallsyms
// is read anyway, it answers every row and BTF is not read at all.
TEST(Report, BtfHoleInAnOldCallIsSettledByKallsyms) {
  FakeSystem sys;
  docker_files(sys);
  sys.uts.release = "5.10.0-35-amd64";  // lacks cachestat (6.5)
  sys.kallsyms =
      "ffffffff811d0000 T " SP_ENTRY "perf_event_open\nffffffff81234000 T " SP_ENTRY "read\n";
  testing::BtfBlob btf;
  btf.func(SP_ENTRY "read");  // no perf_event_open, no cachestat
  sys.files["/sys/kernel/btf/vmlinux"] = btf.bytes();
  const long nr = nr_here(*find_syscall("perf_event_open"));
  sys.outcomes[nr] = errno_outcome(EPERM);
  Options o = opts();
  o.syscalls = {"perf_event_open", "cachestat"};
  sys.outcomes[nr_here(*find_syscall("cachestat"))] = errno_outcome(EPERM);
  const Report r = gather_report(sys, o, "t");
  ASSERT_EQ(r.catalogue.size(), 2U);
  const Attempt& perf = r.catalogue[0];
  EXPECT_EQ(perf.verdict, Verdict::Blocked) << perf.explanation;
  EXPECT_EQ(perf.kernel_has_symbol, true);
  EXPECT_EQ(perf.evidence, EvidenceSource::Kallsyms);
  EXPECT_EQ(sys.file_streams["/sys/kernel/btf/vmlinux"], 0);
  EXPECT_FALSE(r.btf.consulted);
  EXPECT_EQ(r.btf.error, "not read: /proc/kallsyms settled every verdict");
  EXPECT_EQ(r.btf_contradicted, std::vector<std::string>{});  // BTF not read: nothing to compare
  // cachestat (6.5), which BTF alone would prove absent, is absent by
  // kallsyms too: same verdict, another source.
  const Attempt& cachestat = r.catalogue[1];
  EXPECT_EQ(cachestat.verdict, Verdict::Absent) << cachestat.explanation;
  EXPECT_EQ(cachestat.evidence, EvidenceSource::Kallsyms);

  // --kallsyms always reads both, and names the hole.
  FakeSystem both = sys;
  both.file_streams.clear();
  o.kallsyms = KallsymsMode::Always;
  const Report a = gather_report(both, o, "t");
  EXPECT_EQ(a.catalogue[0].verdict, Verdict::Blocked);
  EXPECT_EQ(a.catalogue[1].verdict, Verdict::Absent);
  EXPECT_TRUE(a.btf.readable);
  EXPECT_EQ(a.btf_contradicted, std::vector<std::string>{SP_ENTRY "perf_event_open"});

  // Where kallsyms cannot be read, BTF is: it proves cachestat absent and
  // leaves perf_event_open (its hole) unknown.
  FakeSystem no_kallsyms = sys;
  no_kallsyms.kallsyms.reset();
  o.kallsyms = KallsymsMode::Auto;
  const Report n = gather_report(no_kallsyms, o, "t");
  EXPECT_TRUE(n.btf.readable);
  EXPECT_EQ(n.catalogue[0].kernel_has_symbol, std::nullopt);
  EXPECT_EQ(n.catalogue[1].kernel_has_symbol, false);
  EXPECT_EQ(n.catalogue[1].evidence, EvidenceSource::Btf);
  EXPECT_EQ(n.catalogue[1].verdict, Verdict::Absent);
}

// A call removed from the kernel is an ordinary row on the releases that
// have it and a never-implemented one, without its precheck, from the
// removal on: lookup_dcookie on Debian 11's 5.10 (fs/dcookies.c: EPERM
// without CAP_SYS_ADMIN, else EINVAL) and on 6.1 (gone since 5.12).
TEST(Report, RemovedCallsExpectWhatTheReleaseGives) {
  Options o = opts();
  o.syscalls = {"lookup_dcookie"};
  FakeSystem old_kernel;
  docker_files(old_kernel);
  old_kernel.uts.release = "5.10.0-35-amd64";
  const Report before = gather_report(old_kernel, o, "t");
  ASSERT_EQ(before.catalogue.size(), 1U);
  EXPECT_EQ(before.catalogue[0].expected, "EINVAL");
  EXPECT_EQ(before.catalogue[0].expectation.kind, ExpectedAnswer::Kind::Errno);
  EXPECT_EQ(before.catalogue[0].expectation.alt_errno, EPERM);
  EXPECT_EQ(before.catalogue[0].precheck, Precheck::CapSysAdmin);

  FakeSystem new_kernel;
  docker_files(new_kernel);
  new_kernel.uts.release = "6.1.0-18-amd64";
  const Report after = gather_report(new_kernel, o, "t");
  ASSERT_EQ(after.catalogue.size(), 1U);
  EXPECT_EQ(after.catalogue[0].expected, "ENOSYS (never implemented)");
  EXPECT_EQ(after.catalogue[0].expectation.kind, ExpectedAnswer::Kind::NeverImplemented);
  EXPECT_EQ(after.catalogue[0].expectation.alt_errno, 0);
  EXPECT_EQ(after.catalogue[0].precheck, Precheck::None);
}

// The commonest answer, the errno the entry expects, gets its sentence only
// when something prints it, the same sentence judge() gives; under gVisor
// the sentence is rewritten (the Sentry answered), so it is built at once.
TEST(Report, TheExpectedErrnoIsExplainedWhenPrinted) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  sys.outcomes[451] = errno_outcome(EBADF);
  Options o = opts();
  o.syscalls = {"cachestat"};
  const Report r = gather_report(sys, o, "t");
  ASSERT_EQ(r.catalogue.size(), 1U);
  const Attempt& a = r.catalogue[0];
  EXPECT_EQ(a.verdict, Verdict::Implemented);
  EXPECT_TRUE(a.expected_errno);
  EXPECT_TRUE(a.explanation.empty());
  const std::string sentence =
      "The kernel answered EBADF to deliberately bad arguments, as a kernel with cachestat does.";
  EXPECT_EQ(explanation_of(a), sentence);
  EXPECT_EQ(explanation_of(a), expected_errno_sentence(EBADF, "cachestat"));
  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["catalogue"][0]["explanation"], sentence);
}

TEST(Report, JsonCarriesTheFacts) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  sys.outcomes[451] = errno_outcome(EBADF);
  sys.outcomes[335] = signal_outcome(SIGILL);
  Options o = opts();
  o.label = "laptop";
  o.syscalls = {"cachestat", "uretprobe"};
  const auto j = nlohmann::json::parse(render_json(gather_report(sys, o, "2026-11-27T00:00:00Z")));
  EXPECT_EQ(j["schema"], "syscall-probe/report");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["label"], "laptop");
  EXPECT_EQ(j["generated_at"], "2026-11-27T00:00:00Z");
  EXPECT_EQ(j["kernel"]["release"], "6.1.0-18-amd64");
  EXPECT_EQ(j["kernel"]["flavour"], "debian");
  EXPECT_EQ(j["kernel"]["shared_kernel"], true);
  EXPECT_EQ(j["container"]["runtime"], "docker");
  EXPECT_EQ(j["confinement"]["seccomp"]["mode"], 2);
  EXPECT_EQ(j["confinement"]["seccomp"]["mode_name"], "filter");
  EXPECT_EQ(j["confinement"]["seccomp"]["filters"], 1);
  EXPECT_EQ(j["confinement"]["no_new_privs"], false);
  EXPECT_EQ(j["confinement"]["capabilities"]["effective_hex"], "00000000a80425fb");
  EXPECT_EQ(j["confinement"]["capabilities"]["effective"].size(), 14U);
  EXPECT_EQ(j["confinement"]["namespaces"]["uts"], "uts:[4026532201]");
  EXPECT_EQ(j["confinement"]["user_namespace"]["identity"], true);
  EXPECT_EQ(j["confinement"]["cgroup"]["version"], 1);
  EXPECT_EQ(j["kallsyms"]["readable"], true);
  EXPECT_TRUE(j["kallsyms"]["error"].is_null());
  EXPECT_EQ(j["btf"]["readable"], false);
  EXPECT_EQ(j["btf"]["error"], "no /sys/kernel/btf/vmlinux (kernel built without BTF)");
  const auto& s = j["syscall"];
  EXPECT_EQ(s["name"], SYSCALL_PROBE_NAME);
  EXPECT_EQ(s["nr"], SYSCALL_PROBE_NR);
  EXPECT_TRUE(s["since"].is_null());
  EXPECT_EQ(s["token"], sys.token);
  EXPECT_EQ(s["expected_value"], sys.token ^ SYSCALL_PROBE_MAGIC);
  EXPECT_EQ(s["verified"], false);
  EXPECT_EQ(s["outcome"]["kind"], "errno");
  EXPECT_EQ(s["outcome"]["errno_name"], "ENOSYS");
  EXPECT_EQ(s["verdict"], "absent");
  EXPECT_EQ(s["evidence"], "kallsyms");
  ASSERT_EQ(j["catalogue"].size(), 2U);
  EXPECT_FALSE(j["catalogue"][0].contains("evidence"));  // no verdict needed it
  EXPECT_EQ(j["catalogue"][0]["name"], "cachestat");
  EXPECT_EQ(j["catalogue"][0]["verdict"], "implemented");
  EXPECT_EQ(j["catalogue"][0]["expected"], "EBADF");
  EXPECT_EQ(j["catalogue"][1]["name"], "uretprobe");
  // uretprobe is x86_64's only (arm64 has no number for it: nothing to call).
  if (nr_here(*find_syscall("uretprobe")) == 335) {
    EXPECT_EQ(j["catalogue"][1]["outcome"]["signal_name"], "SIGILL");
    EXPECT_EQ(j["catalogue"][1]["outcome"]["seccomp_signal"], false);
    EXPECT_EQ(j["catalogue"][1]["verdict"], "implemented");
  }
}

TEST(Report, TextFitsEightyColumnsAndColoursOnlyATty) {
  FakeSystem sys;
  docker_files(sys);
  sys.uts.version = std::string(200, 'v');  // an absurdly long uname -v
  Options o = opts();
  o.syscalls = {"cachestat", "uretprobe", "mseal"};
  o.label = "a-label";
  std::string out;
  EXPECT_EQ(run_with(sys, o, out, true), kExitOk);
  std::size_t start = 0;
  for (auto nl = out.find('\n'); nl != std::string::npos; nl = out.find('\n', start)) {
    EXPECT_LE(nl - start, 80U) << out.substr(start, nl - start);
    start = nl + 1;
  }
  EXPECT_EQ(out.find('\x1b'), std::string::npos);  // not a TTY
  EXPECT_NE(out.find("absent-or-blocked"), std::string::npos);
  // The advice survives wrapping: join the lines back before looking.
  std::string joined;
  for (char c : out) {
    if (c == '\n' || (c == ' ' && !joined.empty() && joined.back() == ' ')) {
      if (joined.empty() || joined.back() != ' ') joined += ' ';
      continue;
    }
    joined += c;
  }
  EXPECT_NE(joined.find("--security-opt seccomp=unconfined"), std::string::npos) << out;

  sys.tty = true;
  run_with(sys, o, out, true);
  EXPECT_NE(out.find('\x1b'), std::string::npos);
  run_with(sys, o, out, false);  // NO_COLOR
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

TEST(Report, NoColorConvention) {
  EXPECT_FALSE(no_color_requested(nullptr));
  EXPECT_FALSE(no_color_requested(""));
  EXPECT_TRUE(no_color_requested("1"));
}

TEST(Report, ExpectExitCodes) {
  FakeSystem sys;
  Options o = opts();
  std::string out;
  o.expect = Verdict::Absent;
  EXPECT_EQ(run_with(sys, o, out, false), kExitOk);
  o.expect = Verdict::Implemented;
  EXPECT_EQ(run_with(sys, o, out, false), kExitMismatch);
  EXPECT_FALSE(out.empty());  // the report is printed either way
}

// --expect NAME=VERDICT: exit 1 and one line naming every call that
// differs; our own call with them.
TEST(Report, ExpectPerRowNamesEveryMiss) {
  FakeSystem sys;
  docker_files(sys);
  sys.kallsyms = kKallsyms;
  sys.outcomes[451] = errno_outcome(EBADF);  // cachestat: implemented
  Options o = opts();
  o.syscalls = {"cachestat"};
  o.expect_rows = {{"cachestat", Verdict::Implemented}};
  std::string out;
  std::string missed;
  EXPECT_EQ(run_with(sys, o, out, false, &missed), kExitOk);
  EXPECT_TRUE(missed.empty()) << missed;
  o.expect_rows = {{"cachestat", Verdict::Blocked}};
  o.expect = Verdict::Implemented;
  EXPECT_EQ(run_with(sys, o, out, false, &missed), kExitMismatch);
  EXPECT_EQ(missed,
            "--expect: syscall_probe is absent, not implemented; cachestat is implemented, not "
            "blocked");
  EXPECT_FALSE(out.empty());
}

TEST(Report, ForkFailureIsAnErrorVerdictNotACrash) {
  FakeSystem sys;
  Outcome fail;
  fail.kind = Outcome::Kind::Error;
  fail.error = "fork: Resource temporarily unavailable";
  sys.outcomes[SYSCALL_PROBE_NR] = fail;
  const Report r = gather_report(sys, opts(), "t");
  EXPECT_EQ(r.syscall.verdict, Verdict::Error);
  const auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["syscall"]["outcome"]["kind"], "error");
  EXPECT_EQ(j["syscall"]["outcome"]["error"], "fork: Resource temporarily unavailable");
}

}  // namespace
}  // namespace probe
