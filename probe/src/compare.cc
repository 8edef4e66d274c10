// `syscall-probe compare`: parse -> model -> render, plus the thin command.
#include "compare.h"

#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "../../kernel/include/uapi/linux/syscall_probe.h"

namespace probe {
namespace compare {
namespace {

using nlohmann::json;

// A required field is missing or has the wrong type: the document is corrupt.
struct BadField : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& field(const json& obj, const char* key, const std::string& path) {
  if (!obj.is_object()) {
    throw BadField(path + " is not an object");
  }
  const auto it = obj.find(key);
  if (it == obj.end()) {
    throw BadField("missing field " + (path.empty() ? "" : path + ".") + key);
  }
  return *it;
}

std::string string_field(const json& obj, const char* key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_string()) {
    throw BadField((path.empty() ? "" : path + ".") + key + " is not a string");
  }
  return v.get<std::string>();
}

// A string or null field (label, since): null gives "".
std::string nullable_string(const json& obj, const char* key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (v.is_null()) {
    return {};
  }
  if (!v.is_string()) {
    throw BadField((path.empty() ? "" : path + ".") + key + " is not a string or null");
  }
  return v.get<std::string>();
}

Fact read_attempt(const json& a, const std::string& path) {
  Fact f;
  f.name = string_field(a, "name", path);
  f.since = nullable_string(a, "since", path);
  const json& nr = field(a, "nr", path);
  if (!nr.is_number_integer()) {
    throw BadField(path + ".nr is not an integer");
  }
  f.nr = nr.get<int>();
  // Unknown verdict strings (a newer probe) are shown as they are.
  f.verdict = string_field(a, "verdict", path);
  return f;
}

Host read_report(const json& doc, const std::string& source) {
  Host h;
  h.source = source;
  const json& kernel = field(doc, "kernel", "");
  h.release = string_field(kernel, "release", "kernel");
  h.machine = string_field(kernel, "machine", "kernel");
  h.label = nullable_string(doc, "label", "");
  if (h.label.empty()) {
    h.label = string_field(kernel, "nodename", "kernel");
  }
  h.probe_version = string_field(doc, "probe_version", "");
  h.runtime = string_field(field(doc, "container", ""), "runtime", "container");
  const json& seccomp = field(field(doc, "confinement", ""), "seccomp", "confinement");
  h.seccomp = string_field(seccomp, "mode_name", "confinement.seccomp");
  const auto filters = seccomp.find("filters");
  if (filters != seccomp.end() && filters->is_number_integer() && h.seccomp == "filter") {
    h.seccomp += " (" + std::to_string(filters->get<int>()) + ")";
  }
  h.own = read_attempt(field(doc, "syscall", ""), "syscall");
  const json& cat = field(doc, "catalogue", "");
  if (!cat.is_array()) {
    throw BadField("catalogue is not an array");
  }
  for (std::size_t i = 0; i < cat.size(); ++i) {
    h.catalogue.push_back(read_attempt(cat[i], "catalogue[" + std::to_string(i) + "]"));
  }
  return h;
}

Host read_failure(const json& doc, const std::string& source) {
  Host h;
  h.source = source;
  h.label = nullable_string(doc, "label", "");
  if (h.label.empty()) {
    h.label = source;
  }
  h.failure = string_field(doc, "reason", "");
  return h;
}

// One document: a Host, or a Problem saying why not.
std::variant<Host, Problem> read_document(const json& doc, const std::string& source) {
  if (!doc.is_object()) {
    return Problem{source, "not a JSON object, so not a syscall-probe report", false};
  }
  const auto schema = doc.find("schema");
  const auto version = doc.find("schema_version");
  if (schema == doc.end() || !schema->is_string()) {
    return Problem{source, "no \"schema\" string: not a syscall-probe report", true};
  }
  const std::string name = schema->get<std::string>();
  if (name != kReportSchema && name != kFailureSchema) {
    return Problem{source, "schema \"" + name + "\" is not " + std::string(kReportSchema), true};
  }
  if (version == doc.end() || !version->is_number_integer() ||
      version->get<int>() != kReportSchemaVersion) {
    const std::string v = version == doc.end() ? "missing" : version->dump();
    return Problem{
        source,
        "schema_version " + v + " is not " + std::to_string(kReportSchemaVersion) +
            ", the only one this compare reads; use the compare of the probe that wrote it",
        true};
  }
  try {
    return name == kFailureSchema ? read_failure(doc, source) : read_report(doc, source);
  } catch (const BadField& e) {
    return Problem{source, std::string("corrupt report: ") + e.what(), false};
  } catch (const json::exception& e) {
    return Problem{source, std::string("corrupt report: ") + e.what(), false};
  }
}

// Display width of UTF-8 text: code points (the table holds no wide characters).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string pad(std::string_view s, std::size_t w) {
  std::string out(s);
  out.append(w > width(s) ? w - width(s) : 0, ' ');
  return out;
}

std::string own_fact_name(int nr) {
  return std::string(SYSCALL_PROBE_NAME) + " (" + std::to_string(nr) + ")";
}

bool values_differ(const std::vector<std::string>& cells) {
  std::set<std::string> seen;
  for (const auto& c : cells) {
    if (c != kMissing) {
      seen.insert(c);
    }
  }
  return seen.size() > 1;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[') {
      out += '\\';
    }
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// CSS class of a verdict cell: the verdict's letters only.
std::string css_class(std::string_view v) {
  std::string out = "v-";
  for (char c : v) {
    if ((c >= 'a' && c <= 'z') || c == '-') {
      out += c;
    }
  }
  return out == "v-" ? "v-none" : out;
}

}  // namespace

Parsed parse_reports(std::string_view text, std::string_view source) {
  Parsed out;
  std::istringstream in{std::string(text)};
  int index = 0;
  while (true) {
    in >> std::ws;
    if (in.peek() == std::char_traits<char>::eof()) {
      break;
    }
    ++index;
    const std::string name =
        index == 1 ? std::string(source) : std::string(source) + " #" + std::to_string(index);
    json doc;
    try {
      in >> doc;
    } catch (const json::exception& e) {
      // After a syntax error the stream position is unknown: stop here.
      out.problems.push_back(
          {name, std::string("not valid JSON (truncated or corrupt?): ") + e.what(), false});
      return out;
    }
    auto result = read_document(doc, name);
    if (auto* h = std::get_if<Host>(&result)) {
      out.hosts.push_back(std::move(*h));
    } else {
      out.problems.push_back(std::get<Problem>(std::move(result)));
    }
  }
  if (index == 0) {
    out.problems.push_back({std::string(source), "empty: no JSON document", false});
  }
  return out;
}

Matrix build_matrix(const std::vector<Host>& hosts) {
  Matrix m;
  std::map<std::string, int> label_count;
  for (const auto& h : hosts) {
    const int n = ++label_count[h.label];
    m.columns.push_back(n == 1 ? h.label : h.label + " (" + std::to_string(n) + ")");
  }

  Row kernel{"kernel", "", {}, false};
  Row arch{"arch", "", {}, false};
  Row runtime{"runtime", "", {}, false};
  Row seccomp{"seccomp", "", {}, false};
  Row version{"probe", "", {}, false};
  for (const auto& h : hosts) {
    if (h.failure) {
      kernel.cells.push_back("FAILED: " + *h.failure);
      for (Row* r : {&arch, &runtime, &seccomp, &version}) {
        r->cells.emplace_back(kMissing);
      }
      continue;
    }
    kernel.cells.push_back(h.release);
    arch.cells.push_back(h.machine);
    runtime.cells.push_back(h.runtime);
    seccomp.cells.push_back(h.seccomp);
    version.cells.push_back(h.probe_version);
  }
  m.header = {kernel, arch, runtime, seccomp, version};

  // Our syscall: named after the number most reports tried; a report that
  // tried another number (--nr) says so in its cell.
  std::map<int, int> nr_votes;
  for (const auto& h : hosts) {
    if (!h.failure) {
      ++nr_votes[h.own.nr];
    }
  }
  int own_nr = SYSCALL_PROBE_NR;
  if (!nr_votes.empty()) {
    own_nr = std::max_element(nr_votes.begin(), nr_votes.end(), [](const auto& a, const auto& b) {
               return a.second < b.second;
             })->first;
  }
  Row own{own_fact_name(own_nr), "", {}, false};
  for (const auto& h : hosts) {
    if (h.failure) {
      own.cells.emplace_back(kMissing);
    } else if (h.own.nr != own_nr) {
      own.cells.push_back(h.own.verdict + " (nr " + std::to_string(h.own.nr) + ")");
    } else {
      own.cells.push_back(h.own.verdict);
    }
  }
  own.differs = values_differ(own.cells);
  m.facts.push_back(std::move(own));

  // The union of catalogue names, in the order first seen.
  std::vector<std::pair<std::string, std::string>> names;  // name, since
  std::set<std::string> known;
  for (const auto& h : hosts) {
    for (const auto& f : h.catalogue) {
      if (known.insert(f.name).second) {
        names.emplace_back(f.name, f.since);
      }
    }
  }
  for (const auto& [name, since] : names) {
    Row r{name, since, {}, false};
    for (const auto& h : hosts) {
      const auto it = std::find_if(h.catalogue.begin(), h.catalogue.end(),
                                   [&](const Fact& f) { return f.name == name; });
      r.cells.push_back(it == h.catalogue.end() ? std::string(kMissing) : it->verdict);
    }
    r.differs = values_differ(r.cells);
    m.facts.push_back(std::move(r));
  }
  return m;
}

std::string render_text(const Matrix& m) {
  std::size_t fact_w = width("syscall");
  std::size_t since_w = width("since");
  std::vector<std::size_t> col_w;
  for (const auto& c : m.columns) {
    col_w.push_back(width(c));
  }
  for (const auto* rows : {&m.header, &m.facts}) {
    for (const auto& r : *rows) {
      fact_w = std::max(fact_w, width(r.fact));
      since_w = std::max(since_w, width(r.since));
      for (std::size_t i = 0; i < r.cells.size() && i < col_w.size(); ++i) {
        col_w[i] = std::max(col_w[i], width(r.cells[i]));
      }
    }
  }
  auto line = [&](std::string_view mark, std::string_view fact, std::string_view since,
                  const std::vector<std::string>& cells) {
    std::string out = pad(mark, 2) + pad(fact, fact_w) + "  " + pad(since, since_w);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out += "  " + pad(cells[i], col_w[i]);
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    return out + "\n";
  };
  std::string out = line("", "host", "", m.columns);
  for (const auto& r : m.header) {
    out += line("", r.fact, "", r.cells);
  }
  std::size_t total = 2 + fact_w + 2 + since_w;
  for (auto w : col_w) {
    total += 2 + w;
  }
  out += std::string(total, '-') + "\n";
  out += line("", "syscall", "since", std::vector<std::string>(m.columns.size()));
  int differing = 0;
  for (const auto& r : m.facts) {
    differing += r.differs ? 1 : 0;
    out += line(r.differs ? "*" : "", r.fact, r.since, r.cells);
  }
  out += "\n" + std::to_string(m.columns.size()) + " host(s), " + std::to_string(m.facts.size()) +
         " syscall(s), " + std::to_string(differing) + " differ (marked *); " +
         std::string(kMissing) + " = not probed\n";
  return out;
}

std::string render_markdown(const Matrix& m) {
  std::string out = "| | syscall | since |";
  for (const auto& c : m.columns) {
    out += " " + markdown_escape(c) + " |";
  }
  out += "\n|---|---|---|";
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    out += "---|";
  }
  out += "\n";
  auto row = [&](std::string_view mark, const std::string& fact, const std::string& since,
                 const std::vector<std::string>& cells, bool emphasise) {
    std::string s = "| " + std::string(mark) + " | " +
                    (emphasise ? "*" + markdown_escape(fact) + "*" : "`" + fact + "`") + " | " +
                    markdown_escape(since) + " |";
    for (const auto& c : cells) {
      s += " " + (emphasise || c == kMissing ? markdown_escape(c) : "`" + c + "`") + " |";
    }
    return s + "\n";
  };
  for (const auto& r : m.header) {
    out += row("", r.fact, "", r.cells, true);
  }
  int differing = 0;
  for (const auto& r : m.facts) {
    differing += r.differs ? 1 : 0;
    out += row(r.differs ? "≠" : "", r.fact, r.since, r.cells, false);
  }
  out += "\n" + std::to_string(m.columns.size()) + " host(s), " + std::to_string(m.facts.size()) +
         " syscall(s); " + std::to_string(differing) + " differ (marked ≠); " +
         std::string(kMissing) + " = not probed.\n";
  return out;
}

