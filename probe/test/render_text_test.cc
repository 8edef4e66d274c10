// The text page's lines that carry numbers, byte for byte: counts, hex
// tokens zero-padded to eight digits, milliseconds rounded to one decimal,
// the census's column heads. The expected lines are those fmt printed for
// the same values ("{} filter(s)", "0x{:08x}", "{:.1f} ms", "{:<23} {:>4}
// ..."), which the page used to format them.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <utility>

#include "render.h"
#include "report.h"

namespace probe {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

Report page() {
  Report r;
  r.status.seccomp = 2;
  r.status.seccomp_filters = 3;
  r.status.no_new_privs = true;
  r.status.cap_eff = 0x3;
  r.cgroup.version = 2;
  r.cgroup.path = "/system.slice/probe.scope";
  r.syscall.name = "syscall_probe";
  r.syscall.nr = 548;
  r.syscall.token = 0xabc;
  r.syscall.expected_value = 0x1234567890;
  r.syscall.outcome.kind = Outcome::Kind::Errno;
  r.syscall.outcome.err = ENOSYS;
  r.syscall.outcome.elapsed_ms = 2.25;
  return r;
}

TEST(RenderText, NumbersInTheHeader) {
  const std::string text = render_text(page(), false);
  EXPECT_TRUE(has_line(text, "Seccomp     filter, 3 filter(s), no_new_privs")) << text;
  EXPECT_TRUE(
      has_line(text, "Caps        2 effective (0000000000000003): cap_chown cap_dac_override"))
      << text;
  EXPECT_TRUE(has_line(text, "Cgroup      v2 /system.slice/probe.scope")) << text;
  EXPECT_TRUE(
      has_line(text, "Syscall     syscall_probe, nr 548, token 0x00000abc, expects 0x1234567890"))
      << text;
  // 2.25 is exact in binary: the tie rounds to even, as printf and fmt do.
  EXPECT_TRUE(has_line(text, "Result      " + describe(page().syscall.outcome) + " (2.2 ms)"))
      << text;
}

TEST(RenderText, NoCapabilitiesNoFiltersNoCgroup) {
  Report r = page();
  r.status.seccomp_filters.reset();
  r.status.no_new_privs = false;
  r.status.cap_eff = 0;
  r.cgroup.version.reset();
  r.syscall.nr = -1;
  r.syscall.token = 0xdeadbeef;
  r.syscall.expected_value.reset();
  const std::string text = render_text(r, false);
  EXPECT_TRUE(has_line(text, "Seccomp     filter")) << text;
  EXPECT_TRUE(has_line(text, "Caps        0 effective (0000000000000000): none")) << text;
  EXPECT_TRUE(has_line(text, "Cgroup      unknown")) << text;
  EXPECT_TRUE(
      has_line(text, "Syscall     syscall_probe, nr -1, token 0xdeadbeef, expects 0x00000000"))
      << text;
}

TEST(RenderText, MillisecondsToOneDecimal) {
  // What fmt's "{:.1f}" gave: correctly rounded from the double's exact value.
  for (const auto& [ms, shown] : {std::pair{0.05, "0.1"}, std::pair{1234.56, "1234.6"},
                                  std::pair{0.0, "0.0"}, std::pair{99.95, "100.0"}}) {
    Report r = page();
    r.syscall.outcome.elapsed_ms = ms;
    const std::string text = render_text(r, false);
    EXPECT_NE(text.find(" (" + std::string(shown) + " ms)\n"), std::string::npos) << ms << "\n"
                                                                                  << text;
  }
}

TEST(RenderText, CensusCountAndColumnHeads) {
  Report r = page();
  Attempt a;
  a.name = "read";
  a.nr = 0;
  a.verdict = Verdict::Implemented;
  r.catalogue.push_back(a);
  const std::string text = render_text(r, false);
  EXPECT_TRUE(has_line(text, "Catalogue   1 syscall(s)")) << text;
  EXPECT_TRUE(has_line(text, "  NAME                      NR SINCE EXPECTED RESULT        VERDICT"))
      << text;
}

}  // namespace
}  // namespace probe
