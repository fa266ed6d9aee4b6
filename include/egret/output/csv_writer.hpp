// Defines egret::write_csv: a result set as CSV (RFC 4180): a header of the column names, then one line per
// row. A field is quoted (its quotes doubled) when it holds the delimiter, a quote or a line break, and an
// empty text is written "" so that it stays distinct from NULL, which is an empty field. Doubles are written
// in their shortest round-trip form, dates YYYY-MM-DD, booleans true/false.
//
//   egret::write_csv(std::cout, db.execute(q));          // a cursor, streamed: no row is kept
//   egret::write_csv(file, rows);                         // a std::vector of rows or of Hana structs
#pragma once

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <egret/output/cell.hpp>

namespace egret {

/// How write_csv writes.
struct csv_format {
  char delimiter = ',';
  bool header = true;           // the column names first
  std::string_view newline = "\n";  // "\r\n" for RFC 4180's CRLF
};

namespace detail {

/// Appends text as one CSV field, quoted when it must be (and when empty, to tell "" from NULL).
inline void append_csv_text(std::string& out, std::string_view s, char delimiter) {
  bool quote = s.empty();
  for (char const c : s)
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') quote = true;
  if (!quote) {
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

/// Appends one CSV line of cells (with the newline).
inline void append_csv_line(std::string& out, std::span<cell const> cells, csv_format const& f) {
  for (std::size_t i = 0; i != cells.size(); ++i) {
    if (i != 0) out += f.delimiter;
    if (cells[i].kind == cell_kind::text)
      append_csv_text(out, cells[i].s, f.delimiter);
    else
      append_value(out, cells[i]);
  }
  out += f.newline;
}

inline void append_csv_header(std::string& out, std::span<std::string_view const> names, csv_format const& f) {
  for (std::size_t i = 0; i != names.size(); ++i) {
    if (i != 0) out += f.delimiter;
    append_csv_text(out, names[i], f.delimiter);
  }
  out += f.newline;
}

template <class Rows>
using row_of_t = std::remove_cvref_t<decltype(*std::declval<Rows&>().begin())>;

}  // namespace detail

/// Writes the rows of `rows` (a cursor, as db.execute(q) returns it, or a range of result rows or of
/// BOOST_HANA_DEFINE_STRUCTs) to `out` as CSV, after a header of the column names; returns the number of rows.
/// Each line is written when it is complete, so a cursor is read once and no row is kept.
template <class Rows>
  requires showable_row<detail::row_of_t<Rows>>
std::size_t write_csv(std::ostream& out, Rows&& rows, csv_format const& format = {}) {
  using shape = row_shape<detail::row_of_t<Rows>>;
  std::string line;
  if (format.header) {
    detail::append_csv_header(line, shape::names, format);
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  cell cells[shape::size == 0 ? 1 : shape::size];
  std::size_t n = 0;
  for (auto const& r : rows) {
    cells_of(r, cells);
    line.clear();
    detail::append_csv_line(line, std::span<cell const>(cells, shape::size), format);
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    ++n;
  }
  return n;
}

/// The same CSV as a string.
template <class Rows>
  requires showable_row<detail::row_of_t<Rows>>
std::string to_csv(Rows&& rows, csv_format const& format = {}) {
  using shape = row_shape<detail::row_of_t<Rows>>;
  std::string text;
  if (format.header) detail::append_csv_header(text, shape::names, format);
  cell cells[shape::size == 0 ? 1 : shape::size];
  for (auto const& r : rows) {
    cells_of(r, cells);
    detail::append_csv_line(text, std::span<cell const>(cells, shape::size), format);
  }
  return text;
}

}  // namespace egret
