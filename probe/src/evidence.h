// Whether the running kernel has a syscall's entry symbol, asked of the
// kernel's own tables through a System: its BTF (a few ms, proves absence
// only) and /proc/kallsyms (tens of ms: the kernel formats every symbol),
// each read only when its answer can spare the other's cost.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "evidence_mode.h"
#include "kallsyms.h"
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
  /// Symbols BTF lacks that kallsyms lists: only with --kallsyms always,
  /// the one mode that reads both for the same symbols (in Auto, kallsyms is
  /// asked only what BTF lists, or goes first and BTF is not read). Outside
  /// `btf_blind` a non-empty list means the BTF shortcut is wrong on this
  /// kernel; inside it names a hole in BTF that kallsyms mended (Debian 11's
  /// 5.10: perf_event_open).
  std::vector<std::string> contradicted;
};

/// The other names under which BTF may list the function behind entry
/// symbol `symbol` ("__x64_sys_getpid"): "__do_sys_getpid", because for a
/// syscall without arguments (SYSCALL_DEFINE0) the entry symbol is only an
/// alias of that function and pahole records the function; "sys_getpid", for
/// kernels without syscall wrappers. `prefix` is the kernel's
/// syscall_symbol_prefix().
std::vector<std::string> btf_aliases(const std::string& symbol,
                                     std::string_view prefix = syscall_symbol_prefix());

/// Whether BTF lacking the entry function of a call added in release `since`
/// ("" for calls older than 5.0) may mean the kernel lacks the call. Not for
/// a call every kernel that exposes BTF has (/sys/kernel/btf/vmlinux came in
/// 5.4; every table entry of such a kernel is a real function or
/// COND_SYSCALL's weak stub, both BTF FUNCs): there the silence is a hole in
/// BTF (Debian 11's 5.10 has no function of kernel/events/core.c, so no
/// perf_event_open), and kallsyms must decide.
bool btf_may_prove_absence(std::string_view since);

/// Looks `symbols` up. BTF (unless `btf` is BtfMode::Never) answers "absent"
/// for each symbol it lacks, except those in `btf_blind` (see
/// btf_may_prove_absence), which it leaves to kallsyms; kallsyms, per
/// `kallsyms`, answers the rest (Auto), everything (Always: both are read and
/// any disagreement lands in `contradicted`), or nothing (Never). In Auto
/// (both modes) with a symbol of `btf_blind` asked, kallsyms would be read
/// whatever BTF said: it goes first and answers everything, and BTF is read
/// only if kallsyms cannot be (then as above, the blind symbols unknown). A
/// source whose list lacks the entry symbol of read(2) is censored or
/// synthetic (gVisor) and answers nothing. `prefix` is the entry-symbol
/// prefix of the kernel asked (syscall_symbol_prefix(arch)): this
/// architecture's, or the host's under an emulator, whose `symbols` then
/// carry it too.
SymbolEvidence gather_symbol_evidence(System& sys, const std::vector<std::string>& symbols,
                                      KallsymsMode kallsyms, BtfMode btf,
                                      const std::set<std::string>& btf_blind = {},
                                      std::string_view prefix = syscall_symbol_prefix());

}  // namespace probe
