#include "evidence.h"

#include <algorithm>
#include <cerrno>
#include <variant>

#include "btf.h"
#include "kallsyms.h"
#include "log.h"
#include "precheck.h"

namespace probe {

namespace {

// A syscall every kernel has: a list without its entry symbol is censored
// or synthetic (gVisor), and its silence proves nothing.
constexpr const char* kSentinel = "read";

// Reads the BTF blob's two sections through `scan`. nullopt when whole and
// well formed; else why not.
std::optional<std::string> scan_btf(System& sys, BtfScan& scan) {
  std::string head;
  auto got = sys.stream_file(kBtfPath, 0, kBtfHeaderSize, [&head](std::string_view c) {
    head.append(c);
    return true;
  });
  if (!got) {
    return got.error().err == ENOENT ? std::string("no ") + kBtfPath + " (kernel built without BTF)"
                                     : got.error().message();
  }
  auto parsed = parse_btf_header(head);
  if (const auto* why = std::get_if<std::string>(&parsed))
    return std::string(kBtfPath) + ": " + *why;
  const auto& layout = std::get<BtfLayout>(parsed);
  // Names first, so the pass over the types knows which offsets to watch.
  auto strings = sys.stream_file(kBtfPath, layout.strings_begin, layout.strings_size,
                                 [&scan](std::string_view c) {
                                   scan.feed_strings(c);
                                   return true;
                                 });
  if (!strings) return strings.error().message();
  if (strings.value() != layout.strings_size) {
    return std::string(kBtfPath) + " ends inside its string section";
  }
  auto types = sys.stream_file(kBtfPath, layout.types_begin, layout.types_size,
                               [&scan](std::string_view c) { return scan.feed_types(c); });
  if (!types) return types.error().message();
  // A malformed record stops the stream early: say why before "too short".
  if (auto why = scan.finish()) return std::string(kBtfPath) + ": " + *why;
  if (types.value() != layout.types_size) {
    return std::string(kBtfPath) + " ends inside its type section";
  }
  return std::nullopt;
}

}  // namespace

bool btf_may_prove_absence(std::string_view since) {
  if (since.empty()) return false;  // older than 5.0
  const auto v = kernel_version(since);
  return !v || *v > std::pair{5, 4};
}

std::vector<std::string> btf_aliases(const std::string& symbol, std::string_view prefix) {
  if (!symbol.starts_with(prefix)) return {};
  const std::string name = symbol.substr(prefix.size());
  if (prefix == "sys_") return {"__do_sys_" + name};
  return {"__do_sys_" + name, "sys_" + name};
}

namespace {

// Asks BTF about `symbols`; records the absent ones in `ev` and returns the
// rest (all of them when BTF cannot be trusted or is not read). `lacking`
// gets every symbol BTF lacks, the blind ones too.
std::vector<std::string> btf_pass(System& sys, const std::vector<std::string>& symbols,
                                  BtfMode mode, const std::string& sentinel,
                                  std::string_view prefix, const std::set<std::string>& blind,
                                  std::set<std::string>& lacking, SymbolEvidence& ev) {
  if (mode == BtfMode::Never) {
    ev.btf.error = "not read: --btf never";
    return symbols;
  }
  std::vector<std::string> names{sentinel};
  for (const auto& s : symbols) {
    names.push_back(s);
    for (auto& alias : btf_aliases(s, prefix)) names.push_back(std::move(alias));
  }
  BtfScan scan(names);
  ev.btf.consulted = true;
  ev.btf.error = scan_btf(sys, scan);
  if (!ev.btf.error && !scan.has_function(sentinel)) {
    ev.btf.error = std::string(kBtfPath) + " has no function " + sentinel +
                   ", so it is not this kernel's whole list and proves nothing";
  }
  if (ev.btf.error) {
    log(LogLevel::Info, "btf: ", *ev.btf.error);
    return symbols;
  }
  ev.btf.readable = true;
  std::vector<std::string> left;
  for (const auto& s : symbols) {
    bool listed = scan.has_function(s);
    for (const auto& alias : btf_aliases(s, prefix)) listed = listed || scan.has_function(alias);
    if (!listed) lacking.insert(s);
    if (listed || blind.contains(s)) {
      left.push_back(s);  // implemented or a weak stub (or a hole): kallsyms knows
    } else {
      ev.answers[s] = {false, EvidenceSource::Btf};
    }
  }
  log(LogLevel::Debug, "btf: ", scan.types_read(), " type records, ", ev.answers.size(), " of ",
      symbols.size(), " symbol(s) absent");
  return left;
}

// Asks kallsyms about `ask`; its answers replace BTF's, and a "yes" where
// BTF said "no" is a contradiction.
void kallsyms_pass(System& sys, const std::vector<std::string>& ask, KallsymsMode mode,
                   const std::string& sentinel, std::string_view prefix,
                   const std::set<std::string>& btf_lacking, SymbolEvidence& ev) {
  if (mode == KallsymsMode::Never) {
    ev.kallsyms.error = "not read: --kallsyms never";
    return;
  }
  if (ask.empty()) {
    ev.kallsyms.error = "not read: BTF settled every verdict";
    return;
  }
  std::vector<std::string> wanted{sentinel};
  wanted.insert(wanted.end(), ask.begin(), ask.end());
  SymbolScan scan(wanted, prefix);
  ev.kallsyms.consulted = true;
  // Whole pieces, as read(2) returns them: the scan finds the lines itself.
  auto got = sys.stream_file(kKallsymsPath, 0, UINT64_MAX,
                             [&scan](std::string_view chunk) { return scan.feed(chunk); });
  if (!got) {
    ev.kallsyms.error = got.error().message();
  } else {
    scan.finish();
    if (!scan.has(sentinel)) {
      ev.kallsyms.error = std::string(kKallsymsPath) + " lists no " + sentinel +
                          ", so it is censored or synthetic and proves nothing";
    }
  }
  if (ev.kallsyms.error) {
    log(LogLevel::Info, "kallsyms: ", *ev.kallsyms.error);
    return;
  }
  ev.kallsyms.readable = true;
  for (const auto& s : ask) {
    const bool present = scan.has(s);
    if (present && btf_lacking.contains(s)) ev.contradicted.push_back(s);
    ev.answers[s] = {present, EvidenceSource::Kallsyms};
  }
}

}  // namespace

SymbolEvidence gather_symbol_evidence(System& sys, const std::vector<std::string>& symbols,
                                      KallsymsMode kallsyms, BtfMode btf,
                                      const std::set<std::string>& btf_blind,
                                      std::string_view prefix) {
  SymbolEvidence ev;
  if (symbols.empty()) {
    ev.btf.error = ev.kallsyms.error = std::string("not read: no verdict needed it");
    return ev;
  }
  const std::string sentinel = syscall_symbol(kSentinel, prefix);
  std::set<std::string> lacking;
  // BTF only spares the kallsyms read when it proves every symbol absent.
  // It never does for a call older than itself (btf_blind): then kallsyms is
  // read whatever BTF says, and reading BTF first would only add its cost
  // (the census under Docker's profile: 91 of 94 such symbols). So kallsyms
  // goes first, and BTF is read only if kallsyms cannot be trusted.
  const bool kallsyms_first =
      kallsyms == KallsymsMode::Auto && btf == BtfMode::Auto &&
      std::any_of(symbols.begin(), symbols.end(),
                  [&btf_blind](const std::string& s) { return btf_blind.contains(s); });
  if (kallsyms_first) {
    kallsyms_pass(sys, symbols, kallsyms, sentinel, prefix, lacking, ev);
    if (ev.kallsyms.readable) {
      ev.btf.error = std::string("not read: ") + kKallsymsPath + " settled every verdict";
      return ev;
    }
    // What BTF leaves (listed, or blind) stays unknown, as kallsyms failed.
    btf_pass(sys, symbols, btf, sentinel, prefix, btf_blind, lacking, ev);
    return ev;
  }
  const std::vector<std::string> left =
      btf_pass(sys, symbols, btf, sentinel, prefix, btf_blind, lacking, ev);
  kallsyms_pass(sys, kallsyms == KallsymsMode::Always ? symbols : left, kallsyms, sentinel, prefix,
                lacking, ev);
  for (const auto& s : ev.contradicted) {
    if (btf_blind.contains(s)) {
      log(LogLevel::Info, "btf: ", kBtfPath, " lacks ", s, ", a hole kallsyms decided (",
          kKallsymsPath, " lists it)");
    } else {
      log(LogLevel::Warn, "btf: ", kBtfPath, " lacks ", s, ", but ", kKallsymsPath,
          " lists it; please report this kernel");
    }
  }
  return ev;
}

}  // namespace probe
