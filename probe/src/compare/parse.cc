#include "compare/parse.h"

#include <initializer_list>
#include <istream>
#include <stdexcept>
#include <streambuf>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "report_schema.h"

namespace probe::compare {

namespace {

using nlohmann::json;

// ------------------------------------------------ one document, bounded

// Reads `text` in place as a stream (no copy of a possibly large input).
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    // The get area is only read; streambuf's interface wants char*.
    char* begin = const_cast<char*>(text.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    setg(begin, begin, begin + text.size());
  }
};

// nlohmann's SAX interface building a json value, refusing more than kMaxDepth
// levels or kMaxValues values (returning false stops the parser).
class BoundedBuilder {
 public:
  explicit BoundedBuilder(json& root) : root_(root) {}

  bool null() { return add(json(nullptr)); }
  bool boolean(bool v) { return add(json(v)); }
  bool number_integer(json::number_integer_t v) { return add(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return add(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t& /*text*/) { return add(json(v)); }
  bool string(json::string_t& v) { return add(json(std::move(v))); }
  bool binary(json::binary_t& v) { return add(json::binary(std::move(v))); }
  bool start_object(std::size_t /*size*/) { return open(json::object()); }
  bool key(json::string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*size*/) { return open(json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) {
    error_ = e.what();
    return false;
  }

  /// Why parsing stopped early: a syntax error or a limit; empty otherwise.
  const std::string& error() const { return error_; }

 private:
  bool count() {
    if (++values_ > kMaxValues) {
      error_ = "more than " + std::to_string(kMaxValues) + " values";
      return false;
    }
    return true;
  }
  // Places v in the innermost open container (or as the root); returns where.
  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_object()) {
      json& slot = parent[key_];
      slot = std::move(v);
      return &slot;
    }
    parent.push_back(std::move(v));
    return &parent.back();
  }
  bool add(json&& v) {
    if (!count()) return false;
    place(std::move(v));
    return true;
  }
  bool open(json&& container) {
    if (!count()) return false;
    if (stack_.size() >= kMaxDepth) {
      error_ = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> stack_;
  json::string_t key_;
  std::size_t values_ = 0;
  std::string error_;
};

// ------------------------------------------------ fields of a report

// A required field is missing or has the wrong type: the document is corrupt.
struct BadField : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string dotted(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

const json& field(const json& obj, const char* key, const std::string& path) {
  if (!obj.is_object())
    throw BadField((path.empty() ? "the document" : path) + " is not an object");
  const auto it = obj.find(key);
  if (it == obj.end()) throw BadField("missing field " + dotted(path, key));
  return *it;
}

std::string string_field(const json& obj, const char* key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_string()) throw BadField(dotted(path, key) + " is not a string");
  return v.get<std::string>();
}

// A string or null field (label, since): null gives "".
std::string nullable_string(const json& obj, const char* key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (v.is_null()) return {};
  if (!v.is_string()) throw BadField(dotted(path, key) + " is not a string or null");
  return v.get<std::string>();
}

int int_field(const json& obj, const char* key, const std::string& path) {
  const json& v = field(obj, key, path);
  if (!v.is_number_integer() || v.get<std::int64_t>() < INT32_MIN ||
      v.get<std::int64_t>() > INT32_MAX) {
    throw BadField(dotted(path, key) + " is not an integer");
  }
  return v.get<int>();
}

Fact read_attempt(const json& a, const std::string& path) {
  Fact f;
  f.name = string_field(a, "name", path);
  f.since = nullable_string(a, "since", path);
  f.nr = int_field(a, "nr", path);
  // Unknown verdict strings (a newer probe) are shown as they are.
  f.verdict = string_field(a, "verdict", path);
  // Optional here: a compare shows the reports it can, and only the page's hover needs it.
  const auto explanation = a.find("explanation");
  if (explanation != a.end() && explanation->is_string()) {
    f.explanation = explanation->get<std::string>();
  }
  return f;
}

// A copy of obj (an object, else null) without the keys named.
json without(const json& obj, std::initializer_list<const char*> keys) {
  if (!obj.is_object()) return nullptr;
  json out = obj;
  for (const char* k : keys) out.erase(k);
  return out;
}

json member(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? json(nullptr) : *it;
}

// What two reports share when they describe the same kind of node
// (parse.h): the facts, without what differs between two runs on one node.
std::string identity_of(const json& doc) {
  const json& confinement = doc.at("confinement");
  json c = without(confinement, {"namespaces"});
  // The cgroup's version is a fact of the node; its path names the container.
  if (c.contains("cgroup")) c["cgroup"] = without(c["cgroup"], {"path"});
  json calls = json::array();
  calls.push_back(
      {doc.at("syscall").at("name"), doc.at("syscall").at("nr"), doc.at("syscall").at("verdict")});
  for (const auto& a : doc.at("catalogue")) {
    calls.push_back({a.at("name"), a.at("nr"), a.at("verdict")});
  }
  const json& container = doc.at("container");
  const json id = {
      {"kernel", without(doc.at("kernel"), {"nodename"})},
      {"confinement", c},
      {"container",
       {{"runtime", member(container, "runtime")}, {"detected", member(container, "detected")}}},
      {"emulation", member(doc, "emulation")},
      {"btf", member(doc, "btf")},
      {"kallsyms", member(doc, "kallsyms")},
      {"probe_version", member(doc, "probe_version")},
      {"calls", calls},
  };
  // nlohmann's objects keep their keys sorted: one text per set of facts.
  return id.dump();
}

Host read_report(const json& doc, const std::string& source) {
  Host h;
  h.source = source;
  const json& kernel = field(doc, "kernel", "");
  h.release = string_field(kernel, "release", "kernel");
  h.machine = string_field(kernel, "machine", "kernel");
  h.label = nullable_string(doc, "label", "");
  if (h.label.empty()) h.label = string_field(kernel, "nodename", "kernel");
  h.probe_version = string_field(doc, "probe_version", "");
  h.runtime = string_field(field(doc, "container", ""), "runtime", "container");
  const json& seccomp = field(field(doc, "confinement", ""), "seccomp", "confinement");
  h.seccomp = string_field(seccomp, "mode_name", "confinement.seccomp");
  const auto filters = seccomp.find("filters");
  if (filters != seccomp.end() && filters->is_number_integer() && h.seccomp == "filter") {
    h.seccomp += " (" + std::to_string(filters->get<std::int64_t>()) + ")";
  }
  h.own = read_attempt(field(doc, "syscall", ""), "syscall");
  const json& cat = field(doc, "catalogue", "");
  if (!cat.is_array()) throw BadField("catalogue is not an array");
  for (std::size_t i = 0; i < cat.size(); ++i) {
    h.catalogue.push_back(read_attempt(cat[i], "catalogue[" + std::to_string(i) + "]"));
  }
  h.identity = identity_of(doc);
  return h;
}

Host read_failure(const json& doc, const std::string& source) {
  Host h;
  h.source = source;
  h.label = nullable_string(doc, "label", "");
  if (h.label.empty()) h.label = source;
  h.failure = string_field(doc, "reason", "");
  return h;
}

// A short rendering of a value for a message: scalars as JSON, the rest by type.
std::string shown(const json& v) {
  if (v.is_primitive() && !v.is_string()) return v.dump();
  if (v.is_string()) return "\"" + v.get<std::string>().substr(0, 40) + "\"";
  return std::string("an ") + v.type_name();
}

// One document: a Host, or a Problem saying why not.
std::variant<Host, Problem> read_document(const json& doc, const std::string& source) {
  if (!doc.is_object()) {
    return Problem{source, "not a JSON object, so not a syscall-probe report", false};
  }
  const auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_string()) {
    return Problem{source, "no \"schema\" string: not a syscall-probe report", true};
  }
  const std::string name = schema->get<std::string>();
  const bool failure = name == report_schema::kHostFailureName;
  if (name != report_schema::kName && !failure) {
    return Problem{
        source,
        "schema " + shown(*schema) + " is not \"" + std::string(report_schema::kName) + "\"", true};
  }
  const int wanted = failure ? report_schema::kHostFailureVersion : report_schema::kVersion;
  const auto version = doc.find("schema_version");
  if (version == doc.end() || !version->is_number_integer() ||
      version->get<std::int64_t>() != wanted) {
    const std::string v = version == doc.end() ? "missing" : shown(*version);
    return Problem{source,
                   "schema_version " + v + " is not " + std::to_string(wanted) +
                       ", the only one this compare reads; use the compare of the probe that "
                       "wrote it",
                   true};
  }
  try {
    return failure ? read_failure(doc, source) : read_report(doc, source);
  } catch (const BadField& e) {
    return Problem{source, std::string("corrupt report: ") + e.what(), false};
  } catch (const json::exception& e) {
    return Problem{source, std::string("corrupt report: ") + e.what(), false};
  }
}

}  // namespace

Parsed parse_reports(std::string_view text, std::string_view source) {
  Parsed out;
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  int index = 0;
  while (true) {
    in >> std::ws;
    if (in.peek() == std::char_traits<char>::eof()) break;
    ++index;
    const std::string name =
        index == 1 ? std::string(source) : std::string(source) + " #" + std::to_string(index);
    json doc;
    BoundedBuilder builder(doc);
    // strict = false: stop after one value, leaving the stream at the next.
    const bool complete = json::sax_parse(in, &builder, json::input_format_t::json, false);
    if (!complete) {
      // After a syntax error or a limit the stream position is unknown: stop here.
      const bool limit = builder.error().rfind("[json.exception", 0) != 0;
      out.problems.push_back(
          {name,
           (limit ? "not a report: " : "not valid JSON (truncated or corrupt?): ") +
               builder.error(),
           false});
      return out;
    }
    auto result = read_document(doc, name);
    if (auto* h = std::get_if<Host>(&result)) {
      out.hosts.push_back(std::move(*h));
    } else {
      out.problems.push_back(std::get<Problem>(std::move(result)));
    }
  }
  if (index == 0) out.problems.push_back({std::string(source), "empty: no JSON document", false});
  return out;
}

}  // namespace probe::compare
