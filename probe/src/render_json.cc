#include <nlohmann/json.hpp>

#include "render.h"
#include "report_schema.h"
#include "sentry.h"
#include "summary.h"

namespace probe {

namespace {

using nlohmann::json;

const char* outcome_kind(Outcome::Kind k) {
  switch (k) {
    case Outcome::Kind::Returned: return "returned";
    case Outcome::Kind::Errno: return "errno";
    case Outcome::Kind::Signal: return "signal";
    case Outcome::Kind::Timeout: return "timeout";
    case Outcome::Kind::Error: return "error";
  }
  return "error";
}

template <class T>
json nullable(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// "" as null: the sources and modes that were not learned.
json text_or_null(std::string_view s) {
  return s.empty() ? json(nullptr) : json(s);
}

// One call per field: an initializer list per object costs more code.
[[gnu::noinline]] void put(json& j, const char* key, json value) {
  j[key] = std::move(value);
}

json lsm_json(const LsmInfo& l) {
  json label = nullptr;
  if (l.label) {
    put(label, "text", l.label->text);
    put(label, "source", l.label->source);
    put(label, "module", text_or_null(l.label->module));
    put(label, "profile", text_or_null(l.label->profile));
    put(label, "mode", text_or_null(l.label->mode));
    put(label, "enforcing", nullable(l.label->enforcing));
  }
  json j = json::object();
  put(j, "modules", nullable(l.modules));
  put(j, "modules_source", text_or_null(l.modules_source));
  put(j, "errors", l.errors);
  put(j, "label", std::move(label));
  put(j, "lockdown", l.lockdown ? text_or_null(lockdown_mode_name(*l.lockdown)) : json(nullptr));
  put(j, "lockdown_source", text_or_null(l.lockdown_source));
  put(j, "landlock_restricts", nullptr);
  return j;
}

json outcome_json(const Outcome& o) {
  json j{{"kind", outcome_kind(o.kind)}, {"elapsed_ms", o.elapsed_ms}};
  switch (o.kind) {
    case Outcome::Kind::Returned: j["value"] = o.value; break;
    case Outcome::Kind::Errno:
      j["errno"] = o.err;
      j["errno_name"] = errno_name(o.err);
      break;
    case Outcome::Kind::Signal:
      j["signal"] = o.signal;
      j["signal_name"] = signal_name(o.signal);
      j["seccomp_signal"] = o.seccomp_signal;
      break;
    case Outcome::Kind::Timeout: j["timeout_ms"] = o.timeout_ms; break;
    case Outcome::Kind::Error: j["error"] = o.error; break;
  }
  return j;
}

json attempt_json(const Attempt& a) {
  json j{
      {"name", a.name},
      {"nr", a.nr},
      {"arch", a.arch},
      {"since", nullable(a.since)},
      {"symbol", symbol_of(a)},
      {"kernel_has_symbol", nullable(a.kernel_has_symbol)},
      {"outcome", outcome_json(a.outcome)},
      {"verdict", verdict_name(a.verdict)},
      {"answered_by", answerer_name(a.answered_by)},
      {"proof", proof_name(a.proof)},
      {"explanation", explanation_of(a)},
  };
  if (a.filter_notified) j["filter_notified"] = *a.filter_notified;
  if (a.second_look) {
    j["second_look"] = {{"request", second_look_name(a.second_look->plan)},
                        {"in_user_namespace", a.second_look->plan.in_user_namespace},
                        {"outcome", outcome_json(a.second_look->outcome)}};
  }
  if (a.evidence) j["evidence"] = evidence_source_name(*a.evidence);
  if (a.expected) j["expected"] = *a.expected;
  if (a.token) j["token"] = *a.token;
  if (a.expected_value) j["expected_value"] = *a.expected_value;
  if (a.verified) j["verified"] = *a.verified;
  if (a.precheck != Precheck::None) {
    j["precheck"] = {{"needs", precheck_text(a.precheck)},
                     {"passed", nullable(a.precheck_passed)},
                     {"child_no_new_privs", a.child_no_new_privs}};
  }
  return j;
}

const char* install_name(FilterAnswers::Install i) {
  switch (i) {
    case FilterAnswers::Install::Installed: return "installed";
    case FilterAnswers::Install::Busy: return "busy";
    case FilterAnswers::Install::Refused: return "refused";
  }
  return "refused";
}

// Out of line and field by field: inlined into render_json, the nested
// initializer lists of nlohmann::json cost the static binary ~17 KB.
[[gnu::noinline]] json asked_json(const FilterAsking& f) {
  json j = json::object();
  j["asked"] = f.asked;
  j["status"] = f.asked ? install_name(f.install) : "not-asked";
  j["error"] = f.error.empty() ? json(nullptr) : json(f.error);
  j["calls"] = f.calls;
  j["notified"] = f.notified;
  j["supervisor"] = nullptr;
  if (f.asked && f.install == FilterAnswers::Install::Busy) j["supervisor"] = true;
  if (f.asked && f.install == FilterAnswers::Install::Installed) j["supervisor"] = false;
  return j;
}

json source_json(const SourceInfo& s) {
  return {{"readable", s.readable}, {"error", nullable(s.error)}, {"consulted", s.consulted}};
}

json summary_json(const Summary& s) {
  json counts = json::object();
  json names = json::object();
  for (const auto& c : s.counts) {
    counts[std::string(verdict_name(c.verdict))] = c.names.size();
    if (c.verdict != Verdict::Implemented) names[std::string(verdict_name(c.verdict))] = c.names;
  }
  return {{"calls", s.calls}, {"counts", counts}, {"names", names}, {"text", summary_sentence(s)}};
}

}  // namespace

std::string render_json(const Report& r) {
  json catalogue = json::array();
  for (const auto& a : r.catalogue) catalogue.push_back(attempt_json(a));
  json namespaces = json::object();
  for (const auto& [name, link] : r.namespaces) namespaces[name] = link;
  json caps = json::array();
  for (auto& name : capability_names(r.status.cap_eff.value_or(0))) caps.push_back(name);

  json btf = source_json(r.btf);
  btf["contradicted"] = r.btf_contradicted;

  json j{
      {"schema", report_schema::kName},
      {"schema_version", report_schema::kVersion},
      {"probe_version", r.probe_version},
      {"label", nullable(r.label)},
      {"generated_at", r.generated_at},
      {"kernel",
       {
           {"sysname", r.uts.sysname},
           {"nodename", r.uts.nodename},
           {"release", r.uts.release},
           {"version", r.uts.version},
           {"machine", r.uts.machine},
           {"flavour", r.flavour.name},
           {"flavour_note", r.flavour.note},
           {"shared_kernel", r.flavour.shared_kernel},
       }},
      {"container",
       {
           {"detected", r.container.detected},
           {"runtime", r.container.runtime},
           {"evidence", r.container.evidence},
       }},
      {"emulation",
       {
           {"emulated", r.emulation.emulated},
           {"probe_arch", r.emulation.probe_arch},
           {"emulator", nullable(r.emulation.emulator)},
           {"interpreter", nullable(r.emulation.interpreter)},
           {"host_arch", nullable(r.emulation.host_arch)},
           {"evidence", r.emulation.evidence},
       }},
      {"confinement",
       {
           {"seccomp",
            {
                {"mode", nullable(r.status.seccomp)},
                {"mode_name", seccomp_mode_name(r.status.seccomp)},
                {"filters", nullable(r.status.seccomp_filters)},
                {"asked", asked_json(r.filter_asking)},
            }},
           {"no_new_privs", nullable(r.status.no_new_privs)},
           {"capabilities",
            {
                {"effective_hex", capability_hex(r.status.cap_eff.value_or(0))},
                {"effective", caps},
                {"bounding_hex", capability_hex(r.status.cap_bnd.value_or(0))},
            }},
           {"namespaces", namespaces},
           {"user_namespace", {{"uid_map", r.uid_map}, {"identity", r.uid_identity}}},
           {"cgroup", {{"version", nullable(r.cgroup.version)}, {"path", r.cgroup.path}}},
           {"lsm", lsm_json(r.lsm)},
       }},
      {"kallsyms", source_json(r.kallsyms)},
      {"btf", btf},
      {"syscall", attempt_json(r.syscall)},
      {"catalogue", catalogue},
      {"summary", summary_json(summarise(r.catalogue))},
  };
  return j.dump(2) + "\n";
}

}  // namespace probe