std::string render_html(const Matrix& m, std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      html_escape(title) +
      "</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\n"
      "table{border-collapse:collapse;font-size:0.9em}\n"
      "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;white-space:nowrap}\n"
      "thead th{background:#f0f0f0;position:sticky;top:0}\n"
      "tr.host td{color:#555;font-style:italic}\n"
      "tr.differs td{background:#fff6d5}\n"
      "tr.differs td.mark{font-weight:bold;color:#b35900}\n"
      "td.v-implemented{color:#11661a;font-weight:bold}\n"
      "td.v-absent{color:#666}\n"
      "td.v-blocked,td.v-absent-or-blocked{color:#a05a00}\n"
      "td.v-occupied{color:#1f4fa0}\n"
      "td.v-killed,td.v-error,td.v-timeout{color:#b00020}\n"
      "td.failed{color:#b00020;font-weight:bold}\n"
      "code{font-family:ui-monospace,monospace}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      html_escape(title) + "</h1>\n<table>\n<thead><tr><th></th><th>syscall</th><th>since</th>";
  for (const auto& c : m.columns) {
    out += "<th>" + html_escape(c) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& r : m.header) {
    out += "<tr class=\"host\"><td></td><td>" + html_escape(r.fact) + "</td><td></td>";
    for (const auto& c : r.cells) {
      const bool failed = c.rfind("FAILED: ", 0) == 0;
      out += std::string(failed ? "<td class=\"failed\">" : "<td>") + html_escape(c) + "</td>";
    }
    out += "</tr>\n";
  }
  int differing = 0;
  for (const auto& r : m.facts) {
    differing += r.differs ? 1 : 0;
    out += std::string(r.differs ? "<tr class=\"differs\"><td class=\"mark\">&ne;</td>"
                                 : "<tr><td class=\"mark\"></td>") +
           "<td><code>" + html_escape(r.fact) + "</code></td><td>" + html_escape(r.since) + "</td>";
    for (const auto& c : r.cells) {
      out += "<td class=\"" + css_class(c) + "\">" + html_escape(c) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p>" + std::to_string(m.columns.size()) + " host(s), " +
         std::to_string(m.facts.size()) + " syscall(s); " + std::to_string(differing) +
         " differ (highlighted, &ne;); " + html_escape(kMissing) +
         " = not probed. Made by <code>syscall-probe compare --format html</code>.</p>\n"
         "</body>\n</html>\n";
  return out;
}

namespace po = boost::program_options;

namespace {

po::options_description visible_options() {
  po::options_description d("Options");
  d.add_options()("format,f", po::value<std::string>()->default_value("text"),
                  "text (aligned, for a terminal), markdown (a CI job summary) or html (one "
                  "self-contained page)")(
      "output,o", po::value<std::string>(),
      "write the table to FILE (replaced only once complete) instead of stdout")("help,h",
                                                                                 "show this help");
  return d;
}

}  // namespace

Command parse_command_line(int argc, const char* const* argv) {
  po::options_description visible = visible_options();
  po::options_description all;
  all.add(visible).add_options()("report", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("report", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError{std::string(e.what()) + "; see syscall-probe compare --help"};
  }
  if (vm.count("help") != 0) {
    std::ostringstream s;
    s << "Usage: syscall-probe compare [--format text|markdown|html] [--output FILE] REPORT...\n"
         "Reads JSON reports of `syscall-probe --format json` (files, or - for stdin; one input\n"
         "may hold several concatenated reports) and prints one table: a column per host, a row\n"
         "per syscall, rows whose values differ marked. Unusable reports are named on stderr\n"
         "and skipped.\n\n"
      << visible
      << "\nExamples:\n"
         "  syscall-probe compare out/*.json\n"
         "  syscall-probe compare --format markdown reports/*.json >> \"$GITHUB_STEP_SUMMARY\"\n"
         "  syscall-probe compare --format html -o matrix.html a.json b.json\n"
         "  kubectl logs -l app=syscall-probe -c probe | syscall-probe compare -\n\n"
         "Exit status: 0 table written, 2 bad usage or no usable report, 3 internal error.\n";
    return Help{s.str()};
  }
  Options o;
  const std::string format = vm["format"].as<std::string>();
  if (format == "text") {
    o.format = Format::Text;
  } else if (format == "markdown" || format == "md") {
    o.format = Format::Markdown;
  } else if (format == "html") {
    o.format = Format::Html;
  } else {
    return UsageError{"--format " + format + " is not one of text, markdown, html"};
  }
  if (vm.count("output") != 0) {
    o.output = vm["output"].as<std::string>();
    if (o.output.empty()) {
      return UsageError{"--output needs a file name"};
    }
  }
  if (vm.count("report") != 0) {
    o.inputs = vm["report"].as<std::vector<std::string>>();
  }
  if (o.inputs.empty()) {
    return UsageError{"no report given; name JSON report files (or - for stdin)"};
  }
  if (std::count(o.inputs.begin(), o.inputs.end(), "-") > 1) {
    return UsageError{"stdin (-) given more than once"};
  }
  return o;
}

}  // namespace compare

namespace {

constexpr const char* kProgram = "syscall-probe compare";

// Reads a whole file (or stdin for "-"); nullopt and a message on failure.
std::optional<std::string> read_input(const std::string& name, std::string& error) {
  if (name == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(name, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  return text;
}

// Writes FILE.tmp then renames it, so FILE is never half written.
bool write_output(const std::string& path, const std::string& text, std::string& error) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot create " + tmp + ": " + std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write " + tmp + ": " + std::strerror(errno);
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot rename " + tmp + " to " + path + ": " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int compare_main(int argc, char** argv) {
  using namespace compare;
  try {
    const Command cmd = parse_command_line(argc, argv);
    if (const auto* help = std::get_if<Help>(&cmd)) {
      std::fputs(help->text.c_str(), stdout);
      return 0;
    }
    if (const auto* bad = std::get_if<UsageError>(&cmd)) {
      std::fprintf(stderr, "%s: error: %s\n", kProgram, bad->message.c_str());
      return 2;
    }
    const auto& opts = std::get<Options>(cmd);

    std::vector<Host> hosts;
    for (const auto& input : opts.inputs) {
      const std::string source = input == "-" ? "stdin" : input;
      std::string error;
      const auto text = read_input(input, error);
      if (!text) {
        std::fprintf(stderr, "%s: warning: %s: skipped: cannot read: %s\n", kProgram,
                     source.c_str(), error.c_str());
        continue;
      }
      Parsed parsed = parse_reports(*text, source);
      for (const auto& p : parsed.problems) {
        std::fprintf(stderr, "%s: warning: %s: %s: %s\n", kProgram, p.source.c_str(),
                     p.refused ? "refused" : "skipped", p.message.c_str());
      }
      std::move(parsed.hosts.begin(), parsed.hosts.end(), std::back_inserter(hosts));
    }
    if (hosts.empty()) {
      std::fprintf(stderr,
                   "%s: error: no usable report among %zu input(s); give files written by "
                   "syscall-probe --format json\n",
                   kProgram, opts.inputs.size());
      return 2;
    }

    const Matrix m = build_matrix(hosts);
    std::string out;
    switch (opts.format) {
      case Format::Text: out = render_text(m); break;
      case Format::Markdown: out = render_markdown(m); break;
      case Format::Html:
        out = render_html(m,
                          "syscall-probe: " + std::to_string(m.columns.size()) + " hosts compared");
        break;
    }
    if (opts.output.empty()) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : 3;
    }
    std::string error;
    if (!write_output(opts.output, out, error)) {
      std::fprintf(stderr, "%s: error: %s; choose a writable --output path\n", kProgram,
                   error.c_str());
      return 2;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", kProgram, e.what());
    return 3;
  }
}

}  // namespace probe
