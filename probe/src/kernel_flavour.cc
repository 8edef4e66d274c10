#include "kernel_flavour.h"

#include <cctype>

#include "linux/syscall_probe.h"

namespace probe {

namespace {

bool contains(std::string_view s, std::string_view what) {
  return s.find(what) != std::string_view::npos;
}

bool ends_with(std::string_view s, std::string_view what) {
  return s.size() >= what.size() && s.substr(s.size() - what.size()) == what;
}

// ".fc39" / ".el9" followed by a digit: Fedora / RHEL-family package releases.
bool has_dist_tag(std::string_view release, std::string_view tag) {
  for (auto pos = release.find(tag); pos != std::string_view::npos;
       pos = release.find(tag, pos + 1)) {
    const auto next = pos + tag.size();
    if (next < release.size() && std::isdigit(static_cast<unsigned char>(release[next])) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Flavour kernel_flavour(std::string_view release, std::string_view version) {
  if (contains(release, SYSCALL_PROBE_RELEASE_MARKER)) {
    return {"syscall-probe", "This project's patched kernel: our syscall should be implemented.",
            true};
  }
  // gVisor's Sentry answers uname with a fixed, made-up identity
  // (pkg/sentry/kernel/version.go: release "4.4.0", version "#1 SMP Sun Jan 10
  // 15:06:54 PST 2016"), whatever the host runs.
  if (release == "4.4.0" && contains(version, "2016")) {
    return {"gvisor",
            "gVisor's synthetic uname: the sandbox kernel is gVisor's Sentry, so this is not the "
            "host's kernel and the shared-kernel rule does not hold.",
            false};
  }
  if (contains(release, "linuxkit")) {
    return {"docker-desktop",
            "Docker Desktop's LinuxKit VM: the kernel is shared with that VM, not with the "
            "machine's own OS.",
            true};
  }
  if (contains(release, "microsoft-standard")) {
    return {"wsl2", "WSL2's Microsoft kernel: shared with the WSL2 utility VM, not Windows.", true};
  }
  if (contains(release, "boot2docker")) {
    return {"boot2docker", "A boot2docker VM kernel: shared with that VM.", true};
  }
  if (contains(release, "firecracker") || contains(release, "-fc-") || ends_with(release, "-fc")) {
    return {"firecracker", "A Firecracker microVM guest kernel: shared with the microVM.", true};
  }
  if (has_dist_tag(release, ".fc")) {
    return {"fedora", "A Fedora kernel, shared with the host.", true};
  }
  if (has_dist_tag(release, ".el")) {
    return {"rhel", "A RHEL-family kernel (RHEL, CentOS, Alma, Rocky), shared with the host.",
            true};
  }
  if (contains(release, "-arch") || contains(release, ".arch")) {
    return {"arch", "An Arch Linux kernel, shared with the host.", true};
  }
  if (contains(version, "Ubuntu") || ends_with(release, "-generic") ||
      ends_with(release, "-lowlatency")) {
    return {"ubuntu", "An Ubuntu kernel, shared with the host.", true};
  }
  if (contains(version, "Debian") || contains(release, "+deb") || ends_with(release, "-amd64") ||
      ends_with(release, "-arm64") || ends_with(release, "-cloud-amd64")) {
    return {"debian", "A Debian kernel, shared with the host.", true};
  }
  return {"other", "No known pattern: a kernel shared with the host (or its VM).", true};
}

}  // namespace probe
