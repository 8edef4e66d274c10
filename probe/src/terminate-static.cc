// Linked into the static binary only (-DSTATIC=ON): replaces libstdc++'s
// verbose terminate handler, whose C++ demangler alone costs ~50 KB of a
// binary that must fit a < 2 MB FROM scratch image. main() catches every
// std::exception, so this only runs on a bug.
#include <cstdio>
#include <cstdlib>

namespace __gnu_cxx {

void __verbose_terminate_handler() {
  std::fputs("syscall-probe: internal error: terminate called\n", stderr);
  std::abort();
}

}  // namespace __gnu_cxx
