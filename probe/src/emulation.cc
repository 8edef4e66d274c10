#include "emulation.h"

#include <cerrno>
#include <utility>

#include "kallsyms.h"
#include "text.h"

namespace probe {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::string_view basename_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The path column of a /proc/PID/maps line: what follows the five fixed
// fields (address, perms, offset, dev, inode); empty for anonymous memory.
std::string_view maps_path(std::string_view line) {
  std::size_t pos = 0;
  for (int field = 0; field < 5; ++field) {
    pos = line.find_first_not_of(' ', pos);
    if (pos == std::string_view::npos) return {};
    pos = line.find(' ', pos);
    if (pos == std::string_view::npos) return {};
  }
  return trim(line.substr(pos));
}

// ELF e_machine values (include/uapi/linux/elf-em.h) of the architectures
// the probe is built for.
constexpr std::pair<unsigned, std::string_view> kMachines[] = {
    {62, "x86_64"},    // EM_X86_64
    {183, "aarch64"},  // EM_AARCH64
};

// x86 vendor_id strings (arch/x86/kernel/cpu/*.c: each vendor's c_ident).
constexpr std::string_view kX86Vendors[] = {
    "GenuineIntel", "AuthenticAMD", "HygonGenuine", "CentaurHauls", "  Shanghai  ",
};

}  // namespace

std::vector<std::string> binfmt_candidates(std::string_view probe_arch) {
  if (probe_arch == "aarch64") return {"qemu-aarch64"};
  // Apple documents `update-binfmts --install rosetta ...` for Rosetta in
  // Linux VMs; FEX and box64 register under their own names.
  if (probe_arch == "x86_64") return {"qemu-x86_64", "rosetta", "FEX-x86_64", "box64"};
  return {};
}

std::optional<std::string> cpuinfo_arch(std::string_view cpuinfo) {
  for (auto line : lines_of(cpuinfo)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto key = trim(line.substr(0, colon));
    const auto value = line.substr(colon + 1);
    if (key == "vendor_id") {
      for (auto vendor : kX86Vendors) {
        if (value.find(vendor) != std::string_view::npos) return "x86_64";
      }
    }
    if (key == "CPU implementer") return "aarch64";
  }
  return std::nullopt;
}

std::optional<std::string> emulator_name(std::string_view path) {
  const auto base = basename_of(path);
  // Debian's binfmt handler /usr/libexec/qemu-binfmt/aarch64-binfmt-P is a
  // link to qemu-aarch64-static; the kernel may show either name.
  if (base.starts_with("qemu-") || base.find("-binfmt-") != std::string_view::npos) {
    return "qemu-user";
  }
  if (base.find("rosetta") != std::string_view::npos) return "rosetta";
  if (base.starts_with("box64")) return "box64";
  if (base.starts_with("FEX")) return "fex";
  return std::nullopt;
}

std::optional<std::string> binfmt_machine(std::string_view entry) {
  bool enabled = false;
  std::string_view offset = "0";
  std::string_view magic;
  for (auto line : lines_of(entry)) {
    line = trim(line);
    if (line == "enabled") enabled = true;
    if (line.starts_with("offset ")) offset = trim(line.substr(7));
    if (line.starts_with("magic ")) magic = trim(line.substr(6));
  }
  // The magic is hex: an ELF header's first 20 bytes end with e_machine,
  // little-endian, at bytes 18 and 19.
  if (!enabled || offset != "0" || magic.size() < 40 || !magic.starts_with("7f454c46")) {
    return std::nullopt;
  }
  unsigned machine = 0;
  for (std::size_t i : {38U, 36U}) {
    for (std::size_t k = i; k < i + 2; ++k) {
      const char c = magic[k];
      unsigned digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<unsigned>(c - 'a' + 10);
      } else {
        return std::nullopt;
      }
      machine = machine * 16 + digit;
    }
  }
  for (const auto& [number, name] : kMachines) {
    if (number == machine) return std::string(name);
  }
  return std::nullopt;
}

