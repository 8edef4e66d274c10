#include "report.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>

#include <sys/prctl.h>
#include <sys/syscall.h>

#include <algorithm>
#include <array>
#include <set>

#include "catalogue.h"
#include "kallsyms.h"
#include "linux/syscall_probe.h"
#include "log.h"
#include "runtime_filter.h"
#include "sentry.h"

namespace probe {

namespace {

// /proc/self/ns entries worth reporting (Linux 5.6+ has all of them).
constexpr std::array<const char*, 10> kNamespaces{
    "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children",
    "user",   "uts"};

bool exists(System& sys, const std::string& path) {
  auto r = sys.read_file(path);
  return r.ok() || (r.error().err != ENOENT && r.error().err != ENOTDIR);
}

std::optional<std::string> read_opt(System& sys, const std::string& path) {
  auto r = sys.read_file(path);
  if (r) return r.value();
  log(LogLevel::Debug, r.error().message());
  return std::nullopt;
}

// Fills `a`, a fresh Attempt, for a catalogue entry on a kernel of
// `release`. In place: a census has ~400 rows, and a
// returned Attempt cost a move of its dozen fields per row.
void catalogue_attempt(const CatalogueEntry& e, const std::string& release, Attempt& a) {
  a.name = e.name;
  a.nr = nr_here(e);
  a.arch = probe_arch();
  a.since = e.since;
  a.entry = entry_point_here(e);
  // A call removed by this release (or not yet on this architecture) is
  // sys_ni_syscall here: no precheck, no errno but ENOSYS.
  const auto kind = expected_kind_here(e.expect, release);
  switch (kind) {
    case Expectation::Kind::Signal:
      a.expectation = {ExpectedAnswer::Kind::Signal, e.expect.value};
      a.expected = signal_name(e.expect.value);
      break;
    case Expectation::Kind::Errno: {
      const int err = expected_value(e.expect, release);
      a.expectation = {ExpectedAnswer::Kind::Errno, err};
      a.expected = errno_name(err);
      break;
    }
    case Expectation::Kind::Returns:
      a.expectation = {ExpectedAnswer::Kind::Returns, 0};
      a.expected = "a value >= 0";
      break;
    case Expectation::Kind::NeverImplemented:
    case Expectation::Kind::NotProbed:  // never attempted: gather_report skips it
      a.expectation = {ExpectedAnswer::Kind::NeverImplemented, 0};
      a.expected = "ENOSYS (never implemented)";
      break;
  }
  if (kind == Expectation::Kind::NeverImplemented) return;
  if (e.precheck != Precheck::None) a.expectation.alt_errno = e.alt_errno;
  a.precheck = e.precheck;
}

// prctl(PR_SET_NO_NEW_PRIVS, 1): made in the probe's child before the calls
// whose kernel check no_new_privs passes (landlock_restrict_self), so their
// EPERM under a filter is the filter's. It only restricts that child, which
// execs nothing.
SyscallRequest no_new_privs_request() {
  SyscallRequest req;
  req.nr = SYS_prctl;
  req.args[0] = PR_SET_NO_NEW_PRIVS;
  req.args[1] = 1;
  return req;
}

bool any_precheck(const std::vector<Attempt>& attempts, Precheck p) {
  for (const auto& a : attempts) {
    if (a.precheck == p) return true;
  }
  return false;
}

// The facts the catalogue's prechecks need, reading only what some entry asks.
CallerFacts caller_facts(System& sys, const Report& r) {
  CallerFacts f;
  f.cap_eff = r.status.cap_eff;
  if (!r.uid_map.empty()) f.initial_user_ns = r.uid_identity;
  f.no_new_privs = r.status.no_new_privs;
  f.release = r.uts.release;
  f.arch = probe_arch();
  if (any_precheck(r.catalogue, Precheck::IoUringAllowed)) {
    auto v = sys.read_file("/proc/sys/kernel/io_uring_disabled");
    if (v) {
      // "0\n", "1\n" or "2\n"; anything else leaves it unknown.
      const std::string& t = v.value();
      if (!t.empty() && t[0] >= '0' && t[0] <= '2' && (t.size() == 1 || t[1] == '\n')) {
        f.io_uring_disabled = t[0] - '0';
      }
    } else {
      f.io_uring_sysctl_missing = v.error().err == ENOENT;
    }
  }
  if (any_precheck(r.catalogue, Precheck::SecretmemEnabled)) {
    if (auto v = read_opt(sys, "/sys/module/secretmem/parameters/enable"); v && !v->empty()) {
      f.secretmem_enable = (*v)[0] == 'Y';
    }
    f.cmdline = read_opt(sys, "/proc/cmdline");
  }
  return f;
}

// Asks the filters who answered the attempts a filter may have answered
// (System::ask_filters), and records what was learned. Under a filter only:
// with none installed no filter can have answered.
FilterAsking ask_who_answered(System& sys, const std::vector<Attempt*>& all, int timeout_ms) {
  FilterAsking asking;
  std::vector<Attempt*> asked;
  std::vector<SyscallRequest> requests;
  for (Attempt* a : all) {
    if (!worth_asking_filters(a->expectation, a->outcome)) continue;
    asked.push_back(a);
    SyscallRequest& req = requests.emplace_back();
    req.nr = a->nr;
    if (const CatalogueEntry* e = find_syscall(a->name); e != nullptr && a->since) {
      for (std::size_t i = 0; i < req.args.size(); ++i) req.args[i] = e->args[i];
    } else {
      req.args[0] = a->token.value_or(0);
    }
  }
  if (asked.empty()) return asking;
  asking.asked = true;
  asking.calls = static_cast<int>(asked.size());
  FilterAnswers answers = sys.ask_filters(requests, timeout_ms);
  asking.install = answers.install;
  asking.error = std::move(answers.error);
  for (std::size_t i = 0; i < asked.size() && i < answers.notified.size(); ++i) {
    // Asked with TRACE (a supervisor's listener in the chain): our ENOSYS
    // proves nothing for a call whose plain answer was ENOSYS too.
    const bool blind = answers.traced && asked[i]->outcome.kind == Outcome::Kind::Errno &&
                       asked[i]->outcome.err == ENOSYS;
    asked[i]->filter_notified = blind ? std::nullopt : answers.notified[i];
    if (asked[i]->filter_notified == true) ++asking.notified;
  }
  if (log_enabled(LogLevel::Debug)) {
    log(LogLevel::Debug, "asked the filters about ", asking.calls, " calls: ", asking.notified,
        " notified", asking.error.empty() ? "" : "; ", asking.error);
  }
  return asking;
}

// Under gVisor: the second requests that settle what the Sentry's first
// answers leave open (sentry.h), each in a forked child of its own memory,
// those in a user namespace last (a child serves one kind).
void look_again_under_sentry(System& sys, std::vector<Attempt>& rows, int timeout_ms) {
  std::vector<Attempt*> looked;
  std::vector<SecondLookPlan> plans;
  std::vector<SyscallRequest> requests;
  for (const bool in_user_namespace : {false, true}) {
    for (Attempt& a : rows) {
      const auto* second = second_request(a.name);
      const auto plan = second_look_plan(a.expectation, a.outcome, second != nullptr);
      if (!plan || plan->in_user_namespace != in_user_namespace) continue;
      // The row itself only for the same request again.
      const bool again = plan->request == SecondLookPlan::Request::Second && second != nullptr;
      const CatalogueEntry* e = again ? nullptr : find_syscall(a.name);
      if (!again && e == nullptr) continue;
      SyscallRequest& req = requests.emplace_back();
      req.nr = a.nr;
      req.args = again ? *second : e->args;
      req.own_memory = true;
      req.own_user_namespace = in_user_namespace;
      looked.push_back(&a);
      plans.push_back(*plan);
    }
  }
  if (requests.empty()) return;
  // A zeroed buffer per request where an argument asks for one: a forked
  // child writes its own copy.
  std::vector<std::array<std::uint8_t, kScratchBytes>> scratch(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    for (auto& arg : requests[i].args) {
      if (arg == kScratch) arg = reinterpret_cast<std::uintptr_t>(scratch[i].data());
    }
  }
  std::vector<Outcome> outcomes = sys.attempt_all(requests, timeout_ms, {});
  for (std::size_t i = 0; i < looked.size() && i < outcomes.size(); ++i) {
    if (log_enabled(LogLevel::Debug)) {
      log(LogLevel::Debug, looked[i]->name, " again under the Sentry (", second_look_name(plans[i]),
          plans[i].in_user_namespace ? ", own user namespace" : "", "): ", describe(outcomes[i]));
    }
    looked[i]->second_look = SecondLook{plans[i], std::move(outcomes[i])};
  }
}

// What the kernel is said to have answered was, under gVisor, the Sentry's,
// and under an emulator came through it.
void attribute_answerer(Attempt& a, const Report& r) {
  if (r.emulation.emulated && a.answered_by != Answerer::Filter) {
    a.answered_by = Answerer::Emulator;
    a.proof = Proof::Emulation;
  } else if (runtime_filter(r.container.runtime).sentry && a.answered_by == Answerer::Kernel &&
             !(seccomp_passthrough_here(a.nr) && meets(a.expectation, a.outcome))) {
    a.answered_by = Answerer::Sentry;
    if (a.proof == Proof::PlainCall) a.proof = Proof::Runtime;
  }
}

}  // namespace

std::string explanation_of(const Attempt& a) {
  return a.expected_errno ? expected_errno_sentence(a.outcome.err, a.name) : a.explanation;
}

std::string symbol_of(const Attempt& a) {
  return syscall_symbol(a.entry, a.symbol_prefix);
}

const char* probe_arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#else
  return "unknown";
#endif
}

