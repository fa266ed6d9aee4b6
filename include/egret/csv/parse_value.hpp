// Defines egret::csv::parse_field: converts one CSV field to a typed C++ value, with located errors.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <egret/core/error.hpp>
#include <egret/csv/reader.hpp>
#include <egret/types/temporal.hpp>

namespace egret::csv {

namespace detail {

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T>
inline constexpr bool is_supported = std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t> ||
                                     std::is_same_v<T, double> || std::is_same_v<T, bool> ||
                                     std::is_same_v<T, std::string> || std::is_same_v<T, egret::date> ||
                                     std::is_same_v<T, egret::timestamp>;

// The field text for an error message: quoted, escaped, and cut short so a runaway field cannot flood the message.
inline std::string quote_for_error(std::string_view text) {
  constexpr std::size_t max_shown = 60;
  bool const cut = text.size() > max_shown;
  if (cut) {
    std::size_t n = max_shown;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // stay on a UTF-8 boundary
    text = text.substr(0, n);
  }
  std::string out = "\"";
  for (char const c : text) {
    auto const u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  if (cut) out += "...";
  return out;
}

[[noreturn]] inline void fail(field const& f, std::string const& file, std::string const& what) {
  throw load_error(file, f.line, f.column, what + ", got " + quote_for_error(f.text));
}

// from_chars rejects a leading '+', which SQL and most CSV writers allow for numbers.
inline std::string_view strip_plus(std::string_view s) noexcept {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  return s;
}

template <class Int>
Int parse_integer(field const& f, std::string const& file, char const* sql_type) {
  std::string_view const s = strip_plus(f.text);
  Int value{};
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) {
    fail(f, file,
         std::string("integer out of range for ") + sql_type + " (" + std::to_string(std::numeric_limits<Int>::min()) +
             ".." + std::to_string(std::numeric_limits<Int>::max()) + ")");
  }
  if (ec != std::errc{} || end != s.data() + s.size()) {
    fail(f, file, std::string("expected an integer (") + sql_type + ")");
  }
  return value;
}

inline double parse_double(field const& f, std::string const& file) {
  std::string_view const s = strip_plus(f.text);
  double value = 0;
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) {
    fail(f, file, "number out of range for DOUBLE");
  }
  if (ec != std::errc{} || end != s.data() + s.size()) fail(f, file, "expected a number (DOUBLE)");
  // SQLite stores NaN as NULL and MariaDB refuses it: a value that would not come back is refused here.
  if (value != value) fail(f, file, "NaN is not a value every engine keeps (SQLite stores it as NULL); leave the field empty for NULL");
  return value;
}

inline bool parse_bool(field const& f, std::string const& file) {
  auto const is = [&](std::string_view word) {
    if (f.text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = f.text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // ASCII only: locale independent
      if (c != word[i]) return false;
    }
    return true;
  };
  if (is("true") || is("t") || is("1")) return true;
  if (is("false") || is("f") || is("0")) return false;
  fail(f, file, "expected a boolean (true/false/1/0/t/f)");
}

// Parses a field already known not to be NULL (an empty quoted field is text "", invalid for other types).
template <class T>
T parse_present(field const& f, std::string const& file) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(f.text);
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return parse_integer<std::int32_t>(f, file, "INTEGER");
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return parse_integer<std::int64_t>(f, file, "BIGINT");
  } else if constexpr (std::is_same_v<T, double>) {
    return parse_double(f, file);
  } else if constexpr (std::is_same_v<T, bool>) {
    return parse_bool(f, file);
  } else if constexpr (std::is_same_v<T, egret::date>) {
    if (auto const d = parse_date(f.text)) return *d;
    fail(f, file, "expected a date YYYY-MM-DD");
  } else {
    static_assert(std::is_same_v<T, egret::timestamp>);
    if (auto const t = parse_timestamp(f.text)) return *t;
    fail(f, file, "expected a timestamp YYYY-MM-DD HH:MM:SS[.ffffff]");
  }
}

}  // namespace detail

/// Converts a field to T: std::int32_t, std::int64_t, double, bool (true/false/1/0/t/f, any case), std::string,
/// egret::date, egret::timestamp, or std::optional of one of them. An empty unquoted field is NULL: nullopt for an
/// optional, "missing value for NOT NULL column" otherwise. An empty quoted field ("") is an empty string for text
/// and an error for the other types. Numbers use std::from_chars (locale independent), must use the whole field
/// and must fit T. Every error is load_error(file, f.line, f.column, reason) naming the expected type and the text.
template <class T>
T parse_field(field const& f, std::string const& file) {
  if constexpr (detail::is_optional<T>) {
    using value_type = typename T::value_type;
    static_assert(detail::is_supported<value_type>, "egret::csv::parse_field: unsupported type");
    if (f.text.empty() && !f.quoted) return std::nullopt;
    return detail::parse_present<value_type>(f, file);
  } else {
    static_assert(detail::is_supported<T>, "egret::csv::parse_field: unsupported type");
    if (f.text.empty() && !f.quoted) {
      throw load_error(file, f.line, f.column, "missing value for NOT NULL column");
    }
    return detail::parse_present<T>(f, file);
  }
}

}  // namespace egret::csv
