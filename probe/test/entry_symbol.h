// The prefix of a syscall's entry symbol on the architecture the tests are
// built for, as a string literal to splice into captured kallsyms lines and
// BTF names: the fixtures were captured on x86_64 ("__x64_sys_read") and read
// the same on arm64 ("__arm64_sys_read"), where the probe looks for that.
#pragma once

#if defined(__aarch64__)
#define SP_ENTRY "__arm64_sys_"
#else
#define SP_ENTRY "__x64_sys_"
#endif
