#include "proc_status.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace probe {
namespace {

using testing::fixture;

TEST(ProcStatus, HostWithoutSeccomp) {
  const ProcStatus st = parse_proc_status(fixture("status-host.txt"));
  EXPECT_EQ(st.seccomp, 0);
  EXPECT_EQ(st.seccomp_filters, 0);
  EXPECT_EQ(st.no_new_privs, false);
  EXPECT_EQ(st.cap_eff, 0x000001fffeffffffULL);
  EXPECT_EQ(st.cap_bnd, 0x000001fffeffffffULL);
  EXPECT_FALSE(seccomp_confined(st));
}

TEST(ProcStatus, DockerDefault) {
  const ProcStatus st = parse_proc_status(fixture("status-docker.txt"));
  EXPECT_EQ(st.seccomp, 2);
  EXPECT_EQ(st.seccomp_filters, 1);
  EXPECT_EQ(st.no_new_privs, false);
  EXPECT_EQ(st.cap_eff, 0xa80425fbULL);
  EXPECT_TRUE(seccomp_confined(st));
  EXPECT_EQ(seccomp_mode_name(st.seccomp), "filter");
  // Docker's default capability set, by name.
  const std::vector<std::string> expected{
      "cap_chown",       "cap_dac_override", "cap_fowner",
      "cap_fsetid",      "cap_kill",         "cap_setgid",
      "cap_setuid",      "cap_setpcap",      "cap_net_bind_service",
      "cap_net_raw",     "cap_sys_chroot",   "cap_mknod",
      "cap_audit_write", "cap_setfcap"};
  EXPECT_EQ(capability_names(*st.cap_eff), expected);
}

TEST(ProcStatus, GvisorLacksNewerFields) {
  const ProcStatus st = parse_proc_status(fixture("status-gvisor.txt"));
  EXPECT_EQ(st.seccomp, 0);
  EXPECT_FALSE(st.seccomp_filters.has_value());
  EXPECT_FALSE(st.no_new_privs.has_value());
  EXPECT_EQ(st.cap_eff, 0xa80425fbULL);
}

// The same, captured under runsc 2024-07-29 (not reconstructed): still no
// NoNewPrivs and no Seccomp_filters, and no task filter (Seccomp 0).
TEST(ProcStatus, GvisorCaptured) {
  const ProcStatus st = parse_proc_status(fixture("status-gvisor-captured.txt"));
  EXPECT_EQ(st.seccomp, 0);
  EXPECT_FALSE(seccomp_confined(st));
  EXPECT_FALSE(st.seccomp_filters.has_value());
  EXPECT_FALSE(st.no_new_privs.has_value());
  EXPECT_EQ(st.cap_eff, 0xa80405fbULL);
}

TEST(ProcStatus, MalformedAndMissing) {
  const ProcStatus st = parse_proc_status("Seccomp:\tx\nCapEff:\tzz\nNoNewPrivs:\t1\nnonsense\n");
  EXPECT_FALSE(st.seccomp.has_value());
  EXPECT_FALSE(st.cap_eff.has_value());
  EXPECT_EQ(st.no_new_privs, true);
  EXPECT_EQ(seccomp_mode_name(std::nullopt), "unknown");
  EXPECT_EQ(seccomp_mode_name(1), "strict");
  EXPECT_EQ(seccomp_mode_name(7), "unknown");
  EXPECT_FALSE(parse_proc_status("").seccomp.has_value());
}

TEST(Capabilities, NamesAndHex) {
  EXPECT_TRUE(capability_names(0).empty());
  EXPECT_EQ(capability_name(0), "cap_chown");
  EXPECT_EQ(capability_name(21), "cap_sys_admin");
  EXPECT_EQ(capability_name(40), "cap_checkpoint_restore");
  EXPECT_EQ(capability_name(41), "cap_41");
  EXPECT_EQ(capability_names(1ULL << 63).front(), "cap_63");
  EXPECT_EQ(capability_names(0x000001ffffffffffULL).size(), 41U);
  EXPECT_EQ(capability_hex(0xa80425fbULL), "00000000a80425fb");
}

}  // namespace
}  // namespace probe
