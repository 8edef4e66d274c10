#include "kernel_flavour.h"

#include <gtest/gtest.h>

namespace probe {
namespace {

std::string f(std::string_view release, std::string_view version = "#1 SMP") {
  return kernel_flavour(release, version).name;
}

TEST(KernelFlavour, KnownPatterns) {
  EXPECT_EQ(f("6.1.0-syscall-probe"), "syscall-probe");
  EXPECT_EQ(f("6.18.44-syscall-probe+"), "syscall-probe");
  EXPECT_EQ(f("6.10.14-linuxkit"), "docker-desktop");
  EXPECT_EQ(f("5.15.153.1-microsoft-standard-WSL2"), "wsl2");
  EXPECT_EQ(f("4.19.130-boot2docker"), "boot2docker");
  EXPECT_EQ(f("6.18.44-fc-v669"), "firecracker");
  EXPECT_EQ(f("6.1.102-firecracker"), "firecracker");
  EXPECT_EQ(f("6.5.6-300.fc39.x86_64"), "fedora");
  EXPECT_EQ(f("5.14.0-362.8.1.el9_3.x86_64"), "rhel");
  EXPECT_EQ(f("4.18.0-513.el8.x86_64"), "rhel");
  EXPECT_EQ(f("6.6.1-arch1-1"), "arch");
  EXPECT_EQ(f("6.8.0-45-generic"), "ubuntu");
  EXPECT_EQ(f("6.8.0-1015-aws", "#16-Ubuntu SMP Mon Aug 19 19:38:17 UTC 2024"), "ubuntu");
  EXPECT_EQ(f("6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"), "debian");
  EXPECT_EQ(f("6.1.0-18-cloud-amd64"), "debian");
  EXPECT_EQ(f("6.12.1"), "other");
}

TEST(KernelFlavour, GvisorIsSyntheticAndNotShared) {
  const Flavour g = kernel_flavour("4.4.0", "#1 SMP Sun Jan 10 15:06:54 PST 2016");
  EXPECT_EQ(g.name, "gvisor");
  EXPECT_FALSE(g.shared_kernel);
  EXPECT_NE(g.note.find("does not hold"), std::string::npos);
  // A real 4.4.0 kernel with another build date is not gVisor.
  EXPECT_TRUE(kernel_flavour("4.4.0", "#1 SMP Tue Mar 3 2020").shared_kernel);
  EXPECT_TRUE(kernel_flavour("6.1.0-18-amd64", "#1 SMP Debian").shared_kernel);
}

}  // namespace
}  // namespace probe
