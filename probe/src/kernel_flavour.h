// Which kind of kernel a uname release/version belongs to. Pure.
#pragma once

#include <string>
#include <string_view>

namespace probe {

struct Flavour {
  std::string name;           ///< the schema's enum: "debian", "gvisor", "syscall-probe", ...
  std::string note;           ///< one sentence for a student
  bool shared_kernel = true;  ///< false where uname is synthetic (gVisor)
};

/// Classifies `release` (uname -r) and `version` (uname -v) by known patterns;
/// "other" when none matches.
Flavour kernel_flavour(std::string_view release, std::string_view version);

}  // namespace probe
