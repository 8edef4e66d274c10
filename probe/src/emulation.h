// Whether this program's calls are translated by a user-mode emulator
// (qemu-user through binfmt_misc, as `docker run --platform linux/arm64` does
// on an x86_64 host; Rosetta, box64, FEX the other way round), and what that
// means for a verdict. The emulator answers ENOSYS itself for every number it
// does not know (548, and any call newer than the emulator) whatever the host
// kernel has, so under emulation an ENOSYS never shows that the kernel lacks
// a call. Detection is pure; read_emulation_clues() gathers its input through
// the System door. docs/verdicts.md "Emulation" is its prose twin.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue.h"
#include "outcome.h"
#include "system.h"
#include "verdict.h"

namespace probe {

/// Raw evidence, as read from /proc (nullopt: could not be read).
struct EmulationClues {
  std::string probe_arch;                    ///< what the probe was built for: "aarch64"
  std::optional<std::string> uname_machine;  ///< uname -m (qemu-user reports the guest's)
  std::optional<std::string> self_exe;       ///< readlink /proc/self/exe
  std::optional<std::string> thread_exe;     ///< readlink /proc/thread-self/exe
  std::optional<std::string> thread_maps;    ///< text of /proc/thread-self/maps
  std::optional<std::string> cpuinfo;        ///< the start of /proc/cpuinfo
  /// Text of /proc/sys/fs/binfmt_misc/NAME by NAME, for the entries that
  /// exist (binfmt_misc is mounted on hosts, rarely inside containers).
  std::map<std::string, std::string> binfmt;
};

struct Emulation {
  bool emulated = false;
  std::string probe_arch;  ///< the architecture the program was built for
  std::optional<std::string>
      emulator;  ///< "qemu-user", "rosetta", "box64", "fex"; nullopt: unnamed
  std::optional<std::string> interpreter;  ///< the emulator's file, where it shows
  std::optional<std::string> host_arch;    ///< the kernel's/CPU's architecture, where it shows
  std::vector<std::string> evidence;       ///< one line per sign seen, also when not emulated
};

/// The /proc/sys/fs/binfmt_misc entry names that could run a program built
/// for `probe_arch` on another architecture ("qemu-aarch64"; for x86_64 also
/// "rosetta", Apple's documented name, and the FEX and box64 ones).
std::vector<std::string> binfmt_candidates(std::string_view probe_arch);

/// The architecture /proc/cpuinfo describes: "x86_64" (an Intel, AMD, Hygon,
/// Zhaoxin or VIA vendor_id), "aarch64" ("CPU implementer"), nullopt if neither.
std::optional<std::string> cpuinfo_arch(std::string_view cpuinfo);

/// The emulator a file is, by its name: "qemu-user" for qemu-aarch64-static,
/// qemu-x86_64 and Debian's /usr/libexec/qemu-binfmt/aarch64-binfmt-P;
/// "rosetta", "box64", "fex" (FEXInterpreter); nullopt for anything else.
std::optional<std::string> emulator_name(std::string_view path);

/// The ELF machine a binfmt_misc entry's magic matches ("aarch64",
/// "x86_64"), or nullopt when the entry is disabled, matches no ELF header
/// or another machine. `entry` is the text of the entry's file.
std::optional<std::string> binfmt_machine(std::string_view entry);

/// Decides from the clues. Emulated when any direct sign shows: the kernel's
/// /proc/thread-self/exe differs from the /proc/self/exe the emulator
/// presents; the thread's real maps map an emulator's file or x86's
/// [vsyscall] page into a program built for another architecture; cpuinfo
/// or uname -m name another architecture. A binfmt_misc entry for this
/// architecture only names the emulator: it exists on hosts that never use it.
Emulation detect_emulation(const EmulationClues& clues);

/// Reads the clues through the door: uname, the links and files above, the
/// first 8 KiB of /proc/cpuinfo and the binfmt_candidates() entries.
EmulationClues read_emulation_clues(System& sys, std::string_view probe_arch);

/// The entry-symbol prefix (kallsyms.h syscall_symbol_prefix) of the kernel
/// that answers the calls: this architecture's when not emulated; under an
/// emulator the host's ("__x64_sys_" for an aarch64 probe on an x86_64
/// host), or nullopt when the host's architecture did not show: then no
/// symbol speaks for the host kernel, and none is asked.
std::optional<std::string_view> kernel_symbol_prefix(const Emulation& emulation);

/// The function behind catalogue row `e` in the kernel that answers the
/// calls: the host architecture's entry point under an emulator (x86_64's
/// "newstat" for stat; the name where the host's table lacks the call),
/// this architecture's otherwise (catalogue.h entry_point).
std::string_view kernel_entry_point(const Emulation& emulation, const CatalogueEntry& e);

/// True when judge_under_emulation() needs to know whether the host kernel
/// has the call: emulated, and the answer is ENOSYS (the emulator's own
/// refusal or the kernel's, which the host's symbol tells apart).
bool needs_host_symbol(const Emulation& emulation, const Outcome& outcome);

/// The verdict once emulation is known. Not emulated: `kernel_view`
/// unchanged. Emulated, the emulator answers first:
///  - any answer but ENOSYS (an errno, a value) means it translated the
///    call, which is then available to the program: `implemented`, whatever
///    checked the arguments (qemu-user checks pointers itself and answers
///    EFAULT); the kernel's view stands, with a note, where it met
///    `expect`, for the project's own call (`expect` Value: another call at
///    that number is `occupied`) and for an EPERM a seccomp filter may have
///    given;
///  - ENOSYS from an emulator that refuses an argument so, not the call
///    (qemu-user: an ioctl command it cannot translate): `implemented`;
///  - any other ENOSYS, with `evidence` about the host kernel's symbol
///    (evidence.symbol is the one asked, kernel_symbol_prefix()): the host
///    has it, so the emulator lacks it: `absent` (under a seccomp filter,
///    which may answer ENOSYS too: `absent-or-blocked`); the host lacks it
///    too, or the program's architecture never implements it: `absent`;
///    unknown: `absent-or-blocked`, the emulator or the host lacking it;
///  - a signal, a timeout, an error: the kernel's view stands.
/// The sentence names the emulator, and the host's symbol where known.
Judgement judge_under_emulation(Judgement kernel_view, const ExpectedAnswer& expect,
                                const Outcome& outcome, const Evidence& evidence,
                                const Emulation& emulation);

/// "qemu-user (/usr/bin/qemu-aarch64-static)", "qemu-user", "an emulator".
std::string describe_emulator(const Emulation& emulation);

}  // namespace probe