Emulation detect_emulation(const EmulationClues& c) {
  Emulation em;
  em.probe_arch = c.probe_arch;
  std::optional<std::string> named;  // an emulator's file seen in a direct sign
  auto name_from = [&named](std::string_view path) {
    if (!named && emulator_name(path)) named = std::string(path);
  };

  if (c.self_exe && c.thread_exe && *c.self_exe != *c.thread_exe) {
    // Both links read the same mm->exe_file in the kernel; only an emulator
    // that rewrites /proc/self (qemu-user's is_proc_myself) makes them differ.
    em.emulated = true;
    em.evidence.push_back("/proc/self/exe names " + *c.self_exe + " but /proc/thread-self/exe " +
                          *c.thread_exe + ": something rewrites /proc/self");
    name_from(*c.thread_exe);
    if (!named) em.interpreter = *c.thread_exe;
  }
  if (c.thread_maps) {
    bool vsyscall = false;
    bool mapped = false;  // one line of evidence for the emulator's file, not one per mapping
    for (auto line : lines_of(*c.thread_maps)) {
      const auto path = maps_path(line);
      if (path == "[vsyscall]") vsyscall = true;
      if (!mapped && !path.empty() && path.front() == '/' && emulator_name(path)) {
        mapped = true;
        em.emulated = true;
        em.evidence.push_back("/proc/thread-self/maps maps " + std::string(path) +
                              ", an emulator, into this process");
        name_from(path);
      }
    }
    // x86_64 kernels map the legacy vsyscall page into every process; no
    // other architecture has one.
    if (vsyscall && c.probe_arch != "x86_64") {
      em.emulated = true;
      em.host_arch = "x86_64";
      em.evidence.push_back(
          "/proc/thread-self/maps has the x86_64 kernel's [vsyscall] page in an " + c.probe_arch +
          " program");
    }
  }
  if (c.cpuinfo) {
    if (auto cpu = cpuinfo_arch(*c.cpuinfo); cpu && *cpu != c.probe_arch) {
      em.emulated = true;
      em.host_arch = *cpu;
      em.evidence.push_back("/proc/cpuinfo describes an " + *cpu + " CPU, not " + c.probe_arch);
    }
  }
  if (c.uname_machine && !c.uname_machine->empty() && *c.uname_machine != c.probe_arch) {
    em.emulated = true;
    if (!em.host_arch) em.host_arch = *c.uname_machine;
    em.evidence.push_back("uname -m says " + *c.uname_machine + ", not " + c.probe_arch);
  }
  for (const auto& [name, text] : c.binfmt) {
    const auto machine = binfmt_machine(text);
    if (machine != c.probe_arch) continue;
    std::string interp;
    for (auto line : lines_of(text)) {
      if (line.starts_with("interpreter ")) interp = std::string(trim(line.substr(12)));
    }
    std::string entry = "binfmt_misc entry " + name;
    entry += " runs " + c.probe_arch;
    entry += " programs with " + interp;
    em.evidence.push_back(std::move(entry));
    if (em.emulated && !named && !em.interpreter && emulator_name(interp)) named = interp;
  }
  if (named) {
    em.interpreter = *named;
    em.emulator = emulator_name(*named);
  }
  // The kernel's name of an unlinked file. An F-flag binfmt_misc entry keeps
  // the file it opened when it was registered: a package upgrade since then
  // left this process running the old emulator.
  if (em.emulated && em.interpreter && em.interpreter->ends_with(" (deleted)")) {
    em.evidence.push_back("the kernel names the emulator's file " + *em.interpreter +
                          ": it was replaced after it was loaded (an F-flag binfmt_misc entry "
                          "keeps the file it opened at registration; register it again to run "
                          "the installed one)");
  }
  if (!em.emulated) {
    em.emulator.reset();
    em.interpreter.reset();
  }
  return em;
}

