// The steps of gather_report (report.h), each on its own: reading the
// environment beside the calls, attaching their outcomes, asking the
// kernel's symbol tables, judging. Each reads and writes the Report it is
// given, and the System only where it says so.
#pragma once

#include <string>
#include <vector>

#include "plan.h"
#include "precheck.h"
#include "report.h"
#include "system.h"

namespace probe {

/// Reads what the report says of the environment through `sys`: uname, the
/// container's and the emulator's clues, /proc/self/status, the namespaces,
/// the uid map. Not the security modules: read_lsm needs a child of its own.
void read_environment(System& sys, Report& r);

/// One fresh Attempt per row of `plan`, in the report's order, for a kernel
/// of `release`.
std::vector<Attempt> catalogue_attempts(const CallPlan& plan, const std::string& release);

/// The report's own call, then its catalogue rows in the order of the
/// plan's calls: the order of the door's outcomes (split_outcomes).
std::vector<Attempt*> in_call_order(Report& r, const CallPlan& plan);

/// The facts the catalogue's prechecks need, reading through `sys` only the
/// files some row of `r.catalogue` asks about.
CallerFacts caller_facts(System& sys, const Report& r);

/// Gives each of `calls` its outcome (outcomes.calls, in the same order) and
/// each row with a precheck whether this caller passes it: with
/// no_new_privs for the rows made after the prctl, when it returned 0.
void attach_outcomes(const std::vector<Attempt*>& calls, PlannedOutcomes outcomes,
                     const CallerFacts& facts);

/// Asks the filters (System::ask_filters) who answered those of `calls` a
/// filter may have answered, and records it in each attempt. Under a filter
/// only: with none installed no filter can have answered.
FilterAsking ask_who_answered(System& sys, const std::vector<Attempt*>& calls, int timeout_ms);

/// Under gVisor: the second requests that settle what the Sentry's first
/// answers leave open (sentry.h), each in a forked child of its own memory,
/// those in a user namespace last (a child serves one kind).
void look_again_under_sentry(System& sys, std::vector<Attempt>& rows, int timeout_ms);

/// Asks the kernel's BTF and then /proc/kallsyms, each at most once, about
/// the entry symbols of those of `calls` whose verdicts need them (every one
/// with KallsymsMode::Always), and records the answers in `r` and in each
/// attempt. Under an emulator, the host kernel's symbols, or none when its
/// architecture did not show.
void attach_symbols(System& sys, Report& r, const std::vector<Attempt*>& calls,
                    KallsymsMode kallsyms, BtfMode btf);

/// The verdict, answerer, proof and sentence of each of `calls`, from what
/// `r` holds: its outcome, the symbols, the filters' and the Sentry's
/// answers, the emulator, the security modules.
void judge_attempts(const Report& r, const std::vector<Attempt*>& calls);

}  // namespace probe
