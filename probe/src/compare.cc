// Placeholder until the compare subcommand lands (issue 5); replaced wholesale.
#include "compare.h"

#include <cstdio>

namespace probe {

int compare_main(int /*argc*/, char** /*argv*/) {
  std::fputs("syscall-probe compare: not built yet in this revision\n", stderr);
  return 3;
}

}  // namespace probe