EmulationClues read_emulation_clues(System& sys, std::string_view probe_arch) {
  EmulationClues c;
  c.probe_arch = std::string(probe_arch);
  if (auto u = sys.uname()) c.uname_machine = u.value().machine;
  if (auto l = sys.readlink("/proc/self/exe")) c.self_exe = l.value();
  if (auto l = sys.readlink("/proc/thread-self/exe")) c.thread_exe = l.value();
  if (auto m = sys.read_file("/proc/thread-self/maps")) c.thread_maps = m.value();
  // The first CPU's block is enough, and cpuinfo of a big machine is long.
  std::string cpu;
  if (sys.stream_file("/proc/cpuinfo", 0, 8192, [&cpu](std::string_view chunk) {
        cpu.append(chunk);
        return true;
      })) {
    c.cpuinfo = std::move(cpu);
  }
  for (const auto& name : binfmt_candidates(probe_arch)) {
    if (auto e = sys.read_file("/proc/sys/fs/binfmt_misc/" + name)) c.binfmt[name] = e.value();
  }
  return c;
}

std::string describe_emulator(const Emulation& em) {
  if (em.emulator && em.interpreter) return *em.emulator + " (" + *em.interpreter + ")";
  if (em.emulator) return *em.emulator;
  if (em.interpreter) return "an emulator (" + *em.interpreter + ")";
  return "an emulator";
}

std::optional<std::string_view> kernel_symbol_prefix(const Emulation& em) {
  if (!em.emulated) return syscall_symbol_prefix();
  if (!em.host_arch) return std::nullopt;
  return syscall_symbol_prefix(*em.host_arch);
}

std::string_view kernel_entry_point(const Emulation& em, const CatalogueEntry& e) {
  if (!em.emulated || !em.host_arch) return entry_point_here(e);
  // A call the host's table lacks (stat on arm64) has no entry point there:
  // its name is then asked, and the host's tables answer that they lack it.
  const std::string_view entry = entry_point(e, *em.host_arch == "aarch64");
  return entry.empty() ? e.name : entry;
}

bool needs_host_symbol(const Emulation& em, const Outcome& o) {
  return em.emulated && o.kind == Outcome::Kind::Errno && o.err == ENOSYS;
}

namespace {

// Calls an emulator translates argument by argument, refusing with ENOSYS
// an argument it has no translation for, not the call.
struct ArgumentRefusal {
  std::string_view emulator;
  std::string_view call;
  std::string_view why;  ///< completes "but ..."
};
constexpr ArgumentRefusal kArgumentRefusals[] = {
    {"qemu-user", "ioctl",
     "it translates ioctl command by command and answers ENOSYS for a command it has no "
     "translation for, as the probe's command 0 (qemu 7.2's linux-user/syscall.c do_ioctl, "
     "logged as \"Unsupported ioctl\", not as an unsupported syscall)"},
};

// judge_under_emulation's ENOSYS: the emulator's refusal or the kernel's
// answer through it, told apart by the host kernel's symbol.
Judgement emulated_enosys(const ExpectedAnswer& e, const Evidence& ev, const Emulation& em,
                          const std::string& who, const std::string& kernel) {
  const std::string name(ev.name);
  const std::string refused =
      who + " answered ENOSYS to this " + em.probe_arch + " program's " + name;
  for (const auto& r : kArgumentRefusals) {
    if (em.emulator == r.emulator && ev.name == r.call) {
      return {Verdict::Implemented,
              refused + ", but " + std::string(r.why) + ": the call is available to the program."};
    }
  }
  if (e.kind == ExpectedAnswer::Kind::NeverImplemented) {
    return {Verdict::Absent, refused + ": the " + em.probe_arch +
                                 " syscall table never implements it (sys_ni_syscall), so it "
                                 "is absent here whatever " +
                                 kernel + " has."};
  }
  if (!kernel_symbol_prefix(em)) {
    return {Verdict::AbsentOrBlocked,
            refused + ", and the host's architecture did not show, so no symbol of " + kernel +
                " could be asked: the emulator lacks " + name + " or the kernel does" +
                (ev.filtered ? ", or a seccomp filter refused it" : "") +
                "; run the image built for the host's architecture to ask the kernel itself."};
  }
  if (ev.kernel_has_symbol == true) {
    const std::string has = kernel + " has it (/proc/kallsyms lists " + ev.symbol + ")";
    if (ev.filtered) {
      return {Verdict::AbsentOrBlocked,
              refused +
                  ": the emulator lacks it, or translated it and the seccomp filter "
                  "refused the translated call with ENOSYS; " +
                  has + "."};
    }
    return {Verdict::Absent,
            refused + ": the emulator lacks " + name +
                " (an emulator answers ENOSYS for a call it does not translate), while " + has +
                "; the image built for the host's architecture would reach it."};
  }
  if (ev.kernel_has_symbol == false) {
    const std::string lacks = ev.source == EvidenceSource::Btf
                                  ? "its BTF (/sys/kernel/btf/vmlinux) has no function " + ev.symbol
                                  : "/proc/kallsyms has no " + ev.symbol;
    return {Verdict::Absent, refused + ", and " + kernel + " lacks it too (" + lacks +
                                 "): whether the emulator or the kernel gave the ENOSYS, " + name +
                                 " is absent here."};
  }
  return {Verdict::AbsentOrBlocked,
          refused +
              ", and the host kernel's symbol tables (BTF, /proc/kallsyms) could not tell "
              "whether it has " +
              ev.symbol + ": the emulator lacks " + name + " or the kernel does" +
              (ev.filtered ? ", or a seccomp filter refused it" : "") +
              "; run the image built for the host's architecture to ask the kernel itself."};
}

}  // namespace

