// Whether we run in a container, from evidence the caller collected. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace probe {

/// Raw evidence, as read from the file system (nullopt: could not be read).
struct ContainerClues {
  bool dockerenv = false;                ///< /.dockerenv exists
  bool containerenv = false;             ///< /run/.containerenv exists (podman)
  std::optional<std::string> cgroup;     ///< text of /proc/self/cgroup
  std::optional<std::string> mountinfo;  ///< text of /proc/self/mountinfo
  bool gvisor_kernel = false;            ///< uname is gVisor's synthetic one (kernel_flavour.h)
};

struct ContainerInfo {
  bool detected = false;
  std::string runtime = "none";  ///< the schema's enum
  std::vector<std::string> evidence;
};

/// The runtime, from the clues, with one line of evidence per clue that
/// matched. gVisor wins over the engine that started it (its Sentry answers
/// the calls); /.dockerenv and /run/.containerenv over cgroup paths; a
/// containerd snapshot as root file system names containerd when nothing
/// else does.
ContainerInfo detect_container(const ContainerClues& clues);

struct CgroupInfo {
  std::optional<int> version;  ///< 1, 2, or nullopt if unknown
  std::string path;
};

/// From the text of /proc/self/cgroup: a lone "0::PATH" line is v2.
CgroupInfo parse_cgroup(std::string_view text);

/// The file system type of the mount at "/" in mountinfo text, e.g. "overlay".
std::optional<std::string> root_fs_type(std::string_view mountinfo);

/// uid_map text with runs of blanks squeezed: "0 0 4294967295".
std::string normalise_uid_map(std::string_view text);
/// True for the full identity map: no user-namespace remapping.
bool uid_map_is_identity(std::string_view normalised);

}  // namespace probe
