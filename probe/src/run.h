// The program: gather the report through the real System, print it, and
// return the exit code. main() only parses options and calls run().
#pragma once

#include <string>

#include "options.h"
#include "report.h"
#include "system.h"

namespace probe {

/// Prints the report for `options` on stdout and returns the exit code:
/// 0 (or, with --expect, 0 match / 1 mismatch). Throws only on internal
/// errors, which main() turns into exit code 3.
int run(const Options& options);

/// As run(), through `sys`, writing to `out` (tests use a fake System).
/// `colour_allowed` is false when NO_COLOR is set. On a mismatch, `missed`
/// (if given) gets expectations_missed()'s line.
int run_with(System& sys, const Options& options, std::string& out, bool colour_allowed,
             std::string* missed = nullptr);

/// Every --expect the report misses, as one line: "--expect: io_uring_setup
/// is blocked, not implemented; syscall_probe is absent, not implemented";
/// empty when all hold (or none was given).
std::string expectations_missed(const Report& report, const Options& options);

/// True when the NO_COLOR convention (no-color.org) asks for no colour:
/// the variable is set to a non-empty value.
bool no_color_requested(const char* no_color_env);

/// For a parse that ends the program (--help, --version, a usage error):
/// prints its text and returns its exit code.
int finish(const CliResult& cli);

}  // namespace probe