Judgement judge_under_emulation(Judgement kernel_view, const ExpectedAnswer& e, const Outcome& o,
                                const Evidence& ev, const Emulation& em) {
  if (!em.emulated) return kernel_view;
  const std::string who = describe_emulator(em);
  const std::string kernel =
      em.host_arch ? "the " + *em.host_arch + " host kernel" : "the host kernel";
  const auto stands = [&] {
    return Judgement{kernel_view.verdict,
                     kernel_view.explanation + " The call went through " + who +
                         ", which translates this " + em.probe_arch + " program's calls for " +
                         kernel + ": the answer is the emulator's or the kernel's through it."};
  };
  switch (o.kind) {
    case Outcome::Kind::Signal:
    case Outcome::Kind::Timeout:
    case Outcome::Kind::Error: return stands();
    case Outcome::Kind::Returned:
    case Outcome::Kind::Errno: break;
  }
  if (o.kind == Outcome::Kind::Errno && o.err == ENOSYS) {
    return emulated_enosys(e, ev, em, who, kernel);
  }
  // Any other answer: the emulator knew the number and translated the call.
  // The project's own number keeps `occupied` (another call lives there);
  // an EPERM under a filter may be the filter's, which the kernel's view
  // already weighs.
  const bool filter_may_have =
      ev.filtered && o.kind == Outcome::Kind::Errno && filter_may_answer(o.err);
  // The kernel's sentence stands where it met the expectation; where it
  // only explained a different answer, the emulator may have given it.
  const bool expected = meets(e, o) || meets_alt(e, o, ev.filtered);
  if (e.kind == ExpectedAnswer::Kind::Value || filter_may_have ||
      (kernel_view.verdict == Verdict::Implemented && expected)) {
    return stands();
  }
  const std::string got = o.kind == Outcome::Kind::Returned ? "returned " + std::to_string(o.value)
                                                            : "answered " + errno_name(o.err);
  return {Verdict::Implemented,
          who + " translated this " + em.probe_arch + " program's " + std::string(ev.name) +
              " for " + kernel + " and " + got +
              ", so the call is available to the program; the answer need not be the kernel's: "
              "an emulator checks some arguments itself (qemu-user answers EFAULT for a "
              "pointer it cannot map before the kernel sees the call)."};
}

}  // namespace probe
