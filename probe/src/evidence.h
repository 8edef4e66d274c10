// Whether the running kernel has a syscall's entry symbol, asked of the
// kernel's own tables through a System: its BTF first (a few ms, proves
// absence only), /proc/kallsyms for what BTF cannot settle (tens of ms: the
// kernel formats every symbol).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "options.h"
#include "system.h"
#include "verdict.h"

namespace probe {

inline constexpr const char* kBtfPath = "/sys/kernel/btf/vmlinux";
inline constexpr const char* kKallsymsPath = "/proc/kallsyms";

/// What happened with one source.
struct SourceInfo {
  bool consulted = false;            ///< the probe opened it
  bool readable = false;             ///< it was read whole and can be trusted
  std::optional<std::string> error;  ///< why not readable, or why not consulted
};

struct SymbolAnswer {
  bool present = false;
  EvidenceSource source = EvidenceSource::Kallsyms;
};

struct SymbolEvidence {
  SourceInfo btf;
  SourceInfo kallsyms;
  std::map<std::string, SymbolAnswer> answers;  ///< by symbol; missing: unknown
  /// Symbols BTF called absent that kallsyms lists (only when both were
  /// read, i.e. --kallsyms always). Always empty so far: a non-empty list
  /// means the BTF shortcut is wrong on this kernel.
  std::vector<std::string> contradicted;
};

/// The other names under which BTF may list the function behind entry
/// symbol `symbol` ("__x64_sys_getpid"): "__do_sys_getpid", because for a
/// syscall without arguments (SYSCALL_DEFINE0) the entry symbol is only an
/// alias of that function and pahole records the function; "sys_getpid", for
/// kernels without syscall wrappers.
std::vector<std::string> btf_aliases(const std::string& symbol);

/// Looks `symbols` up. BTF (unless `btf` is BtfMode::Never) answers "absent"
/// for each symbol it lacks; kallsyms, per `kallsyms`, answers the rest
/// (Auto), everything (Always: both are read and any disagreement lands in
/// `contradicted`), or nothing (Never). A source whose list lacks the
/// entry symbol of read(2) is censored or synthetic (gVisor) and answers
/// nothing.
SymbolEvidence gather_symbol_evidence(System& sys, const std::vector<std::string>& symbols,
                                      KallsymsMode kallsyms, BtfMode btf);

}  // namespace probe
