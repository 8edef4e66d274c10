// `syscall-probe compare`: several JSON reports in, one comparison table out.
#pragma once

namespace probe {

/// Entry point of the `compare` subcommand. argv[0] is "compare"; the rest are
/// its options and report files ("-" for stdin). Returns the process exit code
/// (0 table printed, 2 usage error, 3 internal error).
int compare_main(int argc, char** argv);

}  // namespace probe
