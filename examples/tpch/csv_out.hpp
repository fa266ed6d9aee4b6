// Defines tpch::write_csv, which writes the rows of an egret query as CSV: a header of the output column names,
// then one line per row (RFC 4180 quoting, NULL as an empty field, dates YYYY-MM-DD, doubles in shortest
// round-trip form).
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include <egret/types/format.hpp>

namespace tpch {

namespace detail {

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

/// Appends text as one CSV field: quoted (with `"` doubled) when it holds a comma, a quote or a line break, and
/// when it is empty, so that an empty string stays distinct from NULL.
inline void append_text(std::string& out, std::string_view s) {
  if (!s.empty() && s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char const c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// Appends one field of a result row; NULL (an empty optional) is an empty field.
template <class T>
void append_field(std::string& out, T const& v) {
  if constexpr (is_optional_v<T>) {
    if (v) append_field(out, *v);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (std::is_arithmetic_v<T>) {
    fmt::format_to(std::back_inserter(out), "{}", v);  // doubles: shortest text that reads back the same
  } else if constexpr (std::is_same_v<T, egret::date> || std::is_same_v<T, egret::timestamp>) {
    out += egret::to_string(v);
  } else {
    append_text(out, std::string_view(v));
  }
}

template <class Row, std::size_t... Is>
void append_row(std::string& out, Row const& r, std::index_sequence<Is...>) {
  ((out += (Is == 0 ? "" : ","), append_field(out, r.template get<Is>())), ...);
}

}  // namespace detail

/// Writes the header of Row (an egret result row type: `egret::row_t<decltype(q)>`), its column names.
template <class Row>
void write_csv_header(std::ostream& out) {
  std::string line;
  bool first = true;
  for (std::string_view name : Row::names()) {
    if (!first) line += ',';
    first = false;
    detail::append_text(line, name);
  }
  line += '\n';
  out << line;
}

/// Writes one egret result row as a CSV line.
template <class Row>
void write_csv_row(std::ostream& out, Row const& r) {
  std::string line;
  detail::append_row(line, r, std::make_index_sequence<Row::size>{});
  line += '\n';
  out << line;
}

/// Writes the header and every row of `rows` (e.g. the cursor `db.execute(q)` returns), in order; returns the
/// number of rows written. Lines end with `\n`.
template <class Rows>
std::size_t write_csv(std::ostream& out, Rows&& rows) {
  using row = std::remove_cvref_t<decltype(*rows.begin())>;
  write_csv_header<row>(out);
  std::size_t n = 0;
  for (auto const& r : rows) {
    write_csv_row(out, r);
    ++n;
  }
  return n;
}

}  // namespace tpch
