// The JSON report contract, named once for C++: render_json writes these
// values and compare checks them. docs/report.schema.json is the contract
// itself; tools/summary.py reads name and version from that file, and
// report_schema_test.cc asserts that this header and the file agree.
#pragma once

#include <string_view>

namespace probe::report_schema {

/// "schema" of what `syscall-probe --format json` prints.
inline constexpr std::string_view kName = "syscall-probe/report";
/// "schema_version": bumped only when a field is renamed or removed.
inline constexpr int kVersion = 1;

/// "schema" of a document scripts/matrix and scripts/runtimes write for a host
/// or a run that produced no report (docs/host-failure.schema.json,
/// docs/compare.md "Host-failure documents"); same version rule.
inline constexpr std::string_view kHostFailureName = "syscall-probe/host-failure";
inline constexpr int kHostFailureVersion = 1;

}  // namespace probe::report_schema
