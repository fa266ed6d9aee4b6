// Defines egret::print_table and egret::format_table: a result set as a box-drawn table, as DuckDB's CLI
// prints one: the column names and their SQL types over the rows, numbers right-aligned, NULL shown as NULL,
// long values cut with an ellipsis, and a footer with the row count.
//
//   egret::print_table(db.execute(q));                    // to stdout
//   std::cout << egret::format_table(rows, {.max_rows = 10});
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <egret/output/cell.hpp>

namespace egret {

/// What print_table shows.
struct table_options {
  std::size_t max_rows = 40;     // more rows: the first and last max_rows / 2, and a row of "·" between
  std::size_t max_width = 40;    // a longer value is cut to this many characters, the last one "…"
  bool types = true;             // a line of SQL types under the names
  std::string_view null = "NULL";
};

namespace detail {

/// Characters of UTF-8 text (code points; the printers treat each as one column wide).
inline std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char const c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// s cut to at most `width` characters, the last one an ellipsis when cut; line breaks and tabs shown as
/// \n and \t, so that a row stays one line.
inline std::string table_text(std::string_view s, std::size_t width) {
  std::string flat;
  for (char const c : s) {
    if (c == '\n')
      flat += "\\n";
    else if (c == '\r')
      flat += "\\r";
    else if (c == '\t')
      flat += "\\t";
    else
      flat += c;
  }
  if (width == 0 || display_width(flat) <= width) return flat;
  std::size_t kept = 0, at = 0;
  while (at < flat.size()) {
    std::size_t next = at + 1;
    while (next < flat.size() && (static_cast<unsigned char>(flat[next]) & 0xC0) == 0x80) ++next;
    if (kept + 1 == width) break;
    ++kept;
    at = next;
  }
  flat.resize(at);
  flat += "\xE2\x80\xA6";  // …
  return flat;
}

/// The rows of a table being printed: every value as its display text, the middle rows dropped.
class table_builder {
 public:
  table_builder(std::span<std::string_view const> names, std::span<std::string_view const> types,
                table_options const& opts)
      : names_(names.begin(), names.end()), types_(types.begin(), types.end()), opts_(opts) {
    right_.resize(names_.size());
    for (std::size_t i = 0; i != types_.size(); ++i)
      right_[i] = types_[i] == "INTEGER" || types_[i] == "BIGINT" || types_[i] == "DOUBLE";
  }

  void add(std::span<cell const> cells) {
    std::vector<std::string> line;
    line.reserve(cells.size());
    for (cell const& c : cells) line.push_back(text_of(c));
    ++count_;
    std::size_t const head = opts_.max_rows - opts_.max_rows / 2;
    std::size_t const tail = opts_.max_rows / 2;
    if (head_.size() < head) {
      head_.push_back(std::move(line));
    } else if (tail != 0) {
      if (tail_.size() < tail)
        tail_.push_back(std::move(line));
      else
        tail_[(count_ - head - 1) % tail] = std::move(line);
    }
  }