std::string utc_now() {
  return utc_stamp(static_cast<std::int64_t>(std::time(nullptr)));
}

std::string utc_stamp(std::int64_t seconds) {
  // Four-digit years only: also bounds the loop below.
  if (seconds < 0 || seconds > 253402300799) return {};
  std::int64_t days = seconds / 86400;
  const std::int64_t in_day = seconds % 86400;
  const auto leap = [](std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  std::int64_t year = 1970;
  while (days >= (leap(year) ? 366 : 365)) days -= leap(year++) ? 366 : 365;
  constexpr std::array<int, 12> kMonthDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  for (; month < 11; ++month) {
    const int length =
        kMonthDays.at(static_cast<std::size_t>(month)) + (month == 1 && leap(year) ? 1 : 0);
    if (days < length) break;
    days -= length;
  }
  char buf[32];
  // Every field fits an int once the year is at most 9999.
  const auto as_int = [](std::int64_t v) { return static_cast<int>(v); };
  const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", as_int(year),
                              month + 1, as_int(days + 1), as_int(in_day / 3600),
                              as_int(in_day / 60 % 60), as_int(in_day % 60));
  return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf) : std::string();
}

Report gather_report(System& sys, const Options& opt, const std::string& now_utc) {
  Report r;
  r.probe_version = probe_version();
  r.label = opt.label;
  r.generated_at = now_utc;

  // The calls first, from the catalogue alone; everything else is read and
  // built beside the child making them.
  Attempt& own = r.syscall;
  own.name = SYSCALL_PROBE_NAME;
  own.nr = opt.nr;
  own.arch = probe_arch();
  own.entry = SYSCALL_PROBE_NAME;
  own.token = opt.arg ? *opt.arg : sys.random_u32();
  own.expected_value = static_cast<std::uint64_t>(*own.token) ^ SYSCALL_PROBE_MAGIC;
  own.expectation = {ExpectedAnswer::Kind::Value, static_cast<std::int64_t>(*own.expected_value)};
  std::vector<SyscallRequest> requests(1);
  requests[0].nr = own.nr;
  requests[0].args[0] = *own.token;
  // Any number but ours is a call nobody vetted: it gets a child with its
  // own memory (system.h), whatever it does to its mappings.
  requests[0].own_memory = own.nr != SYSCALL_PROBE_NR;
  // The order of the calls: most first; then, after prctl(PR_SET_NO_NEW_PRIVS),
  // those that need it; last, those expected to kill their caller
  // (uretprobe), so that their death costs no fresh child for the rest.
  const auto phase = [](const CatalogueEntry& e) {
    if (e.expect.kind == Expectation::Kind::Signal) return 2;        // last
    return e.precheck == Precheck::NoNewPrivsOrCapSysAdmin ? 1 : 0;  // late, or most
  };
  std::vector<const CatalogueEntry*> rows;  // opt.syscalls' probed entries, in order
  rows.reserve(opt.syscalls.size());
  // Not built at all for a run without --syscalls.
  const auto table = opt.syscalls.empty() ? std::span<const CatalogueEntry>{} : catalogue();
  const CatalogueEntry* e = nullptr;
  for (const auto& name : opt.syscalls) {
    // `all` lists the table in order: try the row after the last first.
    if (e != nullptr && e + 1 < table.data() + table.size() && e[1].name == name) {
      ++e;
    } else {
      e = find_syscall(name);
    }
    // Calls no argument can stop (exit, fork, ...) are never made.
    if (e != nullptr && probed(*e)) rows.push_back(e);
  }
  // Indices into rows, in the order of the calls; the requests and the
  // attempts their outcomes go to both follow it.
  std::vector<std::size_t> order;
  order.reserve(rows.size());
  for (int p = 0; p <= 2; ++p) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (phase(*rows[i]) == p) order.push_back(i);
    }
  }
  const auto first_late = static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [&](const auto* row) { return phase(*row) == 0; }));
  const bool any_late = first_late < order.size() && phase(*rows[order[first_late]]) == 1;
  const std::size_t nnp_index = 1 + first_late;  // after our own call and the most
  requests.reserve(rows.size() + 2);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (any_late && k == first_late) requests.push_back(no_new_privs_request());
    const CatalogueEntry& row = *rows[order[k]];
    SyscallRequest& req = requests.emplace_back();
    req.nr = nr_here(row);
    for (std::size_t i = 0; i < req.args.size(); ++i) req.args[i] = row.args[i];
  }

  // Every call in children, as few as the answers allow; meanwhile the
  // environment, which no call needs, is read and the rows are built beside
  // them (on two CPUs this hides the /proc reads and the rows).
  CallerFacts facts;
  std::vector<Attempt*> all{&own};  // in the order of the requests but the prctl
  std::vector<Outcome> outcomes = sys.attempt_all(requests, opt.timeout_ms, [&] {
    if (auto u = sys.uname()) {
      r.uts = u.value();
    } else {
      log(LogLevel::Warn, u.error().message());
    }
    r.flavour = kernel_flavour(r.uts.release, r.uts.version);
    ContainerClues clues;
    clues.dockerenv = exists(sys, "/.dockerenv");
    clues.containerenv = exists(sys, "/run/.containerenv");
    clues.cgroup = read_opt(sys, "/proc/self/cgroup");
    clues.mountinfo = read_opt(sys, "/proc/self/mountinfo");
    clues.gvisor_kernel = r.flavour.name == "gvisor";
    r.container = detect_container(clues);
    if (clues.cgroup) r.cgroup = parse_cgroup(*clues.cgroup);
    r.emulation = detect_emulation(read_emulation_clues(sys, probe_arch()));

    if (auto st = read_opt(sys, "/proc/self/status")) {
      r.status = parse_proc_status(*st);
    } else {
      log(LogLevel::Warn, "cannot read /proc/self/status: confinement unknown");
    }
    for (const char* ns : kNamespaces) {
      if (auto link = sys.readlink(std::string("/proc/self/ns/") + ns)) {
        r.namespaces[ns] = link.value();
      }
    }
    if (auto map = read_opt(sys, "/proc/self/uid_map")) {
      r.uid_map = normalise_uid_map(*map);
      r.uid_identity = uid_map_is_identity(r.uid_map);
    }

    r.catalogue.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      catalogue_attempt(*rows[i], r.uts.release, r.catalogue[i]);
    }
    all.reserve(order.size() + 1);
    for (const std::size_t i : order) all.push_back(&r.catalogue[i]);
    facts = caller_facts(sys, r);
  });
  r.lsm = read_lsm(sys, opt.timeout_ms);  // its call needs a child of its own
  const bool filtered = seccomp_confined(r.status);
  // The prctl returned 0 and the door went on in the same child: the late
  // calls ran with no_new_privs.
  const bool nnp_set = any_late && outcomes.at(nnp_index).kind == Outcome::Kind::Returned &&
                       outcomes.at(nnp_index).value == 0;
  if (any_late) {
    if (log_enabled(LogLevel::Debug)) {
      log(LogLevel::Debug,
          "prctl(PR_SET_NO_NEW_PRIVS) in the child: ", describe(outcomes.at(nnp_index)));
    }
    outcomes.erase(outcomes.begin() + static_cast<std::ptrdiff_t>(nnp_index));
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i]->outcome = std::move(outcomes.at(i));
    if (log_enabled(LogLevel::Debug)) {
      log(LogLevel::Debug, all[i]->name, " (nr ", all[i]->nr, "): ", describe(all[i]->outcome));
    }
  }
  // The late rows' child had no_new_privs; the facts are copied for them
  // alone (they hold the release and the command line).
  CallerFacts with_nnp;
  if (nnp_set) {
    with_nnp = facts;
    with_nnp.no_new_privs = true;
  }
  for (auto& a : r.catalogue) {
    if (a.precheck == Precheck::None) continue;
    const bool late_nnp = a.precheck == Precheck::NoNewPrivsOrCapSysAdmin && nnp_set;
    if (late_nnp) a.child_no_new_privs = true;
    a.precheck_passed = precheck_passes(a.precheck, late_nnp ? with_nnp : facts);
  }
  own.verified = meets(own.expectation, own.outcome);
  // Who answered what a filter may have answered: asked of the filters
  // themselves, in a second child, before the symbols (which then only
  // settle whether the kernel has what a filter refused).
  if (filtered) r.filter_asking = ask_who_answered(sys, all, opt.timeout_ms);
  const bool sentry = runtime_filter(r.container.runtime).sentry;
  if (sentry) look_again_under_sentry(sys, r.catalogue, opt.timeout_ms);
  const bool listener = r.filter_asking.install == FilterAnswers::Install::Busy;

  // The symbols of the rows whose verdict needs them: built for those only.
  std::vector<Attempt*> asked;
  std::vector<std::string> asking;
  std::set<std::string> btf_blind;  // old calls: BTF's silence is a hole, not absence
  // Under an emulator the host kernel answers: its symbols are asked, by its
  // architecture's names, and none when that did not show (emulation.h).
  const std::optional<std::string_view> prefix = kernel_symbol_prefix(r.emulation);
  if (r.emulation.emulated && prefix) {
    for (Attempt* a : all) {
      a->symbol_prefix = *prefix;
      if (const CatalogueEntry* row = find_syscall(a->name)) {
        a->entry = kernel_entry_point(r.emulation, *row);
      }
    }
  }
  for (Attempt* a : all) {
    const bool needed = needs_symbol_evidence(a->expectation, a->outcome, filtered) ||
                        needs_host_symbol(r.emulation, a->outcome);
    if (prefix && (opt.kallsyms == KallsymsMode::Always || needed)) {
      asked.push_back(a);
      asking.push_back(symbol_of(*a));
      if (a->since && !btf_may_prove_absence(*a->since)) btf_blind.insert(asking.back());
    }
  }
  SymbolEvidence symbols = gather_symbol_evidence(sys, asking, opt.kallsyms, opt.btf, btf_blind,
                                                  prefix.value_or(syscall_symbol_prefix()));
  r.btf = symbols.btf;
  r.kallsyms = symbols.kallsyms;
  r.btf_contradicted = symbols.contradicted;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    auto it = symbols.answers.find(asking[i]);
    if (it == symbols.answers.end()) continue;
    asked[i]->kernel_has_symbol = it->second.present;
    asked[i]->evidence = it->second.source;
  }

  // One Evidence for every row, its strings assigned in place: no
  // allocation per row for what the sentences only read.
  Evidence ev;
  // The sentence of the commonest answer waits until something prints it,
  // where nothing rewrites it (emulation.h, runtime_filter.h).
  const bool plain = !r.emulation.emulated && !sentry;
  for (Attempt* a : all) {
    if (plain && a->expectation.kind == ExpectedAnswer::Kind::Errno &&
        meets(a->expectation, a->outcome)) {
      a->verdict = Verdict::Implemented;
      a->answered_by = Answerer::Kernel;
      a->proof = Proof::ExpectedAnswer;
      a->expected_errno = true;
      continue;
    }
    // Whatever profile the runtime applied (its default or the user's own),
    // an EPERM under it may be the filter's or the kernel's: judge() settles
    // that from the precheck (the caller passes the kernel's own check or
    // not), never from an assumption about which profile is loaded.
    ev.filtered = filtered;
    ev.kernel_has_symbol = a->kernel_has_symbol;
    ev.source = a->evidence.value_or(EvidenceSource::Kallsyms);
    // Only the sentences about evidence name the symbol (and an emulator's:
    // the host kernel's symbol it asked, known or not).
    if (a->kernel_has_symbol || r.emulation.emulated) {
      ev.symbol = symbol_of(*a);
    } else {
      ev.symbol.clear();
    }
    ev.name = a->name;
    ev.precheck_passed = a->precheck_passed;
    ev.precheck = precheck_text(a->precheck);
    ev.runtime = r.container.runtime;
    ev.filter_answered =
        a->filter_notified ? std::optional<bool>(!*a->filter_notified) : std::nullopt;
    ev.listener_in_chain = listener;
    // Under an emulator the kernel's view is rewritten: ENOSYS may be the
    // emulator's own answer (emulation.h).
    Judgement j = judge_under_emulation(judge(a->expectation, a->outcome, ev), a->expectation,
                                        a->outcome, ev, r.emulation);
    if (sentry && a != &own) {
      j = judge_under_sentry(std::move(j), a->expectation, a->outcome, a->second_look, a->name,
                             a->nr);
    }
    a->verdict = j.verdict;
    a->answered_by = j.by;
    a->proof = j.proof;
    attribute_answerer(*a, r);
    a->explanation = attribute_answer(std::move(j.explanation), r.container.runtime);
    // A refusal no filter was proven to give may be a security module's.
    if ((a->answered_by == Answerer::Kernel || a->answered_by == Answerer::Unknown) &&
        a->outcome.kind == Outcome::Kind::Errno && !meets(a->expectation, a->outcome)) {
      a->explanation = with_clause(std::move(a->explanation),
                                   lsm_clause(a->name, a->outcome.err, a->precheck_passed, r.lsm));
    }
  }
  return r;
}

}  // namespace probe
