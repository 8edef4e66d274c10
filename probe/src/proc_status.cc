#include "proc_status.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace probe {

namespace {

// include/uapi/linux/capability.h, CAP_CHOWN (0) .. CAP_CHECKPOINT_RESTORE (40).
constexpr std::array<std::string_view, 41> kCapabilities{
    "cap_chown",
    "cap_dac_override",
    "cap_dac_read_search",
    "cap_fowner",
    "cap_fsetid",
    "cap_kill",
    "cap_setgid",
    "cap_setuid",
    "cap_setpcap",
    "cap_linux_immutable",
    "cap_net_bind_service",
    "cap_net_broadcast",
    "cap_net_admin",
    "cap_net_raw",
    "cap_ipc_lock",
    "cap_ipc_owner",
    "cap_sys_module",
    "cap_sys_rawio",
    "cap_sys_chroot",
    "cap_sys_ptrace",
    "cap_sys_pacct",
    "cap_sys_admin",
    "cap_sys_boot",
    "cap_sys_nice",
    "cap_sys_resource",
    "cap_sys_time",
    "cap_sys_tty_config",
    "cap_mknod",
    "cap_lease",
    "cap_audit_write",
    "cap_audit_control",
    "cap_setfcap",
    "cap_mac_override",
    "cap_mac_admin",
    "cap_syslog",
    "cap_wake_alarm",
    "cap_block_suspend",
    "cap_audit_read",
    "cap_perfmon",
    "cap_bpf",
    "cap_checkpoint_restore",
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

template <class T>
std::optional<T> to_number(std::string_view s, int base) {
  T value{};
  const auto* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value, base);
  if (ec != std::errc{} || ptr != end || s.empty()) return std::nullopt;
  return value;
}

}  // namespace

ProcStatus parse_proc_status(std::string_view text) {
  ProcStatus st;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "Seccomp") {
      st.seccomp = to_number<int>(value, 10);
    } else if (key == "Seccomp_filters") {
      st.seccomp_filters = to_number<int>(value, 10);
    } else if (key == "NoNewPrivs") {
      if (auto v = to_number<int>(value, 10)) st.no_new_privs = *v != 0;
    } else if (key == "CapEff") {
      st.cap_eff = to_number<std::uint64_t>(value, 16);
    } else if (key == "CapBnd") {
      st.cap_bnd = to_number<std::uint64_t>(value, 16);
    }
  }
  return st;
}

std::string_view seccomp_mode_name(std::optional<int> mode) {
  if (!mode) return "unknown";
  switch (*mode) {
    case 0: return "disabled";
    case 1: return "strict";
    case 2: return "filter";
    default: return "unknown";
  }
}

bool seccomp_confined(const ProcStatus& status) {
  return status.seccomp.value_or(0) != 0 || status.seccomp_filters.value_or(0) > 0;
}

std::string_view capability_literal(unsigned bit) {
  return bit < kCapabilities.size() ? kCapabilities[bit] : std::string_view();
}

std::string capability_name(unsigned bit) {
  const std::string_view name = capability_literal(bit);
  return name.empty() ? "cap_" + std::to_string(bit) : std::string(name);
}

std::vector<std::string> capability_names(std::uint64_t mask) {
  std::vector<std::string> names;
  for (unsigned bit = 0; bit < 64; ++bit) {
    if (((mask >> bit) & 1U) != 0) names.push_back(capability_name(bit));
  }
  return names;
}

std::string capability_hex(std::uint64_t mask) {
  std::array<char, 17> buf{};
  const int n =
      std::snprintf(buf.data(), buf.size(), "%016llx", static_cast<unsigned long long>(mask));
  return n == 16 ? std::string(buf.data()) : std::string();
}

}  // namespace probe
