#include <algorithm>
#include <charconv>
#include <cstdio>

#include "render.h"
#include "summary.h"

namespace probe {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kLabel = 12;  // column where values start

// Splits `text` into lines of at most `width` columns at spaces; a word
// longer than a line is cut.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  while (!text.empty()) {
    const auto sp = text.find(' ');
    std::string_view word = text.substr(0, sp);
    text = sp == std::string_view::npos ? std::string_view{} : text.substr(sp + 1);
    if (word.empty()) continue;
    while (word.size() > width) {
      if (!line.empty()) lines.push_back(std::move(line));
      line.clear();
      lines.emplace_back(word.substr(0, width));
      word.remove_prefix(width);
    }
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

// "Label       value that wraps
//              under itself"
void field(std::string& out, std::string_view label, std::string_view value,
           std::size_t indent = kLabel) {
  const auto lines = wrap(value, kWidth - indent);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string head = i == 0 ? std::string(label) : std::string();
    head.resize(indent, ' ');
    out += head + lines[i] + "\n";
  }
}

const char* colour_of(Verdict v) {
  switch (v) {
    case Verdict::Implemented: return "\x1b[32m";  // green
    case Verdict::Partial:
    case Verdict::Absent:
    case Verdict::AbsentOrBlocked:
    case Verdict::BlockedOrDenied: return "\x1b[33m";  // yellow
    case Verdict::Blocked: return "\x1b[35m";          // magenta
    case Verdict::Occupied: return "\x1b[36m";         // cyan
    case Verdict::Killed:
    case Verdict::Timeout:
    case Verdict::Error: return "\x1b[31m";  // red
  }
  return "";
}

std::string painted(Verdict v, std::string text, bool colour) {
  if (!colour) return text;
  return colour_of(v) + text + "\x1b[0m";
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string s;
  for (const auto& item : items) {
    if (!s.empty()) s += sep;
    s += item;
  }
  return s;
}

// The page renders its numbers without fmt: fmt's runtime formatter brings
// every argument type it can print (floats, long double, 128-bit integers)
// into the static binary, ~40 KB, for the handful of numbers here.

// "0x" and at least eight lower-case hex digits: "0x0000abcd".
std::string hex8(std::uint64_t v) {
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "0x%08llx", static_cast<unsigned long long>(v));
  return {buf, static_cast<std::size_t>(n)};
}

// Milliseconds with one decimal, correctly rounded as printf and fmt both
// round them: "12.3". The probe never sets a locale, so the point is '.'.
std::string one_decimal(double ms) {
  char buf[512];  // %.1f of the largest double is 310 characters
  const int n = std::snprintf(buf, sizeof buf, "%.1f", ms);
  return {buf, static_cast<std::size_t>(n)};
}

std::string result_text(const Attempt& a) {
  std::string s = describe(a.outcome);
  if (a.outcome.kind == Outcome::Kind::Error) s += ": " + a.outcome.error;
  return s;
}

// "apparmor (lsm_list_modules); label docker-default (enforce) ...".
std::string lsm_text(const LsmInfo& l) {
  std::string s = l.modules ? join(*l.modules, ",") + " (" + std::string(l.modules_source) + ")"
                            : std::string("modules unreadable");
  if (l.label) {
    s += "; label " + l.label->text + " (" + std::string(l.label->source) + ")";
  } else {
    s += "; no label readable";
  }
  const bool landlock =
      !l.modules || std::find(l.modules->begin(), l.modules->end(), "landlock") != l.modules->end();
  if (landlock) s += "; whether a Landlock ruleset restricts this process is not readable";
  return s;
}

// The environment: kernel, container, emulator, confinement, tables.
void environment_text(std::string& out, const Report& r) {
  field(out, "Kernel", r.uts.sysname + " " + r.uts.release + " " + r.uts.machine);
  field(out, "", r.uts.version);
  field(out, "Flavour", r.flavour.name + ": " + r.flavour.note);
  field(out, "Hostname", r.uts.nodename);
  field(out, "Container",
        r.container.detected ? r.container.runtime + " (" + join(r.container.evidence, "; ") + ")"
                             : std::string("none detected"));
  if (r.emulation.emulated) {
    field(out, "Emulation",
          describe_emulator(r.emulation) + " translates this " + r.emulation.probe_arch +
              " program's calls" +
              (r.emulation.host_arch ? " for an " + *r.emulation.host_arch + " kernel" : "") +
              " (" + join(r.emulation.evidence, "; ") + ")");
  }

  std::string seccomp(seccomp_mode_name(r.status.seccomp));
  if (r.status.seccomp_filters)
    seccomp += ", " + std::to_string(*r.status.seccomp_filters) + " filter(s)";
  if (r.status.no_new_privs) seccomp += *r.status.no_new_privs ? ", no_new_privs" : "";
  field(out, "Seccomp", seccomp);
  const auto caps = capability_names(r.status.cap_eff.value_or(0));
  field(out, "Caps",
        std::to_string(caps.size()) + " effective (" +
            capability_hex(r.status.cap_eff.value_or(0)) +
            "): " + (caps.empty() ? std::string("none") : join(caps, " ")));
  field(out, "User ns",
        r.uid_identity ? "identity map (no remapping)"
                       : "uid_map " + (r.uid_map.empty() ? "?" : r.uid_map));
  field(out, "Cgroup",
        r.cgroup.version ? "v" + std::to_string(*r.cgroup.version) + " " + r.cgroup.path
                         : std::string("unknown"));
  std::vector<std::string> ns;
  for (const auto& [name, link] : r.namespaces) {
    if (name.find("_for_children") == std::string::npos) ns.push_back(link);
  }
  field(out, "LSM", lsm_text(r.lsm));
  field(out, "Lockdown",
        r.lsm.lockdown ? std::string(lockdown_mode_name(*r.lsm.lockdown)) + " (" +
                             std::string(r.lsm.lockdown_source) + ")"
                       : std::string("unknown (securityfs hidden, no lockdown= on the command "
                                     "line; Secure Boot may lock it down)"));
  field(out, "Namespaces", ns.empty() ? std::string("unreadable") : join(ns, " "));
  std::string btf = r.btf.readable ? std::string("readable") : r.btf.error.value_or("unreadable");
  if (!r.btf_contradicted.empty()) {
    btf += "; contradicted by /proc/kallsyms for " + join(r.btf_contradicted, " ");
  }
  field(out, "BTF", btf);
  field(out, "kallsyms",
        r.kallsyms.readable ? std::string("readable") : r.kallsyms.error.value_or("unreadable"));
  out += "\n";
}

