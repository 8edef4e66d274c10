// Security modules and lockdown: the parsers on odd inputs, read_lsm through
// the scripted FakeSystem, the clause, and the report that carries them.
#include "lsm.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <string>

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

TEST(Lsm, IdNamesFollowTheUapiHeader) {
  EXPECT_EQ(lsm_id_name(100), "capability");
  EXPECT_EQ(lsm_id_name(104), "apparmor");
  EXPECT_EQ(lsm_id_name(108), "lockdown");
  EXPECT_EQ(lsm_id_name(113), "ipe");
  EXPECT_EQ(lsm_id_name(0), "lsm-0");
  EXPECT_EQ(lsm_id_name(114), "lsm-114");
  EXPECT_EQ(lsm_id_name(~std::uint64_t{0}), "lsm-18446744073709551615");
}

TEST(Lsm, ListParsesOnlyAShortListOfNames) {
  const auto l = parse_lsm_list("lockdown,capability,landlock,yama,apparmor\n");
  ASSERT_TRUE(l);
  EXPECT_EQ(*l,
            (std::vector<std::string>{"lockdown", "capability", "landlock", "yama", "apparmor"}));
  EXPECT_EQ(parse_lsm_list("capability"), std::vector<std::string>{"capability"});
  EXPECT_FALSE(parse_lsm_list(""));
  EXPECT_FALSE(parse_lsm_list("\n"));
  EXPECT_FALSE(parse_lsm_list("apparmor,,yama"));
  EXPECT_FALSE(parse_lsm_list("apparmor,"));
  EXPECT_FALSE(parse_lsm_list("App Armor"));
  EXPECT_FALSE(parse_lsm_list(std::string("\x01\x02\xff", 3)));
  EXPECT_FALSE(parse_lsm_list(std::string(100000, 'a')));
  std::string many = "a";
  for (int i = 0; i < 40; ++i) many += ",a";
  EXPECT_FALSE(parse_lsm_list(many));
}

TEST(Lsm, LockdownFileNamesTheBracketedLevel) {
  EXPECT_EQ(parse_lockdown("none [integrity] confidentiality\n"), LockdownMode::Integrity);
  EXPECT_EQ(parse_lockdown("[none] integrity confidentiality\n"), LockdownMode::None);
  EXPECT_EQ(parse_lockdown("none integrity [confidentiality]"), LockdownMode::Confidentiality);
  EXPECT_FALSE(parse_lockdown(""));
  EXPECT_FALSE(parse_lockdown("none integrity confidentiality"));
  EXPECT_FALSE(parse_lockdown("[bogus]"));
  EXPECT_FALSE(parse_lockdown("[integrity"));
  EXPECT_FALSE(parse_lockdown("]integrity["));
  EXPECT_FALSE(parse_lockdown(std::string(100000, '[')));
}

TEST(Lsm, CmdlineTakesTheHighestLevelNamed) {
  EXPECT_EQ(cmdline_lockdown("BOOT_IMAGE=/vmlinuz root=/dev/vda lockdown=integrity quiet\n"),
            LockdownMode::Integrity);
  EXPECT_EQ(cmdline_lockdown("lockdown=confidentiality lockdown=integrity"),
            LockdownMode::Confidentiality);
  EXPECT_EQ(cmdline_lockdown("lockdown=integrity\tlockdown=bogus"), LockdownMode::Integrity);
  EXPECT_FALSE(cmdline_lockdown(""));
  EXPECT_FALSE(cmdline_lockdown("lockdown=none"));
  EXPECT_FALSE(cmdline_lockdown("lockdown="));
  EXPECT_FALSE(cmdline_lockdown("lockdown"));
  EXPECT_FALSE(cmdline_lockdown("nolockdown=integrity"));
  EXPECT_FALSE(cmdline_lockdown(std::string(100000, ' ')));
}

TEST(Lsm, AppArmorLabels) {
  auto l = parse_label("docker-default (enforce)\n", "/proc/self/attr/apparmor/current", {});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->text, "docker-default (enforce)");
  EXPECT_EQ(l->module, "apparmor");
  EXPECT_EQ(l->profile, "docker-default");
  EXPECT_EQ(l->mode, "enforce");
  EXPECT_EQ(l->enforcing, true);
  EXPECT_EQ(l->source, "/proc/self/attr/apparmor/current");
  l = parse_label("/usr/bin/man (complain)", "f", {});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->profile, "/usr/bin/man");
  EXPECT_EQ(l->enforcing, false);
  l = parse_label("unconfined\n", "f", {});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->module, "apparmor");
  EXPECT_EQ(l->enforcing, false);
  l = parse_label("a profile (with) spaces (kill)", "f", {});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->profile, "a profile (with) spaces");
  EXPECT_EQ(l->mode, "kill");
  EXPECT_EQ(l->enforcing, true);
}

