#include "container.h"

#include "text.h"

namespace probe {

namespace {

struct CgroupMarker {
  std::string_view needle;
  std::string_view runtime;
};

// Markers in cgroup paths written by the runtimes (cgroupfs and systemd
// drivers): /docker/<id>, docker-<id>.scope, /kubepods/..., libpod-<id>, ...
constexpr CgroupMarker kCgroupMarkers[] = {
    {"kubepods", "kubernetes"},
    {"/docker/", "docker"},
    {"docker-", "docker"},
    {"libpod", "podman"},
    {"/lxc/", "lxc"},
    {"lxc.payload", "lxc"},
    {"containerd", "containerd"},
    // gVisor's Sentry writes a "job" controller, which Linux has never had.
    {":job:", "gvisor"},
};

// Whether a mountinfo line ("ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS
// [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS") mounts "/". The kernel
// separates the fields with one space and escapes blanks inside them (\040).
bool mounts_root(std::string_view line) {
  std::size_t pos = 0;
  for (int field = 0; field < 4 && pos != std::string_view::npos; ++field) {
    pos = line.find(' ', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  return pos != std::string_view::npos && line.substr(pos, 2) == "/ ";
}

// The last mountinfo line whose mount point is "/" (the one in effect).
std::optional<std::string_view> root_mount_line(std::string_view mountinfo) {
  std::optional<std::string_view> found;
  for (auto line : lines_of(mountinfo)) {
    if (mounts_root(line)) found = line;
  }
  return found;
}

}  // namespace

ContainerInfo detect_container(const ContainerClues& clues) {
  ContainerInfo info;
  auto claim = [&info](std::string_view runtime, std::string evidence) {
    if (info.runtime == "none" || info.runtime == "other") info.runtime = runtime;
    info.evidence.push_back(std::move(evidence));
  };
  if (clues.dockerenv) claim("docker", "/.dockerenv exists");
  if (clues.containerenv) claim("podman", "/run/.containerenv exists");
  if (clues.cgroup) {
    bool found = false;
    for (auto line : lines_of(*clues.cgroup)) {
      for (const auto& marker : kCgroupMarkers) {
        if (!found && line.find(marker.needle) != std::string_view::npos) {
          claim(marker.runtime, "/proc/self/cgroup: " + std::string(line));
          found = true;
        }
      }
    }
  }
  if (clues.mountinfo) {
    if (auto fs = root_fs_type(*clues.mountinfo);
        fs && (*fs == "overlay" || *fs == "aufs" || *fs == "fuse-overlayfs")) {
      claim("other", "the root file system is " + *fs);
    }
    // containerd's overlay snapshotter keeps image layers in
    // <root>/io.containerd.snapshotter.v1.overlayfs/snapshots/N/fs, and the
    // root mount's lowerdir= names them (ctr, the kubelet, nerdctl).
    if (auto root = root_mount_line(*clues.mountinfo);
        root && root->find("io.containerd.snapshotter.") != std::string_view::npos) {
      claim("containerd", "the root file system's layers are in containerd's snapshotter");
    }
  }
  // gVisor's Sentry answers the calls whichever engine started it.
  if (clues.gvisor_kernel) {
    info.runtime = "gvisor";
    info.evidence.push_back("uname is gVisor's synthetic kernel (release 4.4.0, 2016)");
  }
  for (const auto& e : info.evidence) {
    if (e.find(":job:") != std::string::npos) info.runtime = "gvisor";
  }
  info.detected = !info.evidence.empty();
  return info;
}

CgroupInfo parse_cgroup(std::string_view text) {
  CgroupInfo info;
  const auto lines = lines_of(text);
  for (auto line : lines) {
    if (line.rfind("0::", 0) == 0 && lines.size() == 1) {
      info.version = 2;
      info.path = std::string(line.substr(3));
      return info;
    }
  }
  // cgroup v1 (or hybrid): "ID:controllers:PATH" per hierarchy; report the
  // path of the first named hierarchy line.
  for (auto line : lines) {
    const auto first = line.find(':');
    const auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    info.version = 1;
    info.path = std::string(line.substr(second + 1));
    if (line.substr(first + 1, second - first - 1).size() > 0) return info;
  }
  return info;
}

std::optional<std::string> root_fs_type(std::string_view mountinfo) {
  // By hand rather than with an istringstream per line: that stream was the
  // probe's only use of iostreams, and its locale set-up a tenth of a
  // one-call run's instructions (callgrind).
  std::optional<std::string> type;
  for (auto line : lines_of(mountinfo)) {
    if (!mounts_root(line)) continue;
    const auto dash = line.find(" - ");
    if (dash == std::string_view::npos) continue;
    const std::string_view rest = line.substr(dash + 3);
    const std::string_view fstype = rest.substr(0, rest.find(' '));
    if (!fstype.empty()) type = std::string(fstype);  // the last mount on "/" wins
  }
  return type;
}

std::string normalise_uid_map(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

bool uid_map_is_identity(std::string_view normalised) {
  return normalised == "0 0 4294967295";
}

}  // namespace probe
