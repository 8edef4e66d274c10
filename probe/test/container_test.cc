#include "container.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace probe {
namespace {

using testing::fixture;

TEST(Container, DockerFromCapturedFiles) {
  ContainerClues clues;
  clues.dockerenv = true;
  clues.cgroup = fixture("cgroup-docker.txt");
  clues.mountinfo = fixture("mountinfo-docker.txt");
  const ContainerInfo info = detect_container(clues);
  EXPECT_TRUE(info.detected);
  EXPECT_EQ(info.runtime, "docker");
  ASSERT_EQ(info.evidence.size(), 3U);
  EXPECT_EQ(info.evidence[0], "/.dockerenv exists");
  EXPECT_NE(info.evidence[1].find("/docker/"), std::string::npos);
  EXPECT_EQ(info.evidence[2], "the root file system is overlay");

  const CgroupInfo cg = parse_cgroup(*clues.cgroup);
  EXPECT_EQ(cg.version, 1);
  EXPECT_EQ(cg.path.rfind("/docker/", 0), 0U);
}

TEST(Container, HostFromCapturedFiles) {
  ContainerClues clues;
  clues.cgroup = fixture("cgroup-host.txt");
  clues.mountinfo = fixture("mountinfo-host.txt");
  const ContainerInfo info = detect_container(clues);
  EXPECT_FALSE(info.detected);
  EXPECT_EQ(info.runtime, "none");
  EXPECT_TRUE(info.evidence.empty());
  EXPECT_EQ(root_fs_type(*clues.mountinfo), "ext4");
}

TEST(Container, OtherRuntimes) {
  ContainerClues podman;
  podman.containerenv = true;
  EXPECT_EQ(detect_container(podman).runtime, "podman");

  ContainerClues k8s;
  k8s.cgroup = "0::/kubepods.slice/kubepods-besteffort.slice/cri-containerd-abc.scope\n";
  EXPECT_EQ(detect_container(k8s).runtime, "kubernetes");

  ContainerClues overlay_only;
  overlay_only.mountinfo = "1 0 0:1 / / rw - overlay overlay rw\n";
  const ContainerInfo o = detect_container(overlay_only);
  EXPECT_TRUE(o.detected);
  EXPECT_EQ(o.runtime, "other");

  // Unreadable files are no evidence either way.
  EXPECT_FALSE(detect_container(ContainerClues{}).detected);
}

TEST(Container, ContainerdFromCapturedFiles) {
  ContainerClues clues;
  clues.cgroup = fixture("cgroup-containerd.txt");
  clues.mountinfo = fixture("mountinfo-containerd.txt");
  const ContainerInfo info = detect_container(clues);
  EXPECT_EQ(info.runtime, "containerd");
  ASSERT_EQ(info.evidence.size(), 2U);
  EXPECT_EQ(info.evidence[0], "the root file system is overlay");
  EXPECT_EQ(info.evidence[1], "the root file system's layers are in containerd's snapshotter");

  // Docker's overlay2 root is not containerd's, and /.dockerenv wins anyway.
  ContainerClues docker;
  docker.mountinfo = fixture("mountinfo-docker.txt");
  EXPECT_EQ(detect_container(docker).runtime, "other");
  clues.dockerenv = true;
  EXPECT_EQ(detect_container(clues).runtime, "docker");
}

TEST(Container, GvisorWinsOverTheEngineThatStartedIt) {
  ContainerClues clues;
  clues.dockerenv = true;
  clues.gvisor_kernel = true;
  const ContainerInfo info = detect_container(clues);
  EXPECT_EQ(info.runtime, "gvisor");
  ASSERT_EQ(info.evidence.size(), 2U);
  EXPECT_EQ(info.evidence[0], "/.dockerenv exists");
  EXPECT_NE(info.evidence[1].find("gVisor's synthetic kernel"), std::string::npos);
}

// Captured under runsc (docker-current): gVisor's cgroup files name a "job"
// controller that Linux does not have; its root overlay is "none".
TEST(Container, GvisorFromCapturedFiles) {
  ContainerClues clues;
  clues.dockerenv = true;
  clues.cgroup = fixture("cgroup-gvisor.txt");
  clues.mountinfo = fixture("mountinfo-gvisor.txt");
  ContainerInfo info = detect_container(clues);
  EXPECT_EQ(info.runtime, "gvisor");
  ASSERT_GE(info.evidence.size(), 2U);
  EXPECT_EQ(info.evidence[0], "/.dockerenv exists");
  EXPECT_NE(info.evidence[1].find(":job:"), std::string::npos) << info.evidence[1];
  clues.gvisor_kernel = true;
  info = detect_container(clues);
  EXPECT_EQ(info.runtime, "gvisor");
  EXPECT_NE(info.evidence.back().find("gVisor's synthetic kernel"), std::string::npos);
}

TEST(Cgroup, V2AndV1) {
  const CgroupInfo v2 = parse_cgroup("0::/system.slice/docker-abc.scope\n");
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.path, "/system.slice/docker-abc.scope");
  EXPECT_EQ(parse_cgroup("0::/\n").path, "/");
  EXPECT_EQ(parse_cgroup(fixture("cgroup-host.txt")).version, 1);
  EXPECT_FALSE(parse_cgroup("").version.has_value());
}

TEST(RootFs, LastMountOnRootWins) {
  EXPECT_EQ(root_fs_type("1 0 0:1 / / rw - ext4 /dev/sda rw\n2 1 0:2 / / rw - overlay o rw\n"),
            "overlay");
  EXPECT_FALSE(root_fs_type("1 0 0:1 / /proc rw - proc proc rw\n").has_value());
}

TEST(RootFs, OptionalFieldsBeforeTheSeparator) {
  // Optional fields ("shared:1 master:2") precede " - "; a line without the
  // separator or a type names nothing; a blank inside a field is \040.
  EXPECT_EQ(root_fs_type("36 35 98:0 /mnt1 / rw,noatime shared:1 master:2 - ext3 /dev/root rw\n"),
            "ext3");
  EXPECT_EQ(root_fs_type("1 0 0:1 /a\\040b / rw - overlay o rw"), "overlay");
  EXPECT_FALSE(root_fs_type("1 0 0:1 / /a\\040/ rw - overlay o rw").has_value());
  EXPECT_FALSE(root_fs_type("1 0 0:1 / / rw shared:1\n").has_value());
  EXPECT_FALSE(root_fs_type("1 0 0:1 / / rw -\n").has_value());
  EXPECT_EQ(root_fs_type("1 0 0:1 / / rw - xfs a rw\n2 1 0:2 / / rw -\n"), "xfs");
  EXPECT_FALSE(root_fs_type("").has_value());
}

TEST(UidMap, IdentityOrNot) {
  const std::string host = normalise_uid_map("         0          0 4294967295\n");
  EXPECT_EQ(host, "0 0 4294967295");
  EXPECT_TRUE(uid_map_is_identity(host));
  const std::string remapped = normalise_uid_map("         0     100000      65536\n");
  EXPECT_EQ(remapped, "0 100000 65536");
  EXPECT_FALSE(uid_map_is_identity(remapped));
}

}  // namespace
}  // namespace probe