TEST(Lsm, SelinuxLabelsAndEnforcement) {
  const std::string ctx("system_u:system_r:container_t:s0:c12,c34\0", 41);
  auto l = parse_label(ctx, "/proc/self/attr/current", "1\n");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->text, "system_u:system_r:container_t:s0:c12,c34");
  EXPECT_EQ(l->module, "selinux");
  EXPECT_EQ(l->profile, "container_t");
  EXPECT_EQ(l->mode, "enforcing");
  EXPECT_EQ(l->enforcing, true);
  l = parse_label(ctx, "f", "0");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->mode, "permissive");
  EXPECT_EQ(l->enforcing, false);
  for (const std::optional<std::string_view> odd :
       {std::optional<std::string_view>{}, std::optional<std::string_view>{""},
        std::optional<std::string_view>{"2"}, std::optional<std::string_view>{"garbage"}}) {
    l = parse_label(ctx, "f", odd);
    ASSERT_TRUE(l);
    EXPECT_EQ(l->module, "selinux");
    EXPECT_EQ(l->enforcing, std::nullopt);
    EXPECT_EQ(l->mode, "");
  }
}

TEST(Lsm, OddLabelsAreRefusedOrLeftUnnamed) {
  EXPECT_FALSE(parse_label("", "f", {}));
  EXPECT_FALSE(parse_label("\n", "f", {}));
  EXPECT_FALSE(parse_label(std::string(1, '\0'), "f", {}));
  EXPECT_FALSE(parse_label("docker\x01(enforce)", "f", {}));
  EXPECT_FALSE(parse_label(std::string(100000, 'x'), "f", {}));
  for (const char* unnamed : {"garbage", "(enforce)", "a:b", "::::", "x (", "_"}) {
    const auto l = parse_label(unnamed, "f", "1");
    ASSERT_TRUE(l) << unnamed;
    EXPECT_EQ(l->module, "") << unnamed;
    EXPECT_EQ(l->enforcing, std::nullopt) << unnamed;
  }
}

TEST(Lsm, ReadsTheCallFirstThenTheFiles) {
  FakeSystem sys;
  sys.uts.release = "6.12.57+deb13-amd64";
  sys.lsm_ids = std::vector<std::uint64_t>{108, 100, 110, 105, 104, 109};
  sys.files["/proc/self/attr/apparmor/current"] = "docker-default (enforce)\n";
  sys.files["/proc/self/attr/current"] = "ignored (complain)\n";
  sys.files["/sys/kernel/security/lsm"] = "ignored";
  sys.files["/proc/cmdline"] = "root=/dev/vda lockdown=integrity\n";
  const LsmInfo l = read_lsm(sys, 100);
  EXPECT_EQ(sys.lsm_calls, 1);
  ASSERT_TRUE(l.modules);
  EXPECT_EQ(*l.modules, (std::vector<std::string>{"lockdown", "capability", "landlock", "yama",
                                                  "apparmor", "bpf"}));
  EXPECT_EQ(l.modules_source, "lsm_list_modules");
  EXPECT_TRUE(l.errors.empty());
  ASSERT_TRUE(l.label);
  EXPECT_EQ(l.label->text, "docker-default (enforce)");
  EXPECT_EQ(l.label->source, "/proc/self/attr/apparmor/current");
  EXPECT_EQ(l.lockdown, LockdownMode::Integrity);
  EXPECT_EQ(l.lockdown_source, "/proc/cmdline");
}

TEST(Lsm, BeforeSixEightSecurityfsAnswers) {
  FakeSystem sys;  // 6.1: the call is not tried
  sys.files["/sys/kernel/security/lsm"] = "lockdown,capability,apparmor";
  sys.files["/sys/kernel/security/lockdown"] = "[none] integrity confidentiality\n";
  sys.files["/proc/self/attr/current"] = "unconfined\n";
  sys.files["/proc/cmdline"] = "lockdown=confidentiality";
  const LsmInfo l = read_lsm(sys, 100);
  EXPECT_EQ(sys.lsm_calls, 0);
  ASSERT_TRUE(l.modules);
  EXPECT_EQ(l.modules->size(), 3U);
  EXPECT_EQ(l.modules_source, "/sys/kernel/security/lsm");
  ASSERT_EQ(l.errors.size(), 1U);
  EXPECT_NE(l.errors[0].find("predates 6.8"), std::string::npos);
  ASSERT_TRUE(l.label);
  EXPECT_EQ(l.label->source, "/proc/self/attr/current");
  EXPECT_EQ(l.label->enforcing, false);
  EXPECT_EQ(l.lockdown, LockdownMode::None);  // the file outranks the command line
  EXPECT_EQ(l.lockdown_source, "/sys/kernel/security/lockdown");
}

