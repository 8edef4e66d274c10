#include "run.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "log.h"
#include "render.h"
#include "report.h"

namespace probe {

namespace {

bool write_stdout(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
         std::fflush(stdout) == 0;
}

}  // namespace

bool no_color_requested(const char* no_color_env) {
  return no_color_env != nullptr && no_color_env[0] != '\0';
}

std::string expectations_missed(const Report& report, const Options& options) {
  std::string missed;
  const auto differ = [&missed](std::string_view name, Verdict got, Verdict want) {
    if (got == want) return;
    missed += missed.empty() ? "--expect: " : "; ";
    missed += std::string(name) + " is " + std::string(verdict_name(got)) + ", not " +
              std::string(verdict_name(want));
  };
  if (options.expect) differ(report.syscall.name, report.syscall.verdict, *options.expect);
  for (const auto& row : options.expect_rows) {
    for (const auto& a : report.catalogue) {
      if (a.name == row.name) differ(a.name, a.verdict, row.verdict);
    }
  }
  return missed;
}

int run_with(System& sys, const Options& options, std::string& out, bool colour_allowed,
             std::string* missed) {
  const Report report = gather_report(sys, options, utc_now());
  if (options.format == Format::Json) {
    out = render_json(report);
  } else {
    out = render_text(report, colour_allowed && sys.stdout_is_tty());
  }
  std::string why = expectations_missed(report, options);
  if (why.empty()) return kExitOk;
  if (missed != nullptr) *missed = std::move(why);
  return kExitMismatch;
}

int run(const Options& options) {
  set_log_level(options.log_level);
  auto sys = make_linux_system();
  std::string out;
  std::string missed;
  const int code =
      run_with(*sys, options, out, !no_color_requested(std::getenv("NO_COLOR")), &missed);
  if (!write_stdout(out)) {
    log(LogLevel::Error, "cannot write the report: ", std::strerror(errno));
    return kExitInternal;
  }
  // After the report: one line naming every call whose verdict differs.
  if (!missed.empty())
    static_cast<void>(std::fputs(("syscall-probe: " + missed + "\n").c_str(), stderr));
  return code;
}

int finish(const CliResult& cli) {
  // A failing stderr cannot be reported anywhere: the exit code still says it.
  if (!cli.err.empty()) static_cast<void>(std::fputs(cli.err.c_str(), stderr));
  if (!cli.out.empty() && !write_stdout(cli.out)) return kExitInternal;
  return cli.exit_code;
}

}  // namespace probe
