#include "lsm.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <utility>

#include "catalogue_lockdown.h"
#include "precheck.h"

namespace probe {

namespace {

// include/uapi/linux/lsm.h: LSM_ID_CAPABILITY (100) on, in order.
constexpr std::array<std::string_view, 14> kLsmIds{
    "capability", "selinux",  "smack", "tomoyo",   "apparmor", "yama", "loadpin",
    "safesetid",  "lockdown", "bpf",   "landlock", "ima",      "evm",  "ipe"};
constexpr std::uint64_t kFirstLsmId = 100;

constexpr std::array<std::string_view, 3> kLockdownNames{"none", "integrity", "confidentiality"};

// Bounds on what the probe believes: a label or list longer than this, or
// with bytes no module writes, is not one.
constexpr std::size_t kMaxText = 4096;
constexpr std::size_t kMaxModules = 32;

bool printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// Drops the newline AppArmor ends its label with and the NUL SELinux's
// carries, and any blanks around them.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0' || s.back() == ' ')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

std::optional<LockdownMode> lockdown_named(std::string_view name) {
  for (std::size_t i = 0; i < kLockdownNames.size(); ++i) {
    if (kLockdownNames[i] == name) return static_cast<LockdownMode>(i);
  }
  return std::nullopt;
}

// One instantiation for every note, whatever the length of its literal.
void note(std::vector<std::string>& errors, std::string_view what) {
  errors.emplace_back(what);
}

std::optional<std::string> read_small(System& sys, const std::string& path,
                                      std::vector<std::string>* errors = nullptr) {
  auto r = sys.read_file(path);
  if (r) return std::move(r.value());
  if (errors != nullptr) note(*errors, r.error().message());
  return std::nullopt;
}

// The modules through lsm_list_modules (Linux 6.8+), made in a child like
// every attempt: a filter may kill a call it does not know.
std::optional<std::vector<std::string>> listed_modules(System& sys, int timeout_ms,
                                                       std::vector<std::string>& errors) {
  if (auto u = sys.uname()) {
    const auto v = kernel_version(u.value().release);
    if (v && *v < std::pair{6, 8}) {
      note(errors, "lsm_list_modules: not tried: the kernel predates 6.8");
      return std::nullopt;
    }
  }
  auto ids = sys.lsm_list_modules(timeout_ms);
  if (!ids) {
    note(errors, ids.error().message());
    return std::nullopt;
  }
  if (ids.value().size() > kMaxModules) {
    note(errors, "lsm_list_modules: too many modules");
    return std::nullopt;
  }
  std::vector<std::string> names;
  names.reserve(ids.value().size());
  for (const std::uint64_t id : ids.value()) names.push_back(lsm_id_name(id));
  return names;
}

}  // namespace

std::string_view lockdown_mode_name(LockdownMode m) {
  const auto i = static_cast<std::size_t>(m);
  return i < kLockdownNames.size() ? kLockdownNames[i] : kLockdownNames[0];
}

std::string lsm_id_name(std::uint64_t id) {
  if (id >= kFirstLsmId && id - kFirstLsmId < kLsmIds.size()) {
    return std::string(kLsmIds[id - kFirstLsmId]);
  }
  return "lsm-" + std::to_string(id);
}

std::optional<std::vector<std::string>> parse_lsm_list(std::string_view text) {
  text = trimmed(text);
  if (text.empty() || text.size() > kMaxText || text.back() == ',') return std::nullopt;
  std::vector<std::string> names;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const bool word =
        !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
    if (!word || names.size() == kMaxModules) return std::nullopt;
    names.emplace_back(name);
  }
  return names;
}

std::optional<LockdownMode> parse_lockdown(std::string_view text) {
  text = trimmed(text);
  if (text.size() > kMaxText) return std::nullopt;
  const auto open = text.find('[');
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = text.find(']', open);
  if (close == std::string_view::npos) return std::nullopt;
  return lockdown_named(text.substr(open + 1, close - open - 1));
}

std::optional<LockdownMode> cmdline_lockdown(std::string_view cmdline) {
  std::optional<LockdownMode> found;
  constexpr std::string_view kKey = "lockdown=";
  while (!cmdline.empty()) {
    const auto sp = cmdline.find_first_of(" \n\t");
    const std::string_view word = cmdline.substr(0, sp);
    cmdline = sp == std::string_view::npos ? std::string_view{} : cmdline.substr(sp + 1);
    if (!word.starts_with(kKey)) continue;
    // security/lockdown/lockdown.c lockdown_param: only these two raise it.
    const auto mode = lockdown_named(word.substr(kKey.size()));
    if (mode && *mode != LockdownMode::None && (!found || *mode > *found)) found = mode;
  }
  return found;
}

