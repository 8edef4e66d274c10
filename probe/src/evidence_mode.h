// How far the probe may go to learn whether the kernel has a call's entry
// symbol (evidence.h): the choices of --kallsyms and --btf, apart from the
// command line that sets them.
#pragma once

#include <cstdint>

namespace probe {

/// /proc/kallsyms: read when a verdict needs it (Auto), for every row
/// (Always), or never.
enum class KallsymsMode : std::uint8_t { Auto, Always, Never };
/// The kernel's BTF: read when it can spare /proc/kallsyms (Auto), or never.
enum class BtfMode : std::uint8_t { Auto, Never };

}  // namespace probe
