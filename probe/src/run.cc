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

int run_with(System& sys, const Options& options, std::string& out, bool colour_allowed) {
  const Report report = gather_report(sys, options, utc_now());
  if (options.format == Format::Json) {
    out = render_json(report);
  } else {
    out = render_text(report, colour_allowed && sys.stdout_is_tty());
  }
  if (options.expect) return report.syscall.verdict == *options.expect ? kExitOk : kExitMismatch;
  return kExitOk;
}

int run(const Options& options) {
  set_log_level(options.log_level);
  auto sys = make_linux_system();
  std::string out;
  const int code = run_with(*sys, options, out, !no_color_requested(std::getenv("NO_COLOR")));
  if (!write_stdout(out)) {
    log(LogLevel::Error, "cannot write the report: ", std::strerror(errno));
    return kExitInternal;
  }
  return code;
}

int finish(const CliResult& cli) {
  // A failing stderr cannot be reported anywhere: the exit code still says it.
  if (!cli.err.empty()) static_cast<void>(std::fputs(cli.err.c_str(), stderr));
  if (!cli.out.empty() && !write_stdout(cli.out)) return kExitInternal;
  return cli.exit_code;
}

}  // namespace probe
