#include "compare/render.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <set>
#include <string>
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

namespace {

// The page's style and script, one literal each (they are part of the static
// binary). One scroll container holds the matrix: its header row sticks to
// the top, its syscall column to the left. The script only hides rows: "only
// rows that differ" and one category; no request leaves the page.
constexpr std::string_view kHtmlStyle =
    "body{font-family:system-ui,sans-serif;margin:1em;color:#222}\n"
    "table{border-collapse:separate;border-spacing:0;font-size:0.85em}\n"
    "th,td{border:1px solid #ccc;border-width:0 1px 1px 0;padding:0.15em 0.4em;"
    "text-align:left;white-space:nowrap;background:#fff}\n"
    ".matrix{overflow:auto;max-height:calc(100vh - 8em);border:1px solid #999}\n"
    "#facts thead th{position:sticky;top:0;z-index:2;background:#eee;vertical-align:bottom}\n"
    "#facts th.name{position:sticky;left:0;z-index:1;font-weight:normal}\n"
    "#facts thead th.name{z-index:3}\n"
    "#facts th small{font-weight:normal;color:#555}\n"
    "tr.differs th,tr.differs td{background:#fff6d5}\n"
    ".mark{font-weight:bold;color:#b35900}\n"
    "td.v-implemented{color:#11661a}\n"
    "td.v-absent{color:#666}\n"
    "td.v-blocked,td.v-absent-or-blocked,td.v-partial{color:#a05a00}\n"
    "td.v-occupied{color:#1f4fa0}\n"
    "td.v-killed,td.v-error,td.v-timeout,.failed{color:#b00020;font-weight:bold}\n"
    "td[title]{cursor:help}\n"
    "code{font-family:ui-monospace,monospace}\n"
    "label{margin-right:1.5em}\n";

constexpr std::string_view kHtmlScript =
    "(function(){\n"
    "var d=document.getElementById(\"differ\"),c=document.getElementById(\"category\"),"
    "n=document.getElementById(\"shown\"),rows=document.querySelectorAll(\"#facts tbody tr\");\n"
    "function apply(){var k=0;for(var i=0;i<rows.length;i++){var r=rows[i];"
    "var h=(d.checked&&!r.classList.contains(\"differs\"))||"
    "(c.value!==\"\"&&r.getAttribute(\"data-category\")!==c.value);"
    "r.hidden=h;if(!h)k++;}n.textContent=k+\" of \"+rows.length+\" rows shown\";}\n"
    "d.addEventListener(\"change\",apply);c.addEventListener(\"change\",apply);apply();\n"
    "})();\n";

// "/runc" of a label's runtime "runc 1.1.15", escaped; "" without a runtime.
std::string runtime_name(const LabelParts& p) {
  return p.runtime.empty() ? "" : "/" + html_escape(p.runtime.substr(0, p.runtime.find(' ')));
}

// A column's short key: C1, C2, ...
std::string column_key(std::size_t i) {
  return "C" + std::to_string(i + 1);
}

// A host description cell (kernel, arch, ...) of column i; "" when absent.
std::string header_cell(const Matrix& m, std::size_t row, std::size_t i) {
  return row < m.header.size() && i < m.header[row].cells.size() ? m.header[row].cells[i] : "";
}

// Column i's label in parts; empty parts for a matrix not made by build_matrix.
LabelParts column_parts(const Matrix& m, std::size_t i) {
  return i < m.parts.size() ? m.parts[i] : LabelParts{};
}

bool failed_column(const Matrix& m, std::size_t i) {
  return header_cell(m, 0, i).rfind("FAILED: ", 0) == 0;
}

std::string html_filters(const Matrix& m) {
  std::set<std::string, std::less<>> categories;
  for (const auto& r : m.facts) categories.insert(r.category);
  std::string out =
      "<p><label><input type=\"checkbox\" id=\"differ\"> only rows that differ</label> "
      "<label>category <select id=\"category\"><option value=\"\">all</option>";
  for (const auto& c : categories) {
    out += "<option>" + html_escape(c) + "</option>";
  }
  return out + "</select></label> <span id=\"shown\"></span></p>\n";
}

std::string html_matrix(const Matrix& m) {
  std::string out =
      "<div class=\"matrix\"><table id=\"facts\">\n<thead><tr><th class=\"name\">syscall</th>"
      "<th>since</th>";
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    const LabelParts p = column_parts(m, i);
    out += std::string(failed_column(m, i) ? "<th class=\"failed\"" : "<th") + " title=\"" +
           html_escape(m.columns[i] + ", kernel " + header_cell(m, 0, i)) + "\">" + column_key(i) +
           "<br><small>" + html_escape(p.engine) + runtime_name(p) + "</small><br><small>" +
           html_escape(p.profile) + "</small></th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& r : m.facts) {
    out += std::string(r.differs ? "<tr class=\"differs\"" : "<tr") + " data-category=\"" +
           html_escape(r.category) + "\"><th class=\"name\">" +
           (r.differs ? "<span class=\"mark\">&ne;</span> " : "") + "<code>" + html_escape(r.fact) +
           "</code></th><td>" + html_escape(r.since) + "</td>";
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const std::string note = i < r.notes.size() ? r.notes[i] : "";
      out += "<td class=\"" + css_class(r.cells[i]) + "\"" +
             (note.empty() ? "" : " title=\"" + html_escape(note) + "\"") + ">" +
             html_escape(r.cells[i]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string html_legend(const Matrix& m) {
  std::string out =
      "<h2>Columns</h2>\n<table id=\"legend\">\n<thead><tr><th>key</th><th>engine</th>"
      "<th>version</th><th>runtime</th><th>profile</th>";
  for (const auto& h : m.header) out += "<th>" + html_escape(h.fact) + "</th>";
  out += "<th>label</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    const LabelParts p = column_parts(m, i);
    out += "<tr><th>" + column_key(i) + "</th>";
    for (const std::string* s : {&p.engine, &p.version, &p.runtime, &p.profile}) {
      out += "<td>" + html_escape(*s) + "</td>";
    }
    for (std::size_t row = 0; row < m.header.size(); ++row) {
      const std::string c = header_cell(m, row, i);
      out += std::string(row == 0 && failed_column(m, i) ? "<td class=\"failed\">" : "<td>") +
             html_escape(c) + "</td>";
    }
    out += "<td>" + html_escape(m.columns[i]) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string html_page(const Matrix& m, std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      html_escape(title) + "</title>\n<style>\n" + std::string(kHtmlStyle) +
      "</style>\n</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n" + html_filters(m) +
      html_matrix(m);
  out += "<p>" + std::to_string(m.columns.size()) + " host(s), " + std::to_string(m.syscalls) +
         " syscall(s); " + std::to_string(m.differing) + " differ (highlighted, &ne;); " +
         html_escape(footer_tail(m)) +
         ". Hover over a cell for its explanation. Made by <code>syscall-probe compare --format "
         "html</code>.</p>\n" +
         html_legend(m) + "<script>\n" + std::string(kHtmlScript) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace probe::compare
