# Cross-build for arm64 on a Debian x86_64 host: Debian's g++-aarch64-linux-gnu
# and the arm64 -dev packages installed through multiarch (dpkg
# --add-architecture arm64; scripts/deps-arm64 installs both). The sysroot is
# "/": the arm64 headers and libraries sit beside the host's under
# /usr/lib/aarch64-linux-gnu, and CMAKE_LIBRARY_ARCHITECTURE makes find_package
# look there (and never in /usr/lib/x86_64-linux-gnu).
#
# Tests and gtest_discover_tests run the arm64 executables through
# qemu-aarch64-static (Debian's qemu-user-static), so no binfmt_misc handler is
# needed for the build.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

find_program(SYSCALL_PROBE_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(SYSCALL_PROBE_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${SYSCALL_PROBE_QEMU_AARCH64}")
else()
  message(WARNING "No qemu-aarch64-static: the arm64 tests cannot run here "
                  "(scripts/deps-arm64 installs qemu-user-static).")
endif()
