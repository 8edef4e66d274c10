// compare --group: hosts that would read the same in every row become one
// column with a count, so that a fleet of many nodes and few kinds of node
// reads as few columns (docs/fleet.md "Which nodes differ"). Pure.
#pragma once

#include <string>
#include <vector>

#include "compare/matrix.h"

namespace probe::compare {

/// The label of a column that stands for `count` identical hosts: "3 nodes".
std::string group_label(std::size_t count);

/// Merges hosts whose Host::identity is equal (parse.h: every verdict, the
/// kernel and the confinement facts; never the label, hostname, token or
/// timings) into one host: the first of them, in the order first seen, its
/// label group_label(n) when n > 1 and Host::members the labels of all n. A
/// failed host (no identity) always keeps a column of its own.
std::vector<Host> group_identical(std::vector<Host> hosts);

}  // namespace probe::compare
