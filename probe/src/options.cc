#include "options.h"

#include <boost/program_options.hpp>

#include <charconv>
#include <initializer_list>
#include <set>
#include <string_view>
#include <utility>

#include "catalogue.h"
#include "linux/syscall_probe.h"

namespace probe {

namespace po = boost::program_options;

namespace {

constexpr const char* kHelp = R"(usage: syscall-probe [OPTIONS]
       syscall-probe compare [OPTIONS] REPORT.json...

Reports the kernel this process shares with its host, how it is confined
(seccomp, capabilities, no_new_privs, namespaces, cgroup), and what happens
when it calls the project's own system call, each attempt in a child process.

Options:
  --format text|json     report format (default text; json follows
                         docs/report.schema.json)
  --nr N                 number to call as our syscall, 0..1023 (default 548)
  --arg TOKEN            32-bit token to pass, decimal or 0x-hex (default:
                         random); our syscall must return TOKEN ^ 0x5ca11ab1
  --syscalls all|NAME,.. also try real syscalls from the catalogue
  --expect VERDICT       exit 0 if our syscall's verdict is VERDICT, else 1:
                         implemented, absent, blocked, absent-or-blocked,
                         occupied, killed, timeout, error
  --timeout-ms MS        limit per attempt, 1..600000 (default 2000)
  --label NAME           a name for this host in comparison tables
  --kallsyms auto|always|never
                         read /proc/kallsyms only when a verdict needs it
                         and BTF could not settle it (default), always
                         (and report any disagreement with BTF), or never
  --btf auto|never       prove a syscall absent from the kernel's BTF,
                         /sys/kernel/btf/vmlinux, when readable (default;
                         a few ms against tens for kallsyms), or never
  --log-level LEVEL      trace, debug, info, warn (default), error, off
  -h, --help             this text
  --version              the version

Exit codes: 0 report printed (with --expect: verdict matched), 1 --expect
did not match, 2 usage error, 3 internal error.

Examples:
  syscall-probe
  syscall-probe --format json --label laptop > laptop.json
  syscall-probe --syscalls all
  syscall-probe --syscalls cachestat,mseal --kallsyms always
  syscall-probe --expect implemented     # in a container on our kernel
  syscall-probe --nr 335                 # uretprobe since 6.11: occupied
  docker run --rm --network none IMAGE --expect blocked
  syscall-probe compare a.json b.json
)";

struct UsageError {
  std::string message;
};

template <class T>
std::optional<T> parse_unsigned(std::string_view s, bool allow_hex) {
  int base = 10;
  if (allow_hex && (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0)) {
    s.remove_prefix(2);
    base = 16;
  }
  if (s.empty()) return std::nullopt;
  T value{};
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value, base);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

long parse_nr(const std::string& s) {
  auto v = parse_unsigned<unsigned long>(s, false);
  if (!v || *v > static_cast<unsigned long>(kMaxNr)) {
    throw UsageError{"--nr must be a syscall number in 0.." + std::to_string(kMaxNr) + ", got '" +
                     s + "'"};
  }
  return static_cast<long>(*v);
}

std::uint32_t parse_arg(const std::string& s) {
  auto v = parse_unsigned<std::uint64_t>(s, true);
  if (!v || *v > 0xffffffffULL) {
    throw UsageError{"--arg must be a 32-bit token, 0..4294967295 or 0x0..0xffffffff, got '" + s +
                     "'"};
  }
  return static_cast<std::uint32_t>(*v);
}

int parse_timeout(const std::string& s) {
  auto v = parse_unsigned<unsigned>(s, false);
  if (!v || *v < 1 || *v > static_cast<unsigned>(kMaxTimeoutMs)) {
    throw UsageError{"--timeout-ms must be milliseconds in 1.." + std::to_string(kMaxTimeoutMs) +
                     ", got '" + s + "'"};
  }
  return static_cast<int>(*v);
}

// One of a fixed set of words: "--btf must be 'auto' or 'never', got 'x'".
template <class E>
E parse_choice(const char* option, const std::string& value,
               std::initializer_list<std::pair<std::string_view, E>> choices) {
  std::string words;
  std::size_t i = 0;
  for (const auto& [word, e] : choices) {
    if (word == value) return e;
    words += (i == 0                    ? ""
              : i + 1 == choices.size() ? (choices.size() > 2 ? ", or " : " or ")
                                        : ", ");
    words += "'" + std::string(word) + "'";
    ++i;
  }
  throw UsageError{std::string(option) + " must be " + words + ", got '" + value + "'"};
}

std::vector<std::string> parse_syscalls(const std::string& s) {
  std::vector<std::string> names;
  if (s == "all") {
    for (const auto& e : catalogue()) {
      if (nr_here(e) >= 0) names.emplace_back(e.name);
    }
    return names;
  }
  std::set<std::string, std::less<>> seen;
  std::string_view rest = s;
  for (;;) {
    const auto comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    if (name.empty()) {
      throw UsageError{"--syscalls takes 'all' or a comma-separated list of names, got '" + s +
                       "'"};
    }
    const CatalogueEntry* e = find_syscall(name);
    if (e == nullptr) {
      throw UsageError{"unknown syscall '" + std::string(name) +
                       "' in --syscalls; docs/catalogue.md lists the known ones, or use 'all'"};
    }
    if (nr_here(*e) < 0) {
      throw UsageError{"syscall '" + std::string(name) + "' has no number on this architecture"};
    }
    if (seen.insert(std::string(name)).second) names.emplace_back(name);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return names;
}

}  // namespace

const char* probe_version() {
  return SYSCALL_PROBE_VERSION;
}

CliResult parse_cli(int argc, const char* const argv[]) {
  CliResult result;
  Options& opt = result.options;
  opt.nr = SYSCALL_PROBE_NR;

  po::options_description desc;
  // One option per line reads as the table it is.
  // clang-format off
  desc.add_options()
      ("help,h", "")
      ("version", "")
      ("format", po::value<std::string>(), "")
      ("nr", po::value<std::string>(), "")
      ("arg", po::value<std::string>(), "")
      ("syscalls", po::value<std::string>(), "")
      ("expect", po::value<std::string>(), "")
      ("timeout-ms", po::value<std::string>(), "")
      ("label", po::value<std::string>(), "")
      ("kallsyms", po::value<std::string>(), "")
      ("btf", po::value<std::string>(), "")
      ("log-level", po::value<std::string>(), "");
  // clang-format on

  try {
    po::variables_map vm;
    // No positional arguments: an empty description makes any stray word
    // an error instead of being ignored.
    const po::positional_options_description none;
    po::store(po::command_line_parser(argc, argv).options(desc).positional(none).run(), vm);
    po::notify(vm);

    if (vm.count("help") != 0U) {
      result.out = kHelp;
      return result;
    }
    if (vm.count("version") != 0U) {
      result.out = std::string("syscall-probe ") + probe_version() + "\n";
      return result;
    }
    auto get = [&vm](const char* name) -> std::optional<std::string> {
      if (vm.count(name) == 0U) return std::nullopt;
      return vm[name].as<std::string>();
    };
    if (auto v = get("format")) {
      opt.format =
          parse_choice<Format>("--format", *v, {{"text", Format::Text}, {"json", Format::Json}});
    }
    if (auto v = get("nr")) opt.nr = parse_nr(*v);
    if (auto v = get("arg")) opt.arg = parse_arg(*v);
    if (auto v = get("syscalls")) opt.syscalls = parse_syscalls(*v);
    if (auto v = get("expect")) {
      opt.expect = parse_verdict(*v);
      if (!opt.expect) {
        throw UsageError{
            "--expect must be one of implemented, absent, blocked, "
            "absent-or-blocked, occupied, killed, timeout, error; got '" +
            *v + "'"};
      }
    }
    if (auto v = get("timeout-ms")) opt.timeout_ms = parse_timeout(*v);
    if (auto v = get("label")) opt.label = *v;
    if (auto v = get("kallsyms")) {
      opt.kallsyms = parse_choice<KallsymsMode>("--kallsyms", *v,
                                                {{"auto", KallsymsMode::Auto},
                                                 {"always", KallsymsMode::Always},
                                                 {"never", KallsymsMode::Never}});
    }
    if (auto v = get("btf")) {
      opt.btf =
          parse_choice<BtfMode>("--btf", *v, {{"auto", BtfMode::Auto}, {"never", BtfMode::Never}});
    }
    if (auto v = get("log-level")) {
      static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};
      bool known = false;
      for (auto level : kLevels) known = known || level == *v;
      if (!known) {
        throw UsageError{
            "--log-level must be trace, debug, info, warn, error, critical or off, "
            "got '" +
            *v + "'"};
      }
      opt.log_level = *v;
    }
  } catch (const UsageError& e) {
    result.exit_code = kExitUsage;
    result.err = "syscall-probe: " + e.message + "\n";
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
