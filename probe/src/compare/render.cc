#include "compare/render.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace probe::compare {

namespace {

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

// The closing line's tail: what "—" means and, when rows were left out, how many.
std::string footer_tail(const Matrix& m) {
  std::string s = std::string(kMissing) + " = not probed";
  if (m.hidden > 0) {
    s += "; " + std::to_string(m.hidden) + " equal row(s) hidden (--all-rows shows them)";
  }
  return s;
}

}  // namespace

std::string text_table(const Matrix& m) {
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
  for (const auto& r : m.facts) {
    out += line(r.differs ? "*" : "", r.fact, r.since, r.cells);
  }
  out += "\n" + std::to_string(m.columns.size()) + " host(s), " + std::to_string(m.syscalls) +
         " syscall(s), " + std::to_string(m.differing) + " differ (marked *); " + footer_tail(m) +
         "\n";
  return out;
}

std::string markdown_table(const Matrix& m) {
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
  for (const auto& r : m.facts) {
    out += row(r.differs ? "≠" : "", r.fact, r.since, r.cells, false);
  }
  out += "\n" + std::to_string(m.columns.size()) + " host(s), " + std::to_string(m.syscalls) +
         " syscall(s); " + std::to_string(m.differing) + " differ (marked ≠); " +
         markdown_escape(footer_tail(m)) + ".\n";
  return out;
}

std::string html_page(const Matrix& m, std::string_view title) {
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
  for (const auto& r : m.facts) {
    out += std::string(r.differs ? "<tr class=\"differs\"><td class=\"mark\">&ne;</td>"
                                 : "<tr><td class=\"mark\"></td>") +
           "<td><code>" + html_escape(r.fact) + "</code></td><td>" + html_escape(r.since) + "</td>";
    for (const auto& c : r.cells) {
      out += "<td class=\"" + css_class(c) + "\">" + html_escape(c) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p>" + std::to_string(m.columns.size()) + " host(s), " +
         std::to_string(m.syscalls) + " syscall(s); " + std::to_string(m.differing) +
         " differ (highlighted, &ne;); " + html_escape(footer_tail(m)) +
         ". Made by <code>syscall-probe compare --format html</code>.</p>\n"
         "</body>\n</html>\n";
  return out;
}

}  // namespace probe::compare