  std::string render() const {
    std::size_t const cols = names_.size();
    std::vector<std::size_t> width(cols, 0);
    auto widen = [&](std::vector<std::string> const& line) {
      for (std::size_t i = 0; i != cols; ++i) width[i] = std::max(width[i], display_width(line[i]));
    };
    std::vector<std::string> name_line, type_line;
    for (std::size_t i = 0; i != cols; ++i) {
      name_line.push_back(table_text(names_[i], opts_.max_width));
      type_line.push_back(std::string(types_[i]));
    }
    widen(name_line);
    if (opts_.types) widen(type_line);
    for (auto const& l : head_) widen(l);
    for (auto const& l : tail_) widen(l);
    for (std::size_t i = 0; i != cols; ++i) width[i] = std::max<std::size_t>(width[i], 1);

    std::string out;
    auto rule = [&](char const* left, char const* mid, char const* right) {
      out += left;
      for (std::size_t i = 0; i != cols; ++i) {
        if (i != 0) out += mid;
        for (std::size_t k = 0; k != width[i] + 2; ++k) out += "\xE2\x94\x80";  // ─
      }
      out += right;
      out += '\n';
    };
    auto cells = [&](std::vector<std::string> const& line, int align) {  // -1 left/right by type, 0 centred
      out += "\xE2\x94\x82";  // │
      for (std::size_t i = 0; i != cols; ++i) {
        std::size_t const pad = width[i] - display_width(line[i]);
        std::size_t const before = align == 0 ? pad / 2 : right_[i] ? pad : 0;
        out += ' ';
        out.append(before, ' ');
        out += line[i];
        out.append(pad - before, ' ');
        out += " \xE2\x94\x82";
      }
      out += '\n';
    };
    if (cols == 0) return std::to_string(count_) + (count_ == 1 ? " row\n" : " rows\n");
    rule("\xE2\x94\x8C", "\xE2\x94\xAC", "\xE2\x94\x90");  // ┌ ┬ ┐
    cells(name_line, 0);
    if (opts_.types) cells(type_line, 0);
    rule("\xE2\x94\x9C", "\xE2\x94\xBC", "\xE2\x94\xA4");  // ├ ┼ ┤
    for (auto const& l : head_) cells(l, -1);
    if (count_ > head_.size() + tail_.size()) {
      std::vector<std::string> dots(cols, "\xC2\xB7");  // ·
      cells(dots, 0);
    }
    std::size_t const tail = opts_.max_rows / 2;
    std::size_t const skipped = count_ - head_.size();
    for (std::size_t k = 0; k != tail_.size(); ++k)  // oldest first: the ring's next slot to overwrite
      cells(tail_[skipped > tail ? (skipped + k) % tail : k], -1);
    rule("\xE2\x94\x94", "\xE2\x94\xB4", "\xE2\x94\x98");  // └ ┴ ┘
    out += std::to_string(count_) + (count_ == 1 ? " row" : " rows");
    if (count_ > head_.size() + tail_.size())
      out += " (" + std::to_string(head_.size() + tail_.size()) + " shown)";
    out += '\n';
    return out;
  }

 private:
  std::string text_of(cell const& c) const {
    if (c.kind == cell_kind::null) return std::string(opts_.null);
    std::string s;
    append_value(s, c);
    if (c.kind == cell_kind::real && s.find_first_of(".en") == std::string::npos) s += ".0";  // still a DOUBLE
    return table_text(s, opts_.max_width);
  }

  std::vector<std::string_view> names_, types_;
  std::vector<bool> right_;
  table_options opts_;
  std::vector<std::vector<std::string>> head_, tail_;
  std::size_t count_ = 0;
};

template <class Rows>
using table_row_t = std::remove_cvref_t<decltype(*std::declval<Rows&>().begin())>;

}  // namespace detail

/// The rows of `rows` (a cursor, as db.execute(q) returns it, or a range of result rows or of
/// BOOST_HANA_DEFINE_STRUCTs) as a box-drawn table, ending with a line break. A cursor is read to its end.
template <class Rows>
  requires showable_row<detail::table_row_t<Rows>>
std::string format_table(Rows&& rows, table_options const& opts = {}) {
  using shape = row_shape<detail::table_row_t<Rows>>;
  detail::table_builder t(shape::names, shape::types, opts);
  cell cells[shape::size == 0 ? 1 : shape::size];
  for (auto const& r : rows) {
    cells_of(r, cells);
    t.add(std::span<cell const>(cells, shape::size));
  }
  return t.render();
}

/// Prints format_table(rows, opts) to stdout.
template <class Rows>
  requires showable_row<detail::table_row_t<Rows>>
void print_table(Rows&& rows, table_options const& opts = {}) {
  std::string const text = format_table(rows, opts);
  std::fwrite(text.data(), 1, text.size(), stdout);
}

/// Prints format_table(rows, opts) to `out`.
template <class Rows>
  requires showable_row<detail::table_row_t<Rows>>
void print_table(std::ostream& out, Rows&& rows, table_options const& opts = {}) {
  std::string const text = format_table(rows, opts);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace egret
