// Typed command-line values for Boost.Program_options, shared by the probe's
// options and compare's: words naming enum values (one table per enum, read by
// the parser and by --help alike), and the one-line error for a bad value.
// Pure.
#pragma once

#include <boost/any.hpp>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/value_semantic.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace probe::cli {

/// One word the command line accepts for an option, the value it means, and
/// what it does (for --help; may be empty).
template <class E>
struct Choice {
  std::string_view word;
  E value;
  std::string_view meaning;
};

/// The value `word` names, or nullopt.
template <class E>
std::optional<E> find_choice(std::span<const Choice<E>> table, std::string_view word) {
  for (const auto& c : table) {
    if (c.word == word) return c.value;
  }
  return std::nullopt;
}

/// The word naming `value` ("" if none does).
template <class E>
std::string_view word_of(std::span<const Choice<E>> table, E value) {
  for (const auto& c : table) {
    if (c.value == value) return c.word;
  }
  return {};
}

/// The words joined by `separator`: "text|json".
template <class E>
std::string words(std::span<const Choice<E>> table, std::string_view separator) {
  std::string out;
  for (const auto& c : table) {
    if (!out.empty()) out += separator;
    out += c.word;
  }
  return out;
}

/// The words for a sentence: "'auto' or 'never'", "'a', 'b', or 'c'".
template <class E>
std::string quoted_words(std::span<const Choice<E>> table) {
  std::string out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (i > 0) out += i + 1 < table.size() ? ", " : (table.size() > 2 ? ", or " : " or ");
    out += "'" + std::string(table[i].word) + "'";
  }
  return out;
}

/// The error a validator throws: "%canonical_option% " + `says`, where
/// Boost.Program_options puts the option's name ("--syscalls") and `%value%`
/// stands for `value`.
inline boost::program_options::invalid_option_value bad_input(const std::string& value,
                                                              const std::string& says) {
  boost::program_options::invalid_option_value e(value);
  e.m_error_template = "%canonical_option% " + says;
  return e;
}

/// The error for a value outside a set: "--btf must be 'auto' or 'never', got 'yes'".
inline boost::program_options::invalid_option_value bad_value(const std::string& value,
                                                              const std::string& must_be) {
  return bad_input(value, "must be " + must_be + ", got '%value%'");
}

/// The body of a `validate` overload for an enum chosen by words.
template <class E>
void validate_choice(boost::any& out, const std::vector<std::string>& values,
                     std::span<const Choice<E>> table) {
  boost::program_options::validators::check_first_occurrence(out);
  const std::string& word = boost::program_options::validators::get_single_string(values);
  const std::optional<E> value = find_choice(table, word);
  if (!value) throw bad_value(word, quoted_words(table));
  out = *value;
}

/// An unsigned number in decimal or 0x-hex that fits in `max`; nullopt else.
std::optional<unsigned long long> parse_number(std::string_view text, unsigned long long max);

}  // namespace probe::cli
