// The other gatekeepers: Linux security modules (AppArmor, SELinux, Landlock,
// Yama, ...) and kernel lockdown, as far as a process sees them from inside,
// and where they may have refused a call. Parsing and the clause are pure;
// read_lsm() gathers its input through the System door. docs/verdicts.md
// "Security modules and lockdown" is its prose twin.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "system.h"

namespace probe {

/// Kernel lockdown's levels (security/lockdown/lockdown.c), in order: a
/// level refuses what every lower one does.
enum class LockdownMode : std::uint8_t { None, Integrity, Confidentiality };

/// "none", "integrity", "confidentiality".
std::string_view lockdown_mode_name(LockdownMode m);

/// The process's own label, as its security module writes it.
struct LsmLabel {
  std::string text;         ///< "docker-default (enforce)", "system_u:system_r:container_t:s0"
  std::string_view source;  ///< the file it was read from
  std::string_view module;  ///< "apparmor", "selinux"; "" when the form names none
  std::string profile;      ///< AppArmor: the profile ("docker-default"); SELinux: the type
  std::string mode;         ///< AppArmor: "enforce", "complain", ...; SELinux: "enforcing", ...
  std::optional<bool> enforcing;  ///< refuses what its policy denies; nullopt: cannot tell
};

struct LsmInfo {
  /// The active modules, in the kernel's order; nullopt: no source answered.
  std::optional<std::vector<std::string>> modules;
  std::string_view modules_source;  ///< "lsm_list_modules", "/sys/kernel/security/lsm", ""
  std::vector<std::string> errors;  ///< why each source before the answer did not answer
  std::optional<LsmLabel> label;    ///< nullopt: no label file was readable
  /// nullopt: unknown (securityfs hidden and no lockdown= on the command line;
  /// Secure Boot may still have locked the kernel down).
  std::optional<LockdownMode> lockdown;
  std::string_view lockdown_source;  ///< "/sys/kernel/security/lockdown", "/proc/cmdline", ""
};

/// The name of an LSM_ID_* number (include/uapi/linux/lsm.h): "apparmor" for
/// 104; "lsm-N" for a number this probe does not know.
std::string lsm_id_name(std::uint64_t id);

/// /sys/kernel/security/lsm ("lockdown,capability,landlock,yama,apparmor");
/// nullopt for anything that is not a short comma-separated list of names.
std::optional<std::vector<std::string>> parse_lsm_list(std::string_view text);

/// /sys/kernel/security/lockdown ("none [integrity] confidentiality"): the
/// bracketed level; nullopt when none is bracketed or the text is odd.
std::optional<LockdownMode> parse_lockdown(std::string_view text);

/// The level /proc/cmdline asks for (`lockdown=integrity`): the highest one
/// named, as the kernel never lowers it; nullopt without a valid one.
std::optional<LockdownMode> cmdline_lockdown(std::string_view cmdline);

/// The label in a /proc/self/attr file: AppArmor's "PROFILE (MODE)" or
/// "unconfined", SELinux's "user:role:type:level"; `selinux_enforce` is
/// /sys/fs/selinux/enforce where readable. nullopt for an empty, huge or
/// unprintable text.
std::optional<LsmLabel> parse_label(std::string_view text, std::string_view source,
                                    std::optional<std::string_view> selinux_enforce);

/// Every source, cheapest first: lsm_list_modules, then securityfs, for the
/// modules; /proc/self/attr/apparmor/current, then /proc/self/attr/current,
/// for the label; securityfs, then /proc/cmdline, for lockdown. Never fails.
LsmInfo read_lsm(System& sys, int timeout_ms);

/// One catalogue call whose refusal kernel lockdown may give before the
/// catalogue's arguments are looked at (catalogue_lockdown.h).
struct LockdownGate {
  std::string_view name;    ///< the syscall
  LockdownMode level;       ///< the lowest level that refuses it
  std::string_view reason;  ///< the kernel's enum lockdown_reason entry ("LOCKDOWN_KEXEC")
  std::string_view file;    ///< where the check sits in the kernel tree
  /// The check comes after the row's precheck (a capability): a caller that
  /// fails that is refused by it, not by lockdown.
  bool after_precheck;
};

/// The table of catalogue_lockdown.h.
std::span<const LockdownGate> lockdown_gates();

/// What a refusal may owe to a security module or lockdown: for an EPERM or
/// EACCES of `name` that no proof gave to a seccomp filter, a clause
/// ("; kernel lockdown (integrity), which refuses kexec_load before its
/// arguments, may have given this answer instead") naming lockdown where it
/// gates the call and is on, and an enforcing AppArmor or SELinux label; ""
/// when neither may have answered.
std::string lsm_clause(std::string_view name, int err, std::optional<bool> precheck_passed,
                       const LsmInfo& lsm);

/// `sentence` (one, ending in '.') with `clause` put before its full stop.
std::string with_clause(std::string sentence, std::string_view clause);

}  // namespace probe
