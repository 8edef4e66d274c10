#include "runtime_filter.h"

#include <cerrno>

namespace probe {

RuntimeFilter runtime_filter(std::string_view runtime) {
  // Docker's profile (moby profiles/seccomp/default.json) has defaultErrnoRet
  // EPERM; runc prepends its ENOSYS stub for numbers above the highest name
  // in the profile (seccomp/README.md).
  if (runtime == "docker") return {"Docker's default profile", EPERM, true, false};
  // containerd's default profile (contrib/seccomp/seccomp_default.go) is what
  // the kubelet applies for seccompProfile RuntimeDefault; runc, as above.
  if (runtime == "containerd" || runtime == "kubernetes") {
    return {"containerd's default profile (Kubernetes' RuntimeDefault)", EPERM, true, false};
  }
  // containers-common's /usr/share/containers/seccomp.json: defaultErrnoRet
  // 38 (ENOSYS) for everything it does not list; crun applies it as is.
  if (runtime == "podman") {
    return {"Podman's default profile (containers-common seccomp.json)", ENOSYS, false, false};
  }
  // runsc implements the calls itself (pkg/sentry/syscalls/linux); it
  // ignores the OCI seccomp profile unless started with --oci-seccomp.
  if (runtime == "gvisor") return {"gVisor's Sentry", 0, false, true};
  return {"the seccomp filter", 0, true, false};
}

std::string filter_enosys_reason(std::string_view runtime, std::string_view name) {
  const RuntimeFilter f = runtime_filter(runtime);
  const std::string unseen = ", so the kernel's own answer was never seen";
  if (f.default_errno == ENOSYS) {
    return std::string(f.profile) + " answers ENOSYS for every call it does not allow" + unseen;
  }
  // Both profiles list clone3 with errnoRet ENOSYS for callers without
  // CAP_SYS_ADMIN.
  if (f.default_errno == EPERM && name == "clone3") {
    return std::string(f.profile) +
           " answers ENOSYS for clone3 without CAP_SYS_ADMIN (glibc falls back to clone only "
           "on ENOSYS)" +
           unseen;
  }
  if (f.default_errno == EPERM) {
    return std::string(f.profile) +
           " answers EPERM for the calls it does not allow, but runc answers "
           "ENOSYS for any number above the highest syscall the profile names" +
           unseen;
  }
  return "runtimes answer ENOSYS for any number above the highest syscall their profile "
         "names" +
         unseen;
}

std::string sentry_enosys(std::string_view name) {
  return "gVisor's Sentry answered ENOSYS, so it does not implement " + std::string(name) +
         "; the host kernel was never asked and may well have it.";
}

std::string attribute_answer(std::string explanation, std::string_view runtime) {
  constexpr std::string_view kKernel = "The kernel ";
  if (!runtime_filter(runtime).sentry || explanation.rfind(kKernel, 0) != 0) return explanation;
  return "gVisor's Sentry (not the host kernel) " + explanation.substr(kKernel.size());
}

}  // namespace probe
