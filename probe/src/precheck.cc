#include "precheck.h"

#include <charconv>
#include <utility>

#include "proc_status.h"

namespace probe {

namespace {

constexpr int kCapDacReadSearch = 2;
constexpr int kCapIpcLock = 14;
constexpr int kCapSysPtrace = 19;
constexpr int kCapSysAdmin = 21;

// Lacking a capability in our namespace means lacking it in every ancestor
// too; holding it proves something only in the initial one.
std::optional<bool> has_capability(const CallerFacts& f, int cap) {
  if (!f.cap_eff) return std::nullopt;
  if (((*f.cap_eff >> static_cast<unsigned>(cap)) & 1U) == 0) return false;
  if (f.initial_user_ns != true) return std::nullopt;
  return true;
}

bool at_least(const std::string& release, int major, int minor) {
  const auto v = kernel_version(release);
  return v && (v->first > major || (v->first == major && v->second >= minor));
}

// A kernel bool parameter's text: "0", "n", "N", "off", "false" turn it off.
bool param_true(std::string_view v) {
  return !(v == "0" || v == "n" || v == "N" || v == "off" || v == "false");
}

// mm/secretmem.c memfd_secret(): ENOSYS unless secretmem_enable (the
// secretmem.enable parameter, default on since 6.5, off before) and
// can_set_direct_map(). That is always true on x86_64; on arm64
// (arch/arm64/mm/pageattr.c) only with rodata=full (the default of
// CONFIG_RODATA_FULL_DEFAULT_ENABLED, itself default y: Debian's arm64
// kernels), debug_pagealloc=on, or a late KFENCE pool (not known here).
std::optional<bool> secretmem_usable(const CallerFacts& f) {
  std::optional<bool> enabled = f.secretmem_enable;
  if (!enabled && kernel_version(f.release) != std::nullopt && f.cmdline) {
    const auto v = cmdline_value(*f.cmdline, "secretmem.enable");
    enabled = v ? param_true(*v) : at_least(f.release, 6, 5);
  }
  if (enabled != true || f.arch != "aarch64") return enabled;
  if (!f.cmdline) return std::nullopt;
  const auto rodata = cmdline_value(*f.cmdline, "rodata");
  if (!rodata || *rodata == "full") return true;
  const auto pagealloc = cmdline_value(*f.cmdline, "debug_pagealloc");
  if (pagealloc && param_true(*pagealloc) && !pagealloc->empty()) return true;
  return std::nullopt;  // rodata=on/off: only a late KFENCE pool would do
}

}  // namespace

std::optional<std::pair<int, int>> kernel_version(std::string_view release) {
  int major = 0;
  int minor = 0;
  const char* end = release.data() + release.size();
  auto r = std::from_chars(release.data(), end, major);
  if (r.ec != std::errc{} || r.ptr == end || *r.ptr != '.') return std::nullopt;
  r = std::from_chars(r.ptr + 1, end, minor);
  if (r.ec != std::errc{}) return std::nullopt;
  return std::pair{major, minor};
}

std::optional<std::string> cmdline_value(std::string_view cmdline, std::string_view key) {
  std::optional<std::string> found;
  while (!cmdline.empty()) {
    const auto sp = cmdline.find_first_of(" \n\t");
    const std::string_view word = cmdline.substr(0, sp);
    cmdline = sp == std::string_view::npos ? std::string_view{} : cmdline.substr(sp + 1);
    if (word == key) {
      found = "";
    } else if (word.size() > key.size() && word.starts_with(key) && word[key.size()] == '=') {
      found = std::string(word.substr(key.size() + 1));
    }
  }
  return found;
}

std::optional<bool> precheck_passes(Precheck check, const CallerFacts& f) {
  if (const int cap = precheck_capability(check); cap >= 0) return has_capability(f, cap);
  // Not a switch: -Wswitch-enum would want every capability listed here.
  if (check == Precheck::None) return true;
  if (check == Precheck::NoNewPrivsOrCapSysAdmin) {
    const auto admin = has_capability(f, kCapSysAdmin);
    if (f.no_new_privs == true || admin == true) return true;
    if (f.no_new_privs == false && admin == false) return false;
    return std::nullopt;
  }
  if (check == Precheck::IoUringAllowed) {
    // io_uring/io_uring.c io_uring_allowed(): 0 everyone, 1 members of
    // kernel.io_uring_group or CAP_SYS_ADMIN, 2 nobody. No sysctl (before
    // 6.6): no such check.
    if (f.io_uring_sysctl_missing) return true;
    if (!f.io_uring_disabled) return std::nullopt;
    if (*f.io_uring_disabled == 0) return true;
    if (*f.io_uring_disabled == 2) return false;
    if (has_capability(f, kCapSysAdmin) == true) return true;
    return std::nullopt;  // the group is not known here
  }
  if (check == Precheck::SecretmemEnabled) return secretmem_usable(f);
  // Checks that only older kernels make (docs/catalogue.md): from the
  // release on, nothing stands before the arguments.
  if (check == Precheck::CapDacReadSearchBefore6_17) {
    if (at_least(f.release, 6, 17)) return true;
    return has_capability(f, kCapDacReadSearch);
  }
  if (check == Precheck::UserfaultfdAllowedBefore5_11) {
    if (at_least(f.release, 5, 11) || has_capability(f, kCapSysPtrace) == true) return true;
    return std::nullopt;  // vm.unprivileged_userfaultfd is not read
  }
  if (check == Precheck::BpfAllowedBefore6_5) {
    if (at_least(f.release, 6, 5) || has_capability(f, kCapSysAdmin) == true) return true;
    return std::nullopt;  // kernel.unprivileged_bpf_disabled is not read
  }
  if (check == Precheck::MemlockAllowed) {
    if (has_capability(f, kCapIpcLock) == true) return true;
    return std::nullopt;  // RLIMIT_MEMLOCK is not read
  }
  // LandlockEnabled, UserShadowStack, X86IoplIoperm: no filter we know
  // answers their EOPNOTSUPP or ENOSYS alone, so no verdict depends on them.
  return std::nullopt;
}

std::string_view precheck_text(Precheck check) {
  if (const int cap = precheck_capability(check); cap >= 0) {
    return capability_literal(static_cast<unsigned>(cap));
  }
  constexpr std::pair<Precheck, const char*> kTexts[] = {
      {Precheck::None, "nothing"},
      {Precheck::NoNewPrivsOrCapSysAdmin, "no_new_privs or cap_sys_admin"},
      {Precheck::IoUringAllowed, "io_uring allowed by kernel.io_uring_disabled"},
      {Precheck::SecretmemEnabled, "secretmem enabled (secretmem.enable; arm64: rodata=full)"},
      {Precheck::LandlockEnabled, "Landlock enabled at boot"},
      {Precheck::UserShadowStack, "user shadow stack support"},
      {Precheck::MemlockAllowed, "RLIMIT_MEMLOCK > 0 or cap_ipc_lock"},
      {Precheck::CapDacReadSearchBefore6_17, "cap_dac_read_search (before Linux 6.17)"},
      {Precheck::UserfaultfdAllowedBefore5_11,
       "vm.unprivileged_userfaultfd = 1 or cap_sys_ptrace (before Linux 5.11)"},
      {Precheck::BpfAllowedBefore6_5,
       "kernel.unprivileged_bpf_disabled = 0 or cap_sys_admin (before Linux 6.5)"},
      {Precheck::X86IoplIoperm, "CONFIG_X86_IOPL_IOPERM"},
  };
  for (const auto& [p, text] : kTexts) {
    if (p == check) return text;
  }
  return "a check the kernel makes first";
}

}  // namespace probe
