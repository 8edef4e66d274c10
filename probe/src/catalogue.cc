// The catalogue: the row files joined into one table, ordered by x86_64
// number (arm64-only rows last). Numbers come from
// arch/x86/entry/syscalls/syscall_64.tbl and arch/arm64/tools/syscall_64.tbl
// (scripts/syscall.tbl, include/uapi/asm-generic/unistd.h before 6.11);
// "since" is the first mainline release whose merge added the call. Each
// row's arguments trip the FIRST check of the call's entry path, so a kernel
// that has it fails before any fd, mapping, mount or signal exists and before
// anything could block. docs/catalogue.md cites, per row, the check that
// answers and how the row was verified.
#include "catalogue.h"

#include <algorithm>
#include <vector>

#include "catalogue_rows.h"
#include "precheck.h"

namespace probe {
namespace {

int order(const CatalogueEntry& e) {
  return e.nr_x86_64 >= 0 ? e.nr_x86_64 : 100000 + e.nr_arm64;
}

const std::vector<CatalogueEntry>& table() {
  static const std::vector<CatalogueEntry> all = [] {
    // Sorted by pointer, then copied once: every probe run builds this, and
    // sorting the ~150-byte rows themselves (moves, swaps, a reallocation
    // per part) was a visible share of a census (perf, issue 12).
    std::vector<const CatalogueEntry*> order_of;
    for (const auto part : {rows::since_5_0(), rows::files(), rows::memory(), rows::processes(),
                            rows::clocks(), rows::ipc_net(), rows::machine()}) {
      for (const auto& e : part) order_of.push_back(&e);
    }
    std::sort(
        order_of.begin(), order_of.end(),
        [](const CatalogueEntry* a, const CatalogueEntry* b) { return order(*a) < order(*b); });
    std::vector<CatalogueEntry> v;
    v.reserve(order_of.size());
    for (const auto* e : order_of) v.push_back(*e);
    return v;
  }();
  return all;
}

// Calls whose entry point is not sys_<name> (the fourth column of the
// kernel's tables); catalogue_tables_test checks this list against them.
struct EntryPoint {
  std::string_view name;
  std::string_view x86_64;
  std::string_view arm64;
};
constexpr EntryPoint kEntryPoints[] = {
    {"stat", "newstat", ""},
    {"fstat", "newfstat", "newfstat"},
    {"lstat", "newlstat", ""},
    {"sendfile", "sendfile64", "sendfile64"},
    {"uname", "newuname", "newuname"},
    {"umount2", "umount", "umount"},
    {"fadvise64", "fadvise64", "fadvise64_64"},
};

}  // namespace

std::string_view entry_point(const CatalogueEntry& e, bool arm64) {
  for (const auto& p : kEntryPoints) {
    if (p.name == e.name) return arm64 ? p.arm64 : p.x86_64;
  }
  return e.name;
}

int expected_value(const Expectation& expect, std::string_view release) {
  if (expect.changed_in.empty()) return expect.value;
  const auto have = kernel_version(release);
  const auto changed = kernel_version(expect.changed_in);
  return have && changed && *have < *changed ? expect.value_before : expect.value;
}

std::span<const CatalogueEntry> catalogue() {
  return table();
}

const CatalogueEntry* find_syscall(std::string_view name) {
  // The table by name, once: `--syscalls all` looks up every row.
  static const std::vector<const CatalogueEntry*> by_name = [] {
    std::vector<const CatalogueEntry*> v;
    for (const auto& e : table()) v.push_back(&e);
    std::sort(v.begin(), v.end(),
              [](const CatalogueEntry* a, const CatalogueEntry* b) { return a->name < b->name; });
    return v;
  }();
  const auto it =
      std::lower_bound(by_name.begin(), by_name.end(), name,
                       [](const CatalogueEntry* e, std::string_view n) { return e->name < n; });
  return it != by_name.end() && (*it)->name == name ? *it : nullptr;
}

}  // namespace probe