TEST(Lsm, NothingReadableIsUnknownNotAFailure) {
  FakeSystem sys;
  sys.uts.release = "6.8.0";
  sys.lsm_errno = EPERM;  // a filter refused it
  const LsmInfo l = read_lsm(sys, 100);
  EXPECT_EQ(sys.lsm_calls, 1);
  EXPECT_FALSE(l.modules);
  EXPECT_EQ(l.modules_source, "");
  ASSERT_EQ(l.errors.size(), 2U);
  EXPECT_EQ(l.errors[0], "lsm_list_modules: Operation not permitted");
  EXPECT_NE(l.errors[1].find("/sys/kernel/security/lsm"), std::string::npos);
  EXPECT_FALSE(l.label);
  EXPECT_FALSE(l.lockdown);
  EXPECT_EQ(l.lockdown_source, "");
}

TEST(Lsm, GarbageFilesAreSkipped) {
  FakeSystem sys;
  sys.uts.release = "garbage";
  sys.files["/sys/kernel/security/lsm"] = std::string(70000, ',');
  sys.files["/sys/kernel/security/lockdown"] = "\x01\x02";
  sys.files["/proc/self/attr/apparmor/current"] = std::string("\xff\xfe", 2);
  sys.files["/proc/self/attr/current"] = "docker-default (enforce)";
  sys.files["/proc/cmdline"] = "";
  const LsmInfo l = read_lsm(sys, 100);
  EXPECT_FALSE(l.modules);
  EXPECT_NE(l.errors.back().find("not a list"), std::string::npos);
  ASSERT_TRUE(l.label);
  EXPECT_EQ(l.label->source, "/proc/self/attr/current");
  EXPECT_FALSE(l.lockdown);
}

TEST(Lsm, AListWithoutLockdownMeansNone) {
  FakeSystem sys;
  sys.files["/sys/kernel/security/lsm"] = "capability,selinux";
  sys.files["/proc/cmdline"] = "lockdown=integrity";
  const LsmInfo l = read_lsm(sys, 100);
  EXPECT_EQ(l.lockdown, LockdownMode::None);
  EXPECT_EQ(l.lockdown_source, "/sys/kernel/security/lsm");
}

LsmInfo with(std::optional<LockdownMode> lockdown, std::string_view label = "") {
  LsmInfo l;
  l.lockdown = lockdown;
  if (!label.empty()) l.label = parse_label(label, "f", "1");
  return l;
}

TEST(Lsm, LockdownIsNamedOnlyWhereItGatesTheCall) {
  const std::string c = lsm_clause("kexec_load", EPERM, true, with(LockdownMode::Integrity));
  EXPECT_EQ(c,
            "; kernel lockdown (integrity), which refuses kexec_load before its arguments, may "
            "have given this answer instead");
  EXPECT_NE(lsm_clause("kexec_load", EPERM, std::nullopt, with(LockdownMode::Confidentiality)), "");
  // The capability check comes first: a caller without CAP_SYS_BOOT is
  // refused by it.
  EXPECT_EQ(lsm_clause("kexec_load", EPERM, false, with(LockdownMode::Integrity)), "");
  EXPECT_EQ(lsm_clause("kexec_load", EPERM, true, with(LockdownMode::None)), "");
  EXPECT_EQ(lsm_clause("kexec_load", EPERM, true, with(std::nullopt)), "");
  EXPECT_EQ(lsm_clause("kexec_load", EACCES, true, with(LockdownMode::Integrity)), "");
  EXPECT_EQ(lsm_clause("kexec_load", EINVAL, true, with(LockdownMode::Integrity)), "");
  // iopl's level 4 is refused before the lockdown check.
  EXPECT_EQ(lsm_clause("iopl", EPERM, true, with(LockdownMode::Confidentiality)), "");
  EXPECT_EQ(lsm_clause("mount", EPERM, true, with(LockdownMode::Confidentiality)), "");
}

