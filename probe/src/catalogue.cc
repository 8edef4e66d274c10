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
#include <array>
#include <cstdint>
#include <optional>

#include "catalogue_fs.h"
#include "catalogue_ipc_net.h"
#include "catalogue_mm.h"
#include "catalogue_process.h"
#include "catalogue_rows.h"
#include "catalogue_since_5_0.h"
#include "catalogue_system.h"
#include "catalogue_time.h"
#include "precheck.h"

namespace probe {
namespace {

constexpr int order(const CatalogueEntry& e) {
  return e.nr_x86_64 >= 0 ? e.nr_x86_64 : 100000 + e.nr_arm64;
}

constexpr std::size_t kRowCount = std::size(rows::kSince5_0) + std::size(rows::kFiles) +
                                  std::size(rows::kMemory) + std::size(rows::kProcesses) +
                                  std::size(rows::kClocks) + std::size(rows::kIpcNet) +
                                  std::size(rows::kMachine);

// A row and the subject of the file it comes from, only while the table is
// built: the subjects are kept apart (kSubsystems), so a row is no larger.
struct TaggedRow {
  CatalogueEntry entry;
  Subsystem subsystem;
};

// The row headers joined and ordered by the compiler: a probe run neither
// copies nor sorts the table (at run time that was ~0.5M instructions and
// 15 page faults of a census). It lives in read-only data.
constexpr std::array<TaggedRow, kRowCount> kTagged = [] {
  std::array<TaggedRow, kRowCount> all{};
  std::size_t n = 0;
  const auto append = [&all, &n](const auto& part, Subsystem subsystem) {
    for (const auto& row : part) all[n++] = {row, subsystem};
  };
  append(rows::kSince5_0, Subsystem::Since5_0);
  append(rows::kFiles, Subsystem::Files);
  append(rows::kMemory, Subsystem::Memory);
  append(rows::kProcesses, Subsystem::Processes);
  append(rows::kClocks, Subsystem::Clocks);
  append(rows::kIpcNet, Subsystem::IpcNet);
  append(rows::kMachine, Subsystem::Machine);
  std::sort(all.begin(), all.end(),
            [](const TaggedRow& a, const TaggedRow& b) { return order(a.entry) < order(b.entry); });
  return all;
}();

constexpr std::array<CatalogueEntry, kRowCount> kTable = [] {
  std::array<CatalogueEntry, kRowCount> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = kTagged[i].entry;
  return all;
}();

// kTable[i]'s subject, one byte a row.
constexpr std::array<Subsystem, kRowCount> kSubsystems = [] {
  std::array<Subsystem, kRowCount> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = kTagged[i].subsystem;
  return all;
}();

// Positions in kTable ordered by name, for find_syscall; also built by the
// compiler.
constexpr std::array<std::uint16_t, kRowCount> kByName = [] {
  std::array<std::uint16_t, kRowCount> at{};
  for (std::size_t i = 0; i < at.size(); ++i) at[i] = static_cast<std::uint16_t>(i);
  std::sort(at.begin(), at.end(),
            [](std::uint16_t a, std::uint16_t b) { return kTable[a].name < kTable[b].name; });
  return at;
}();

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

// The second requests (catalogue.h), by name; docs/catalogue.md says what
// a kernel with the call answers to each. kScratch is a zeroed buffer.
struct SecondRequestRow {
  std::string_view name;
  std::array<std::uint64_t, 6> args;
};
constexpr auto kNeg = [](std::int64_t v) { return static_cast<std::uint64_t>(v); };
constexpr SecondRequestRow kSecondRequests[] = {
    // SYSLOG_ACTION_SIZE_BUFFER: the buffer's size (EPERM under dmesg_restrict)
    {"syslog", {10, 0, 0}},
    // sched_rr_get_interval(0, &ts): 0
    {"sched_rr_get_interval", {0, kScratch}},
    // a zeroed struct __sysctl_args, nlen 0: ENOTDIR
    {"_sysctl", {kScratch}},
    // type "": EINVAL
    {"add_key", {kScratch, 0, 0, 0, 0}},
    {"request_key", {kScratch, 0, 0, 0}},
    // KEYCTL_GET_KEYRING_ID of the session keyring, not created: an id or ENOKEY
    {"keyctl", {0, kNeg(-3), 0}},
    // an iocb of key 0 for context 0: EINVAL (no such context)
    {"io_cancel", {0, kScratch, kScratch}},
    // fd 0, not a namespace: EINVAL
    {"setns", {0, 0}},
    // a zeroed perf_event_attr (VER0): an fd, or EACCES, ENOENT, EOPNOTSUPP
    {"perf_event_open", {kScratch, 0, kNeg(-1), kNeg(-1), 0}},
    // the cwd (AT_EMPTY_PATH) into a handle of 0 bytes: EOVERFLOW or EOPNOTSUPP
    {"name_to_handle_at", {kNeg(-100), kScratch, kScratch, kScratch, 0x1000}},
    // a handle of 0 bytes: EINVAL, or EPERM without CAP_DAC_READ_SEARCH
    {"open_by_handle_at", {kNeg(-100), kScratch, 0}},
    // a zeroed struct rseq of 32 bytes: registered (0), or EBUSY, EINVAL
    {"rseq", {kScratch, 32, 0, 0}},
    // one entry, zeroed params: an io_uring fd, or EPERM (io_uring_disabled)
    {"io_uring_setup", {1, kScratch}},
    // fd 0, not an io_uring: EOPNOTSUPP (EBADF if closed)
    {"io_uring_enter", {0, 0, 0, 0, 0, 0}},
};

}  // namespace

std::string_view subsystem_name(Subsystem s) {
  switch (s) {
    case Subsystem::Since5_0: return "since 5.0";
    case Subsystem::Files: return "files";
    case Subsystem::Memory: return "memory";
    case Subsystem::Processes: return "processes";
    case Subsystem::Clocks: return "time";
    case Subsystem::IpcNet: return "ipc, net";
    case Subsystem::Machine: return "system";
  }
  return "system";
}

const std::array<std::uint64_t, 6>* second_request(std::string_view name) {
  for (const auto& r : kSecondRequests) {
    if (r.name == name) return &r.args;
  }
  return nullptr;
}

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

Expectation::Kind expected_kind(const Expectation& expect, std::string_view release, bool arm64) {
  const auto have = kernel_version(release);
  // An unreadable release is the newest kernel: removed, and arm64 has it.
  const auto before = [&have](std::string_view r) {
    const auto v = kernel_version(r);
    return have && v && *have < *v;
  };
  if (!expect.removed_in.empty() && !before(expect.removed_in)) {
    return Expectation::Kind::NeverImplemented;
  }
  if (arm64 && !expect.arm64_from.empty() && before(expect.arm64_from)) {
    return Expectation::Kind::NeverImplemented;
  }
  return expect.kind;
}

std::span<const CatalogueEntry> catalogue() {
  return kTable;
}

namespace {

// kTable's position of the entry with this name, or -1.
int position(std::string_view name) {
  const auto* it =
      std::lower_bound(kByName.begin(), kByName.end(), name,
                       [](std::uint16_t at, std::string_view n) { return kTable[at].name < n; });
  return it != kByName.end() && kTable[*it].name == name ? *it : -1;
}

}  // namespace

const CatalogueEntry* find_syscall(std::string_view name) {
  const int at = position(name);
  return at < 0 ? nullptr : &kTable[static_cast<std::size_t>(at)];
}

std::optional<Subsystem> subsystem_of(std::string_view name) {
  const int at = position(name);
  if (at < 0) return std::nullopt;
  return kSubsystems[static_cast<std::size_t>(at)];
}

}  // namespace probe
