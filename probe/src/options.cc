#include "options.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <array>
#include <sstream>
#include <string_view>
#include <utility>

#include "catalogue.h"
#include "cli_values.h"
#include "linux/syscall_probe.h"

namespace probe {

namespace po = boost::program_options;

// Boost.Program_options finds these by argument-dependent lookup: they live
// in the namespace of the enums they read (defined below the tables).
void validate(boost::any& out, const std::vector<std::string>& values, Format* tag, int overload);
void validate(boost::any& out, const std::vector<std::string>& values, KallsymsMode* tag,
              int overload);
void validate(boost::any& out, const std::vector<std::string>& values, BtfMode* tag, int overload);
void validate(boost::any& out, const std::vector<std::string>& values, Verdict* tag, int overload);
void validate(boost::any& out, const std::vector<std::string>& values, LogLevel* tag, int overload);

namespace {

// ------------------------------------------------ the words of each enum

constexpr std::array<cli::Choice<Format>, 2> kFormats{{
    {"text", Format::Text, "aligned, at most 80 columns"},
    {"json", Format::Json, "follows docs/report.schema.json"},
}};

constexpr std::array<cli::Choice<KallsymsMode>, 3> kKallsymsModes{{
    {"auto", KallsymsMode::Auto,
     "read /proc/kallsyms only when a verdict needs it and BTF could not settle it (first, "
     "and BTF not at all, when a call older than BTF needs it)"},
    {"always", KallsymsMode::Always, "read it, and report any disagreement with BTF"},
    {"never", KallsymsMode::Never, "never read it"},
}};

constexpr std::array<cli::Choice<BtfMode>, 2> kBtfModes{{
    {"auto", BtfMode::Auto,
     "prove a syscall absent from the kernel's BTF, /sys/kernel/btf/vmlinux, when readable "
     "and kallsyms is not read anyway (a few ms against tens for kallsyms)"},
    {"never", BtfMode::Never, "never read it"},
}};

// A table of (value, name) pairs owned elsewhere (verdict.h, log.h) as choices.
template <class E>
std::vector<cli::Choice<E>> choices(std::span<const std::pair<E, std::string_view>> names) {
  std::vector<cli::Choice<E>> out;
  for (const auto& [value, name] : names) out.push_back({name, value, {}});
  return out;
}

const std::vector<cli::Choice<Verdict>>& verdict_choices() {
  static const auto table = choices(verdict_names());
  return table;
}

const std::vector<cli::Choice<LogLevel>>& log_level_choices() {
  static const auto table = choices(log_level_names());
  return table;
}

// "intro: auto: does x; never: does y." from the table itself.
template <class E>
std::string describe_choices(std::string intro, std::span<const cli::Choice<E>> table) {
  intro += ":";
  for (const auto& c : table) {
    intro += " " + std::string(c.word);
    if (!c.meaning.empty()) intro += ": " + std::string(c.meaning);
    intro += c.meaning.empty() ? "," : ";";
  }
  intro.back() = '.';
  return intro;
}

// ------------------------------------------------ the number-like options

struct SyscallNr {
  long value = SYSCALL_PROBE_NR;
};
struct Token {
  std::uint32_t value = 0;
};
struct TimeoutMs {
  int value = kDefaultTimeoutMs;
};
struct SyscallList {
  std::vector<std::string> names;
};
// --expect: VERDICT (our syscall's), or NAME=VERDICT,... where NAME is a
// catalogue call, by name or number, or 548 / syscall_probe for ours.
struct ExpectList {
  std::optional<Verdict> own;
  std::vector<RowExpectation> rows;
};

const std::string& single(boost::any& out, const std::vector<std::string>& values) {
  po::validators::check_first_occurrence(out);
  return po::validators::get_single_string(values);
}

void validate(boost::any& out, const std::vector<std::string>& values, SyscallNr* /*tag*/,
              int /*overload*/) {
  const std::string& s = single(out, values);
  const auto v = cli::parse_number(s, static_cast<unsigned long long>(kMaxNr));
  if (!v) {
    throw cli::bad_value(
        s, "a syscall number in 0.." + std::to_string(kMaxNr) + ", decimal or 0x-hex");
  }
  out = SyscallNr{static_cast<long>(*v)};
}

void validate(boost::any& out, const std::vector<std::string>& values, Token* /*tag*/,
              int /*overload*/) {
  const std::string& s = single(out, values);
  const auto v = cli::parse_number(s, 0xffffffffULL);
  if (!v) throw cli::bad_value(s, "a 32-bit token, 0..4294967295 or 0x0..0xffffffff");
  out = Token{static_cast<std::uint32_t>(*v)};
}

void validate(boost::any& out, const std::vector<std::string>& values, TimeoutMs* /*tag*/,
              int /*overload*/) {
  const std::string& s = single(out, values);
  const auto v = cli::parse_number(s, static_cast<unsigned long long>(kMaxTimeoutMs));
  if (!v || *v < 1) {
    throw cli::bad_value(s, "milliseconds in 1.." + std::to_string(kMaxTimeoutMs));
  }
  out = TimeoutMs{static_cast<int>(*v)};
}

void validate(boost::any& out, const std::vector<std::string>& values, SyscallList* /*tag*/,
              int /*overload*/) {
  out = SyscallList{select_syscalls(single(out, values))};
}

void validate(boost::any& out, const std::vector<std::string>& values, ExpectList* /*tag*/,
              int /*overload*/) {
  const std::string& s = single(out, values);
  const auto verdict = [](std::string_view word, const std::string& item) {
    const auto v = parse_verdict(word);
    if (!v)
      throw cli::bad_value(
          item, "NAME=VERDICT with VERDICT " + cli::quoted_words(std::span(verdict_choices())));
    return *v;
  };
  ExpectList list;
  if (s.find('=') == std::string::npos) {
    list.own = verdict(s, s);
    out = list;
    return;
  }
  std::string_view rest = s;
  for (;;) {
    const auto comma = rest.find(',');
    const std::string item(rest.substr(0, comma));
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw cli::bad_value(item, "VERDICT, or a comma-separated list of NAME=VERDICT");
    }
    const std::string name = item.substr(0, eq);
    const Verdict v = verdict(std::string_view(item).substr(eq + 1), item);
    if (name == SYSCALL_PROBE_NAME || name == std::to_string(SYSCALL_PROBE_NR)) {
      list.own = v;
    } else {
      // The same names and numbers --syscalls takes, one call each.
      const auto one = select_syscalls(name);
      if (one.size() != 1) throw cli::bad_value(item, "one syscall per NAME=VERDICT");
      if (!probed(*find_syscall(one[0]))) {
        throw cli::bad_input(item, "'%value%': " + one[0] +
                                       " is never tried (docs/catalogue.md: no argument stops it)");
      }
      list.rows.push_back({one[0], v});
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  out = list;
}

// ------------------------------------------------ the table of options

po::options_description option_table() {
  const Options defaults;
  po::options_description d("Options", 80, 40);
  // One option per line reads as the table it is.
  // clang-format off
  d.add_options()
      ("format", po::value<Format>()->value_name("FORMAT")
           ->default_value(defaults.format, std::string(cli::word_of<Format>(kFormats, defaults.format))),
       describe_choices<Format>("report format", kFormats).c_str())
      ("nr", po::value<SyscallNr>()->value_name("N")
           ->default_value(SyscallNr{}, std::to_string(SYSCALL_PROBE_NR)),
       ("number to call as our syscall, 0.." + std::to_string(kMaxNr) +
        ", decimal or 0x-hex").c_str())
      ("arg", po::value<Token>()->value_name("TOKEN"),
       "32-bit token to pass, decimal or 0x-hex (default: random); our syscall must "
       "return TOKEN ^ 0x5ca11ab1")
      ("syscalls", po::value<SyscallList>()->value_name("LIST"),
       "also try real syscalls from the catalogue: all, or a comma-separated list of "
       "names, numbers and ranges N-M (decimal or 0x-hex), e.g. 300-340,clone3; a number "
       "must be a catalogue entry's, a range selects the entries inside it")
      ("expect", po::value<ExpectList>()->value_name("VERDICT|NAME=VERDICT,..."),
       describe_choices<Verdict>("exit 0 if our syscall's verdict is VERDICT, or each named "
                                 "call's (a catalogue name or number, 548 for ours; tried even "
                                 "without --syscalls) is its VERDICT; else 1, naming each that "
                                 "differs", verdict_choices()).c_str())
      ("timeout-ms", po::value<TimeoutMs>()->value_name("MS")
           ->default_value(TimeoutMs{}, std::to_string(kDefaultTimeoutMs)),
       ("limit per attempt, 1.." + std::to_string(kMaxTimeoutMs)).c_str())
      ("label", po::value<std::string>()->value_name("NAME"),
       "a name for this host in comparison tables")
      ("kallsyms", po::value<KallsymsMode>()->value_name("MODE")
           ->default_value(defaults.kallsyms,
                           std::string(cli::word_of<KallsymsMode>(kKallsymsModes, defaults.kallsyms))),
       describe_choices<KallsymsMode>("/proc/kallsyms", kKallsymsModes).c_str())
      ("btf", po::value<BtfMode>()->value_name("MODE")
           ->default_value(defaults.btf, std::string(cli::word_of<BtfMode>(kBtfModes, defaults.btf))),
       describe_choices<BtfMode>("BTF", kBtfModes).c_str())
      ("log-level", po::value<LogLevel>()->value_name("LEVEL")
           ->default_value(defaults.log_level,
                           std::string(cli::word_of<LogLevel>(log_level_choices(), defaults.log_level))),
       describe_choices<LogLevel>("diagnostics on stderr", log_level_choices())
           .c_str())
      ("help,h", "this text")
      ("version", "the version");
  // clang-format on
  return d;
}

std::string help_text(const po::options_description& table) {
  std::ostringstream s;
  s << "usage: syscall-probe [OPTIONS]\n"
       "       syscall-probe compare [OPTIONS] REPORT.json...\n\n"
       "Reports the kernel this process shares with its host, how it is confined\n"
       "(seccomp, capabilities, no_new_privs, namespaces, cgroup), and what happens\n"
       "when it calls the project's own system call, each attempt in a child process.\n\n"
    << table << "\nExit codes: " << kExitOk << " report printed (with --expect: verdict matched), "
    << kExitMismatch << " --expect\ndid not match, " << kExitUsage << " usage error, "
    << kExitInternal
    << " internal error.\n\n"
       "Examples:\n"
       "  syscall-probe\n"
       "  syscall-probe --format json --label laptop > laptop.json\n"
       "  syscall-probe --syscalls all\n"
       "  syscall-probe --syscalls 0x1b0-460,clone3 --kallsyms always\n"
       "  syscall-probe --expect implemented     # in a container on our kernel\n"
       "  syscall-probe --nr 0x14f               # 335, uretprobe since 6.11: occupied\n"
       "  docker run --rm --network none IMAGE --expect blocked\n"
       "  syscall-probe compare a.json b.json\n";
  return s.str();
}

std::string_view arch_name() {
#if defined(__aarch64__)
  return "arm64";
#else
  return "x86_64";
#endif
}

bool is_number_like(std::string_view token) {
  return !token.empty() && token.front() >= '0' && token.front() <= '9';
}

}  // namespace

void validate(boost::any& out, const std::vector<std::string>& values, Format* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<Format>(out, values, kFormats);
}
void validate(boost::any& out, const std::vector<std::string>& values, KallsymsMode* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<KallsymsMode>(out, values, kKallsymsModes);
}
void validate(boost::any& out, const std::vector<std::string>& values, BtfMode* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<BtfMode>(out, values, kBtfModes);
}
void validate(boost::any& out, const std::vector<std::string>& values, Verdict* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<Verdict>(out, values, verdict_choices());
}
void validate(boost::any& out, const std::vector<std::string>& values, LogLevel* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<LogLevel>(out, values, log_level_choices());
}

std::vector<std::string> select_syscalls(const std::string& list) {
  std::vector<std::string> names;
  // By position in the catalogue, which every entry below comes from: no
  // name comparisons for `all`.
  const auto table = catalogue();
  std::vector<bool> seen(table.size(), false);
  auto take = [&](const CatalogueEntry& e) {
    const auto at = static_cast<std::size_t>(&e - table.data());
    if (nr_here(e) >= 0 && !seen[at]) {
      seen[at] = true;
      names.emplace_back(e.name);
    }
  };
  std::string_view rest = list;
  for (;;) {
    const auto comma = rest.find(',');
    const std::string_view token = rest.substr(0, comma);
    if (token.empty()) {
      throw cli::bad_value(list,
                           "'all' or a comma-separated list of names, numbers and ranges N-M");
    }
    const std::string t(token);
    if (token == "all") {
      names.reserve(table.size());
      for (const auto& e : table) take(e);
    } else if (is_number_like(token)) {
      const auto dash = token.find('-');
      const auto low = cli::parse_number(token.substr(0, dash), ~0ULL);
      const auto high =
          dash == std::string_view::npos ? low : cli::parse_number(token.substr(dash + 1), ~0ULL);
      if (!low || !high || *low > *high) {
        throw cli::bad_value(t, "a number or a range N-M with N <= M (decimal or 0x-hex)");
      }
      std::vector<const CatalogueEntry*> inside;
      for (const auto& e : catalogue()) {
        const int nr = nr_here(e);
        if (nr >= 0 && static_cast<unsigned long long>(nr) >= *low &&
            static_cast<unsigned long long>(nr) <= *high) {
          inside.push_back(&e);
        }
      }
      if (inside.empty() && dash == std::string_view::npos) {
        throw cli::bad_input(t, "%value%: no catalogue syscall has this number on " +
                                    std::string(arch_name()) +
                                    "; only catalogue entries can be probed safely "
                                    "(docs/catalogue.md), a range selects those inside it");
      }
      std::sort(inside.begin(), inside.end(),
                [](const auto* a, const auto* b) { return nr_here(*a) < nr_here(*b); });
      for (const auto* e : inside) take(*e);
    } else {
      const CatalogueEntry* e = find_syscall(token);
      if (e == nullptr) {
        throw cli::bad_input(t,
                             "unknown syscall '%value%'; docs/catalogue.md lists the known "
                             "ones, or use 'all'");
      }
      if (nr_here(*e) < 0) {
        throw cli::bad_input(t, "syscall '%value%' has no number on " + std::string(arch_name()));
      }
      take(*e);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (names.empty()) {
    throw cli::bad_input(list, "'%value%' selects no catalogue syscall on " +
                                   std::string(arch_name()) + "; docs/catalogue.md lists them");
  }
  return names;
}

const char* probe_version() {
  return SYSCALL_PROBE_VERSION;
}

CliResult parse_cli(int argc, const char* const argv[]) {
  CliResult result;
  const po::options_description table = option_table();
  try {
    po::variables_map vm;
    // No positional arguments: an empty description makes any stray word
    // an error instead of being ignored.
    const po::positional_options_description none;
    po::store(po::command_line_parser(argc, argv).options(table).positional(none).run(), vm);
    po::notify(vm);

    if (vm.count("help") != 0U) {
      result.out = help_text(table);
      return result;
    }
    if (vm.count("version") != 0U) {
      result.out = std::string("syscall-probe ") + probe_version() + "\n";
      return result;
    }
    Options& opt = result.options;
    opt.format = vm["format"].as<Format>();
    opt.nr = vm["nr"].as<SyscallNr>().value;
    if (vm.count("arg") != 0U) opt.arg = vm["arg"].as<Token>().value;
    if (auto it = vm.find("syscalls"); it != vm.end()) {
      // Moved out, not copied: `all` is ~400 names.
      opt.syscalls = std::move(boost::any_cast<SyscallList&>(it->second.value()).names);
    }
    if (vm.count("expect") != 0U) {
      auto& expect = vm["expect"].as<ExpectList>();
      opt.expect = expect.own;
      opt.expect_rows = expect.rows;
      // A named call is tried even without --syscalls.
      for (const auto& row : opt.expect_rows) {
        if (std::find(opt.syscalls.begin(), opt.syscalls.end(), row.name) == opt.syscalls.end()) {
          opt.syscalls.push_back(row.name);
        }
      }
    }
    opt.timeout_ms = vm["timeout-ms"].as<TimeoutMs>().value;
    if (vm.count("label") != 0U) opt.label = vm["label"].as<std::string>();
    opt.kallsyms = vm["kallsyms"].as<KallsymsMode>();
    opt.btf = vm["btf"].as<BtfMode>();
    opt.log_level = vm["log-level"].as<LogLevel>();
  } catch (const po::invalid_option_value& e) {
    // Our validators' errors say what to give.
    result.exit_code = kExitUsage;
    result.err = std::string("syscall-probe: ") + e.what() + "\n";
    return result;
  } catch (const po::error& e) {
    result.exit_code = kExitUsage;
    result.err = std::string("syscall-probe: ") + e.what() + "; see --help\n";
    return result;
  }
  result.action = CliResult::Action::Run;
  return result;
}

}  // namespace probe