TEST(Lsm, AnEnforcingLabelIsNamedForEveryRefusal) {
  EXPECT_EQ(lsm_clause("mount", EPERM, false, with(std::nullopt, "docker-default (enforce)")),
            "; the AppArmor profile docker-default (enforce) may have given this answer instead");
  EXPECT_NE(lsm_clause("open_by_handle_at", EACCES, true, with({}, "docker-default (enforce)")),
            "");
  EXPECT_EQ(lsm_clause("mount", EPERM, true, with({}, "docker-default (complain)")), "");
  EXPECT_EQ(lsm_clause("mount", EPERM, true, with({}, "unconfined")), "");
  EXPECT_EQ(lsm_clause("mount", EINVAL, true, with({}, "docker-default (enforce)")), "");
  EXPECT_EQ(lsm_clause("mount", EPERM, true, with({}, "system_u:system_r:container_t:s0")),
            "; SELinux (enforcing, type container_t) may have given this answer instead");
  EXPECT_EQ(lsm_clause("mount", EPERM, true, with({}, "garbage")), "");
  const std::string both =
      lsm_clause("kexec_load", EPERM, true, with(LockdownMode::Integrity, "x (enforce)"));
  EXPECT_NE(both.find("lockdown (integrity)"), std::string::npos);
  EXPECT_NE(both.find(", or the AppArmor profile x (enforce)"), std::string::npos);
}

TEST(Lsm, TheSentenceStaysOne) {
  const std::string s = with_clause(
      "The kernel answered EPERM, as a kernel with kexec_load does when the caller or "
      "host fails the check it makes first (see docs/catalogue.md).",
      lsm_clause("kexec_load", EPERM, true,
                 with(LockdownMode::Integrity, "docker-default (enforce)")));
  EXPECT_EQ(s.back(), '.');
  EXPECT_EQ(s.find(". "), std::string::npos) << s;
  EXPECT_EQ(s.find(".;"), std::string::npos) << s;
  EXPECT_EQ(with_clause("Unchanged.", ""), "Unchanged.");
}

// The whole path: a root caller (CAP_SYS_BOOT) on a kernel booted with
// lockdown=integrity gets EPERM from kexec_load where its bad flags would
// earn EINVAL; the report names lockdown there and carries the facts.
TEST(Lsm, TheReportNamesLockdownWhereItMayHaveAnswered) {
  FakeSystem sys;
  sys.uts.release = "6.12.57+deb13-amd64";
  sys.files["/proc/self/status"] = fixture("status-host.txt");
  sys.files["/proc/cmdline"] = "console=ttyS0 lockdown=integrity\n";
  sys.files["/proc/self/attr/apparmor/current"] = "unconfined\n";
  sys.lsm_ids = std::vector<std::uint64_t>{108, 100, 104};
  sys.outcomes[246] = errno_outcome(EPERM);  // kexec_load on x86_64
  sys.outcomes[104] = errno_outcome(EPERM);  // ... and on arm64
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  o.syscalls = {"kexec_load", "getpid"};
  const Report r = gather_report(sys, o, "t");
  ASSERT_EQ(r.catalogue.size(), 2U);
  const Attempt& k = r.catalogue[0];
  EXPECT_EQ(k.name, "kexec_load");
  EXPECT_EQ(k.answered_by, Answerer::Kernel);
  const std::string text = explanation_of(k);
  EXPECT_NE(text.find("kernel lockdown (integrity)"), std::string::npos) << text;
  EXPECT_EQ(text.find(". "), std::string::npos) << text;
  EXPECT_EQ(explanation_of(r.catalogue[1]).find("lockdown"), std::string::npos);

  const auto j = nlohmann::json::parse(render_json(r));
  const auto& lsm = j.at("confinement").at("lsm");
  EXPECT_EQ(lsm.at("modules"), nlohmann::json({"lockdown", "capability", "apparmor"}));
  EXPECT_EQ(lsm.at("modules_source"), "lsm_list_modules");
  EXPECT_EQ(lsm.at("lockdown"), "integrity");
  EXPECT_EQ(lsm.at("lockdown_source"), "/proc/cmdline");
  EXPECT_EQ(lsm.at("label").at("module"), "apparmor");
  EXPECT_EQ(lsm.at("label").at("enforcing"), false);
  EXPECT_TRUE(lsm.at("landlock_restricts").is_null());

  const std::string out = render_text(r, false);
  EXPECT_NE(out.find("LSM         lockdown,capability,apparmor (lsm_list_modules); label "
                     "unconfined"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Lockdown    integrity (/proc/cmdline)"), std::string::npos) << out;
}

TEST(Lsm, AReportWithNothingReadableSaysUnknown) {
  FakeSystem sys;
  const Report r = gather_report(sys, Options{}, "t");
  const auto j = nlohmann::json::parse(render_json(r));
  const auto& lsm = j.at("confinement").at("lsm");
  EXPECT_TRUE(lsm.at("modules").is_null());
  EXPECT_TRUE(lsm.at("label").is_null());
  EXPECT_TRUE(lsm.at("lockdown").is_null());
  const std::string out = render_text(r, false);
  EXPECT_NE(out.find("LSM         modules unreadable; no label readable; whether a Landlock"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Lockdown    unknown"), std::string::npos) << out;
}

}  // namespace
}  // namespace probe
