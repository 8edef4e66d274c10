// syscall-probe: everything lives in probe_lib; main only parses and hands over.
#include <cstdio>
#include <exception>
#include <string_view>

#include "compare/command.h"
#include "options.h"
#include "run.h"

int main(int argc, char** argv) {
  try {
    if (argc >= 2 && std::string_view(argv[1]) == "compare") {
      return probe::compare_main(argc - 1, argv + 1);
    }
    const probe::CliResult cli = probe::parse_cli(argc, argv);
    if (cli.action == probe::CliResult::Action::Exit) return probe::finish(cli);
    return probe::run(cli.options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "syscall-probe: internal error: %s\n", e.what());
  }
  return probe::kExitInternal;
}