// The project's own call.
void own_call_text(std::string& out, const Report& r, bool colour) {
  const Attempt& s = r.syscall;
  field(out, "Syscall",
        std::string(s.name) + ", nr " + std::to_string(s.nr) + ", token " +
            hex8(s.token.value_or(0)) + ", expects " + hex8(s.expected_value.value_or(0)));
  field(out, "Result", result_text(s) + " (" + one_decimal(s.outcome.elapsed_ms) + " ms)");
  {
    std::string verdict(verdict_name(s.verdict));
    out +=
        std::string("Verdict").append(kLabel - 7, ' ') + painted(s.verdict, verdict, colour) + "\n";
    field(out, "", explanation_of(s));
  }
}

// One line per catalogue row; returns the rows not implemented.
std::vector<const Attempt*> catalogue_rows_text(std::string& out, const Report& r, bool colour) {
  std::vector<const Attempt*> odd;
  // One line per row, assembled in a buffer and appended once: a census
  // has ~400 of them, and fmt's width handling, then one append per cell,
  // were a visible share of its time (perf, callgrind). The
  // cells are ASCII: width is size.
  out.reserve(out.size() + r.catalogue.size() * 80);
  for (const auto& a : r.catalogue) {
    char line[128];
    std::size_t at = 0;
    // Cells are a few bytes: a byte loop each, not a library call each
    // (two per cell were a tenth of a census's calls to memmove/memset).
    const auto put = [&line, &at](std::string_view text, std::size_t width) {
      const std::size_t n = std::min(text.size(), width);
      for (std::size_t i = 0; i < n; ++i) line[at++] = text[i];
      for (std::size_t i = n; i <= width; ++i) line[at++] = ' ';
    };
    put("", 1);
    put(a.name, 23);
    char nr[24];
    const auto end = std::to_chars(std::begin(nr), std::end(nr), a.nr).ptr;
    const auto digits = static_cast<std::size_t>(end - nr);
    if (digits < 4) put("", 3 - digits);  // right-aligned in 4, never cut
    put(std::string_view(nr, digits), digits);
    put(a.since ? std::string_view(*a.since) : "-", 5);
    put(a.expected ? std::string_view(*a.expected) : "-", 8);
    // An errno, as most rows get, without building a string.
    const std::string_view err =
        a.outcome.kind == Outcome::Kind::Errno ? errno_literal(a.outcome.err) : std::string_view();
    put(err.empty() ? std::string_view(describe(a.outcome)) : err, 13);
    out.append(line, at);
    if (colour) out += colour_of(a.verdict);
    out += verdict_name(a.verdict);
    if (colour) out += "\x1b[0m";
    out += '\n';
    if (a.verdict != Verdict::Implemented) odd.push_back(&a);
  }
  return odd;
}

// The explanations of `odd`, one paragraph per kind of answer.
void odd_rows_text(std::string& out, const std::vector<const Attempt*>& odd) {
  // One paragraph per kind of answer, not per row: Docker's profile alone
  // gives a dozen identical explanations.
  std::vector<bool> done(odd.size(), false);
  std::vector<std::string> answer;  // describe() of each, once
  answer.reserve(odd.size());
  for (const Attempt* a : odd) answer.push_back(describe(a->outcome));
  for (std::size_t i = 0; i < odd.size(); ++i) {
    if (done[i]) continue;
    const Attempt& first = *odd[i];
    std::vector<std::string> names;
    for (std::size_t j = i; j < odd.size(); ++j) {
      const Attempt& other = *odd[j];
      if (!done[j] && other.verdict == first.verdict && answer[j] == answer[i] &&
          other.kernel_has_symbol == first.kernel_has_symbol) {
        done[j] = true;
        names.emplace_back(other.name);
      }
    }
    out += "\n";
    field(out, "",
          std::string(verdict_name(first.verdict)) + ", " + answer[i] + ": " + join(names, " "), 2);
    field(out, "",
          (names.size() > 1 ? "e.g. " + std::string(first.name) + ": " : std::string()) +
              explanation_of(first),
          4);
  }
}

}  // namespace

std::string render_text(const Report& r, bool colour) {
  std::string out;
  std::string title = "syscall-probe " + r.probe_version;
  if (r.label) title += ", label " + *r.label;
  title += ", " + r.generated_at;
  field(out, "", title, 0);
  out += "\n";
  environment_text(out, r);
  own_call_text(out, r, colour);
  if (!r.catalogue.empty()) {
    out += "\n";
    field(out, "Catalogue", std::to_string(r.catalogue.size()) + " syscall(s)");
    field(out, "Summary", summary_sentence(summarise(r.catalogue)));
    // The columns of the rows below: 23, 4 (right-aligned), 5, 8, 13.
    out += "  NAME                      NR SINCE EXPECTED RESULT        VERDICT\n";
    odd_rows_text(out, catalogue_rows_text(out, r, colour));
  }
  return out;
}

}  // namespace probe
