#include "compare/command.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <iterator>
#include <sstream>
#include <utility>

#include <boost/program_options.hpp>

#include "catalogue.h"
#include "cli_values.h"
#include "compare/group.h"
#include "compare/io.h"
#include "compare/parse.h"
#include "compare/render.h"

namespace probe::compare {

namespace po = boost::program_options;

std::string catalogue_category(std::string_view name) {
  const auto subject = subsystem_of(name);
  return std::string(subject ? subsystem_name(*subject) : kOtherCategory);
}

namespace {

constexpr std::array<cli::Choice<TableFormat>, 4> kFormats{{
    {"text", TableFormat::Text, "aligned, for a terminal"},
    {"markdown", TableFormat::Markdown, "a GitHub table, for a CI job summary"},
    {"md", TableFormat::Markdown, ""},
    {"html", TableFormat::Html, "one self-contained page"},
}};

std::string format_help() {
  std::string text = "the table's form:";
  for (const auto& c : kFormats) {
    if (!c.meaning.empty())
      text += " " + std::string(c.word) + " (" + std::string(c.meaning) + "),";
  }
  text.back() = ';';
  return text + " md is markdown";
}

po::options_description visible_options() {
  po::options_description d("Options", 80, 40);
  // One option per line reads as the table it is.
  // clang-format off
  d.add_options()
      ("format,f", po::value<TableFormat>()->value_name("FORMAT")
                       ->default_value(TableFormat::Text, "text"), format_help().c_str())
      ("all-rows", po::bool_switch(), "show every syscall row, not only those that differ "
                                      "between hosts")
      ("group", po::bool_switch(), "one column per group of identical hosts (every verdict, "
                                   "kernel and confinement fact alike), headed \"N nodes\"")
      ("output,o", po::value<std::string>()->value_name("FILE"),
       "write the table to FILE (replaced only once complete) instead of stdout")
      ("help,h", "show this help");
  // clang-format on
  return d;
}

std::string help_text(const po::options_description& visible) {
  std::ostringstream s;
  s << "Usage: syscall-probe compare [--format FORMAT] [--all-rows] [--group]\n"
       "                             [--output FILE] REPORT...\n"
       "Reads JSON reports of `syscall-probe --format json` (files, or - for stdin; one\n"
       "input may hold several concatenated reports) and prints one table: a column per\n"
       "host, a row per syscall; only the rows that differ between hosts unless\n"
       "--all-rows, and a line saying how many equal rows were hidden. Unusable reports\n"
       "are named on stderr and skipped; so is a directory or a device; an input over\n"
    << (kMaxInputBytes >> 20) << " MiB is an error.\n\n"
    << visible
    << "\nExamples:\n"
       "  syscall-probe compare out/*.json\n"
       "  syscall-probe compare --format md reports/*.json >> \"$GITHUB_STEP_SUMMARY\"\n"
       "  syscall-probe compare --format html -o matrix.html a.json b.json\n"
       "  syscall-probe compare --group fleet-out/nodes/*.json\n"
       "  kubectl logs -l app=syscall-probe -c probe | syscall-probe compare -\n\n"
       "Exit status: "
    << kExitTable << " table written, " << kExitUsage
    << " bad usage, no usable report, an input too\nlarge or --output not writable, "
    << kExitInternal << " internal error.\n";
  return s.str();
}

// One line for stderr, whatever a message holds (a report's text may carry
// control characters).
std::string one_line(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return s;
}

constexpr std::string_view kProgram = "syscall-probe compare: ";

// One diagnostic line on stderr. If stderr itself fails there is no one left
// to tell: the exit code still says what happened.
void say(const std::string& kind, const std::string& text) {
  const std::string line = std::string(kProgram) + kind + ": " + one_line(text) + "\n";
  static_cast<void>(std::fwrite(line.data(), 1, line.size(), stderr));
}

int usage_error(const std::string& message) {
  say("error", message);
  return kExitUsage;
}

std::string render(const Settings& settings, const Matrix& m) {
  switch (settings.format) {
    case TableFormat::Text: return text_table(m);
    case TableFormat::Markdown: return markdown_table(m);
    case TableFormat::Html:
      return html_page(m, "syscall-probe: " + std::to_string(m.columns.size()) + " hosts compared");
  }
  return text_table(m);
}

int run(const Settings& settings) {
  std::vector<Host> hosts;
  for (const auto& input : settings.inputs) {
    const std::string source = input == "-" ? "stdin" : input;
    Input in = read_input(input);
    if (in.status == Input::Status::TooLarge) return usage_error(source + ": " + in.message);
    if (in.status == Input::Status::Skipped) {
      say("warning", source + ": skipped: " + in.message);
      continue;
    }
    Parsed parsed = parse_reports(in.text, source);
    for (const auto& p : parsed.problems) {
      say("warning", p.source + ": " + (p.refused ? "refused" : "skipped") + ": " + p.message);
    }
    std::move(parsed.hosts.begin(), parsed.hosts.end(), std::back_inserter(hosts));
  }
  if (hosts.empty()) {
    return usage_error("no usable report among " + std::to_string(settings.inputs.size()) +
                       " input(s); give files written by syscall-probe --format json");
  }
  if (settings.group) hosts = group_identical(std::move(hosts));
  const std::string out = render(settings, build_matrix(hosts, settings.rows, catalogue_category));
  if (settings.output.empty()) {
    const bool written = std::fwrite(out.data(), 1, out.size(), stdout) == out.size();
    return written && std::fflush(stdout) == 0 ? kExitTable : kExitInternal;
  }
  const std::string error = write_atomically(settings.output, out);
  if (!error.empty()) return usage_error(error + "; choose a writable --output path");
  return kExitTable;
}

}  // namespace

void validate(boost::any& out, const std::vector<std::string>& values, TableFormat* /*tag*/,
              int /*overload*/) {
  cli::validate_choice<TableFormat>(out, values, kFormats);
}

Command parse_command_line(int argc, const char* const* argv) {
  const po::options_description visible = visible_options();
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
  if (vm.count("help") != 0) return Help{help_text(visible)};

  Settings s;
  s.format = vm["format"].as<TableFormat>();
  s.rows = vm["all-rows"].as<bool>() ? RowFilter::All : RowFilter::Differing;
  s.group = vm["group"].as<bool>();
  if (vm.count("output") != 0) {
    s.output = vm["output"].as<std::string>();
    if (s.output.empty()) return UsageError{"--output needs a file name"};
  }
  if (vm.count("report") != 0) s.inputs = vm["report"].as<std::vector<std::string>>();
  if (s.inputs.empty()) {
    return UsageError{"no report given; name JSON report files (or - for stdin)"};
  }
  if (std::count(s.inputs.begin(), s.inputs.end(), "-") > 1) {
    return UsageError{"stdin (-) given more than once"};
  }
  return s;
}

}  // namespace probe::compare

namespace probe {

int compare_main(int argc, char** argv) {
  try {
    const compare::Command cmd = compare::parse_command_line(argc, argv);
    if (const auto* help = std::get_if<compare::Help>(&cmd)) {
      const bool written = std::fputs(help->text.c_str(), stdout) >= 0;
      return written && std::fflush(stdout) == 0 ? compare::kExitTable : compare::kExitInternal;
    }
    if (const auto* bad = std::get_if<compare::UsageError>(&cmd)) {
      return compare::usage_error(bad->message);
    }
    return compare::run(std::get<compare::Settings>(cmd));
  } catch (const std::exception& e) {
    compare::say("internal error", e.what());
    return compare::kExitInternal;
  }
}

}  // namespace probe
