#include "options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalogue.h"
#include "linux/syscall_probe.h"

namespace probe {
namespace {

CliResult parse(std::vector<std::string> args) {
  args.insert(args.begin(), "syscall-probe");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  return parse_cli(static_cast<int>(argv.size()), argv.data());
}

TEST(Cli, Defaults) {
  const CliResult r = parse({});
  ASSERT_EQ(r.action, CliResult::Action::Run);
  EXPECT_EQ(r.options.format, Format::Text);
  EXPECT_EQ(r.options.nr, SYSCALL_PROBE_NR);
  EXPECT_FALSE(r.options.arg.has_value());
  EXPECT_TRUE(r.options.syscalls.empty());
  EXPECT_FALSE(r.options.expect.has_value());
  EXPECT_EQ(r.options.timeout_ms, kDefaultTimeoutMs);
  EXPECT_EQ(r.options.kallsyms, KallsymsMode::Auto);
  EXPECT_EQ(r.options.btf, BtfMode::Auto);
  EXPECT_EQ(r.options.log_level, LogLevel::Warn);
}

TEST(Cli, EveryOption) {
  const CliResult r =
      parse({"--format", "json", "--nr=335", "--arg", "0xdeadbeef", "--syscalls",
             "cachestat,mseal,cachestat", "--expect", "absent-or-blocked", "--timeout-ms", "250",
             "--label", "laptop", "--kallsyms", "never", "--btf", "never", "--log-level", "debug"});
  ASSERT_EQ(r.action, CliResult::Action::Run) << r.err;
  EXPECT_EQ(r.options.format, Format::Json);
  EXPECT_EQ(r.options.nr, 335);
  EXPECT_EQ(r.options.arg, 0xdeadbeefU);
  EXPECT_EQ(r.options.syscalls, (std::vector<std::string>{"cachestat", "mseal"}));
  EXPECT_EQ(r.options.expect, Verdict::AbsentOrBlocked);
  EXPECT_EQ(r.options.timeout_ms, 250);
  EXPECT_EQ(r.options.label, "laptop");
  EXPECT_EQ(r.options.kallsyms, KallsymsMode::Never);
  EXPECT_EQ(r.options.btf, BtfMode::Never);
  EXPECT_EQ(r.options.log_level, LogLevel::Debug);
  EXPECT_EQ(parse({"--arg", "4294967295"}).options.arg, 4294967295U);
  EXPECT_EQ(parse({"--arg", "0"}).options.arg, 0U);
  EXPECT_EQ(parse({"--nr", "0"}).options.nr, 0);
  EXPECT_EQ(parse({"--nr", "1023"}).options.nr, 1023);
}

TEST(Cli, NrTakesHexLikeArg) {
  EXPECT_EQ(parse({"--nr", "0x224"}).options.nr, 548);
  EXPECT_EQ(parse({"--nr", "0X14f"}).options.nr, 335);
  EXPECT_EQ(parse({"--nr", "0x3ff"}).options.nr, 1023);
  EXPECT_EQ(parse({"--nr", "0x400"}).exit_code, kExitUsage);
}

#if defined(__x86_64__)
// x86_64 numbers from arch/x86/entry/syscalls/syscall_64.tbl: uretprobe 335,
// uprobe 336, clone3 435, cachestat 451; nothing of the catalogue below 334.
TEST(Cli, SyscallsTakeNumbersRangesAndNamesMixed) {
  using V = std::vector<std::string>;
  // 300-336 (x86_64 has nothing from 337 to 423), then clone3.
  const V picked = parse({"--syscalls", "300-340,clone3"}).options.syscalls;
  ASSERT_EQ(picked.size(), 38U);
  EXPECT_EQ(picked.front(), "fanotify_init");
  EXPECT_EQ(picked[35], "uretprobe");
  EXPECT_EQ(picked.back(), "clone3");
  EXPECT_EQ(parse({"--syscalls", "451"}).options.syscalls, (V{"cachestat"}));
  EXPECT_EQ(parse({"--syscalls", "0x1c3,0x14f-0x150"}).options.syscalls,
            (V{"cachestat", "uretprobe", "uprobe"}));
  // A range inside which some numbers have no entry selects what exists.
  EXPECT_EQ(
      parse({"--syscalls", "333-425"}).options.syscalls,
      (V{"io_pgetevents", "rseq", "uretprobe", "uprobe", "pidfd_send_signal", "io_uring_setup"}));
  // Each once, first mention first.
  EXPECT_EQ(parse({"--syscalls", "uprobe,335-336"}).options.syscalls, (V{"uprobe", "uretprobe"}));
}
#endif

TEST(Cli, SyscallsAllMixedWithNamesIsStillAll) {
  EXPECT_EQ(parse({"--syscalls", "all,clone3"}).options.syscalls,
            parse({"--syscalls", "all"}).options.syscalls);
}

// --expect NAME=VERDICT,...: our own call by name or number, the others
// by name or number, each tried even without --syscalls.
TEST(Cli, ExpectPerRow) {
  const CliResult r = parse({"--expect", "read=implemented,548=absent,0x1b7=blocked"});
  ASSERT_EQ(r.action, CliResult::Action::Run) << r.err;
  EXPECT_EQ(r.options.expect, Verdict::Absent);
  ASSERT_EQ(r.options.expect_rows.size(), 2U);
  EXPECT_EQ(r.options.expect_rows[0].name, "read");
  EXPECT_EQ(r.options.expect_rows[0].verdict, Verdict::Implemented);
  EXPECT_EQ(r.options.expect_rows[1].name, "faccessat2");  // 439 on x86_64 and arm64
  EXPECT_EQ(r.options.expect_rows[1].verdict, Verdict::Blocked);
  EXPECT_EQ(r.options.syscalls, (std::vector<std::string>{"read", "faccessat2"}));
  const CliResult with =
      parse({"--syscalls", "faccessat2,close", "--expect", "syscall_probe=absent,close=absent"});
  EXPECT_EQ(with.options.syscalls, (std::vector<std::string>{"faccessat2", "close"}));
  EXPECT_EQ(with.options.expect, Verdict::Absent);
}

TEST(Cli, HelpListsTheParsersOwnTables) {
  const std::string help = parse({"--help"}).out;
  for (const auto& [verdict, name] : verdict_names()) {
    EXPECT_NE(help.find(std::string(name)), std::string::npos) << name;
    EXPECT_EQ(parse({"--expect", std::string(name)}).options.expect, verdict) << name;
  }
  for (const auto& [level, name] : log_level_names()) {
    EXPECT_NE(help.find(std::string(name)), std::string::npos) << name;
    EXPECT_EQ(parse({"--log-level", std::string(name)}).options.log_level, level) << name;
  }
}

TEST(Cli, AllSyscallsAreTheCatalogueForThisArch) {
  const CliResult r = parse({"--syscalls", "all"});
  ASSERT_EQ(r.action, CliResult::Action::Run);
  // Every row with a number on this architecture, once: the catalogue's own count.
  const auto here =
      std::ranges::count_if(catalogue(), [](const auto& e) { return nr_here(e) >= 0; });
  EXPECT_EQ(r.options.syscalls.size(), static_cast<std::size_t>(here));
  for (const auto& name : r.options.syscalls) EXPECT_NE(find_syscall(name), nullptr) << name;
}

TEST(Cli, HelpAndVersionGoToStdout) {
  const CliResult help = parse({"--help"});
  EXPECT_EQ(help.action, CliResult::Action::Exit);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  EXPECT_TRUE(help.err.empty());
  for (const auto& line : {help.out}) {
    std::size_t start = 0;
    for (auto nl = line.find('\n'); nl != std::string::npos; nl = line.find('\n', start)) {
      EXPECT_LE(nl - start, 80U);
      start = nl + 1;
    }
  }
  EXPECT_EQ(parse({"-h"}).exit_code, 0);
  const CliResult version = parse({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, std::string("syscall-probe ") + probe_version() + "\n");
}

struct Bad {
  std::vector<std::string> args;
  std::string says;  // a fragment the one-line error must contain
};

void PrintTo(const Bad& bad, std::ostream* os) {
  for (const auto& a : bad.args) *os << "'" << a << "' ";
}

class CliBad : public ::testing::TestWithParam<Bad> {};

TEST_P(CliBad, ExitTwoWithOneLineOnStderrAndNothingOnStdout) {
  const CliResult r = parse(GetParam().args);
  EXPECT_EQ(r.action, CliResult::Action::Exit);
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_TRUE(r.out.empty());
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // exactly one line
  EXPECT_EQ(r.err.rfind("syscall-probe: ", 0), 0U) << r.err;
  EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    EveryBadInput, CliBad,
    ::testing::Values(
        Bad{{"--nr", "abc"}, "--nr must be"}, Bad{{"--nr", "-1"}, "got '-1'"},
        Bad{{"--nr", "1024"}, "0..1023"}, Bad{{"--nr", ""}, "--nr"},
        Bad{{"--nr", "12x"}, "got '12x'"}, Bad{{"--nr", "99999999999999999999"}, "--nr"},
        Bad{{"--arg", "4294967296"}, "32-bit"}, Bad{{"--arg", "-5"}, "--arg"},
        Bad{{"--arg", "0x"}, "--arg"}, Bad{{"--arg", "zz"}, "--arg"},
        Bad{{"--syscalls", "nosuchcall"}, "unknown syscall 'nosuchcall'"},
        Bad{{"--syscalls", "cachestat,,mseal"}, "--syscalls"},
        Bad{{"--syscalls", ""}, "--syscalls"}, Bad{{"--format", "yaml"}, "--format must be"},
        Bad{{"--expect", "maybe"}, "--expect must be"}, Bad{{"--timeout-ms", "0"}, "--timeout-ms"},
        Bad{{"--expect", "read=maybe"}, "got 'read=maybe'"},
        Bad{{"--expect", "nosuchcall=absent"}, "unknown syscall 'nosuchcall'"},
        Bad{{"--expect", "=absent"}, "NAME=VERDICT"}, Bad{{"--expect", "read=absent,"}, "--expect"},
        Bad{{"--expect", "exit=absent"}, "exit is never tried"},
        Bad{{"--expect", "0-1000=absent"}, "one syscall per NAME=VERDICT"},
        Bad{{"--timeout-ms", "-3"}, "--timeout-ms"},
        Bad{{"--timeout-ms", "600001"}, "--timeout-ms"},
        Bad{{"--kallsyms", "sometimes"},
            "--kallsyms must be 'auto', 'always', or 'never', got 'sometimes'"},
        Bad{{"--btf", "yes"}, "--btf must be 'auto' or 'never', got 'yes'"},
        Bad{{"--log-level", "loud"}, "--log-level must be"}, Bad{{"--frobnicate"}, "frobnicate"},
        Bad{{"--nr"}, "nr"}, Bad{{"stray"}, "see --help"}, Bad{{"--nr", "1", "--nr", "2"}, "nr"},
        Bad{{"--nr", "0x"}, "--nr must be"},
        // Numbers no table gives a call (x86_64 and arm64 alike).
        Bad{{"--syscalls", "400"}, "--syscalls 400: no catalogue syscall has this number"},
        Bad{{"--syscalls", "380-390"}, "selects no catalogue syscall"},
        Bad{{"--syscalls", "340-300"}, "got '340-300'"}, Bad{{"--syscalls", "1-x"}, "got '1-x'"},
        Bad{{"--syscalls", "clone3,"}, "--syscalls"}),
    [](const ::testing::TestParamInfo<Bad>& param) {
      return "case" + std::to_string(param.index);
    });

}  // namespace
}  // namespace probe