std::optional<LsmLabel> parse_label(std::string_view text, std::string_view source,
                                    std::optional<std::string_view> selinux_enforce) {
  text = trimmed(text);
  if (text.empty() || text.size() > kMaxText || !printable(text)) return std::nullopt;
  LsmLabel l;
  l.text = std::string(text);
  l.source = source;
  // AppArmor (security/apparmor/procattr.c): "PROFILE (MODE)", or
  // "unconfined" alone.
  if (text == "unconfined") {
    l.module = "apparmor";
    l.profile = l.mode = "unconfined";
    l.enforcing = false;
    return l;
  }
  if (text.back() == ')') {
    const auto open = text.rfind(" (");
    if (open != std::string_view::npos && open > 0) {
      l.module = "apparmor";
      l.profile = std::string(text.substr(0, open));
      l.mode = std::string(text.substr(open + 2, text.size() - open - 3));
      // "kill" and "prompt" enforce too; "complain" and "unconfined" only log.
      l.enforcing = l.mode == "enforce" || l.mode == "kill" || l.mode == "prompt";
      return l;
    }
  }
  // SELinux: user:role:type:level (the level may hold more colons).
  const auto c1 = text.find(':');
  const auto c2 = c1 == std::string_view::npos ? c1 : text.find(':', c1 + 1);
  const auto c3 = c2 == std::string_view::npos ? c2 : text.find(':', c2 + 1);
  if (c3 != std::string_view::npos && c1 > 0 && c2 > c1 + 1 && c3 > c2 + 1) {
    l.module = "selinux";
    l.profile = std::string(text.substr(c2 + 1, c3 - c2 - 1));
    if (selinux_enforce) {
      const std::string_view e = trimmed(*selinux_enforce);
      if (e == "1" || e == "0") {
        l.enforcing = e == "1";
        l.mode = e == "1" ? "enforcing" : "permissive";
      }
    }
    return l;
  }
  return l;
}

LsmInfo read_lsm(System& sys, int timeout_ms) {
  LsmInfo info;
  info.modules = listed_modules(sys, timeout_ms, info.errors);
  if (info.modules) {
    info.modules_source = "lsm_list_modules";
  } else if (auto text = read_small(sys, "/sys/kernel/security/lsm", &info.errors)) {
    info.modules = parse_lsm_list(*text);
    if (info.modules) {
      info.modules_source = "/sys/kernel/security/lsm";
    } else {
      note(info.errors, "/sys/kernel/security/lsm: not a list of modules");
    }
  }

  for (const std::string_view path :
       {"/proc/self/attr/apparmor/current", "/proc/self/attr/current"}) {
    const auto text = read_small(sys, std::string(path));
    if (!text) continue;
    std::optional<std::string> enforce;
    if (text->find(':') != std::string::npos) enforce = read_small(sys, "/sys/fs/selinux/enforce");
    info.label = parse_label(*text, path,
                             enforce ? std::optional<std::string_view>(*enforce) : std::nullopt);
    if (info.label) break;
  }

  const bool lockdown_listed = info.modules && std::find(info.modules->begin(), info.modules->end(),
                                                         "lockdown") != info.modules->end();
  if (auto text = read_small(sys, "/sys/kernel/security/lockdown")) {
    info.lockdown = parse_lockdown(*text);
    if (info.lockdown) info.lockdown_source = "/sys/kernel/security/lockdown";
  }
  if (!info.lockdown && info.modules && !lockdown_listed) {
    // Without the module, lockdown= and Secure Boot lock nothing down.
    info.lockdown = LockdownMode::None;
    info.lockdown_source = info.modules_source;
  } else if (!info.lockdown) {
    if (auto cmdline = read_small(sys, "/proc/cmdline")) {
      info.lockdown = cmdline_lockdown(*cmdline);
      if (info.lockdown) info.lockdown_source = "/proc/cmdline";
    }
  }
  return info;
}

std::span<const LockdownGate> lockdown_gates() {
  return rows::kLockdownGates;
}

std::string lsm_clause(std::string_view name, int err, std::optional<bool> precheck_passed,
                       const LsmInfo& lsm) {
  if (err != EPERM && err != EACCES) return "";
  std::string who;
  if (lsm.lockdown && *lsm.lockdown != LockdownMode::None && err == EPERM) {
    for (const LockdownGate& g : lockdown_gates()) {
      if (g.name != name || *lsm.lockdown < g.level) continue;
      if (g.after_precheck && precheck_passed == false) continue;
      who.append(" kernel lockdown (")
          .append(lockdown_mode_name(*lsm.lockdown))
          .append("), which refuses ")
          .append(name)
          .append(" before its arguments,");
    }
  }
  const LsmLabel* l = lsm.label && lsm.label->enforcing == true ? &*lsm.label : nullptr;
  if (l != nullptr && (l->module == "apparmor" || l->module == "selinux")) {
    if (!who.empty()) who += " or";
    if (l->module == "apparmor") {
      who.append(" the AppArmor profile ").append(l->text);
    } else {
      who.append(" SELinux (").append(l->mode).append(", type ").append(l->profile) += ')';
    }
  }
  if (who.empty()) return who;
  return who.insert(0, 1, ';').append(" may have given this answer instead");
}

std::string with_clause(std::string sentence, std::string_view clause) {
  if (clause.empty()) return sentence;
  if (!sentence.empty() && sentence.back() == '.') sentence.pop_back();
  return sentence.append(clause) += '.';
}

}  // namespace probe
