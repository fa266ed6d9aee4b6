// Defines CSV loading for the MySQL / MariaDB backend: the code of connection::load_csv() (egret::csv::reader
// and parse_field), opt-in like SQLite's (<egret/sqlite/load_csv.hpp>). Rows are inserted in batches through a
// prepared multi-row INSERT, inside a transaction (a savepoint when one is open): all rows or none.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <tuple>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/mysql/connection.hpp>

namespace egret::mysql::detail {

template <class T>
struct csv_loader {
  using columns = typename T::egret_columns;
  /// Rows per INSERT: at most 1000, and fewer than the server's 65535 placeholders per statement.
  static constexpr std::size_t batch_rows = std::min<std::size_t>(1000, 65535 / columns::size);

  static std::size_t load_file(connection& db, std::string const& file, csv::options opts) {
    csv::reader r(file, opts);
    return load(db, r);
  }

  template <class Stream>
  static std::size_t load_stream(connection& db, Stream& in, std::string display_name, csv::options opts) {
    csv::reader r(in, std::move(display_name), opts);
    return load(db, r);
  }

  /// `INSERT INTO `T` (`c1`, ...) VALUES (?, ...), (?, ...) ...` for `rows` rows.
  static std::string insert_text(std::size_t rows) {
    std::string s = "INSERT INTO " + quoted<dialect_type>(T::egret_name.view()) + " (";
    names(s, columns{});
    s += ") VALUES ";
    std::string one = "(";
    for (std::size_t c = 0; c < columns::size; ++c) one += c ? ", ?" : "?";
    one += ')';
    for (std::size_t r = 0; r < rows; ++r) {
      if (r) s += ", ";
      s += one;
    }
    return s;
  }

  /// Checks the header (if any), then inserts every record in one transaction: all rows or none.
  static std::size_t load(connection& db, csv::reader& r) {
    if (r.opts().has_header) csv::expect_header(r, connection::column_names(columns{}));
    auto tx = db.transaction();
    std::vector<csv::field> fields;
    std::vector<row_values> batch;
    std::vector<std::size_t> lines;  // the file line of each row of the batch
    batch.reserve(batch_rows);
    lines.reserve(batch_rows);
    std::size_t n = 0;
    while (r.next(fields)) {
      if (fields.size() != columns::size) {
        auto const& last = fields.empty() ? csv::field{} : fields.back();
        throw load_error(r.file_name(), fields.empty() ? r.record_line() : last.line, fields.empty() ? 1 : last.column,
                         "expected " + std::to_string(columns::size) + " fields, found " + std::to_string(fields.size()));
      }
      batch.push_back(parse_row(fields, r.file_name(), std::make_index_sequence<columns::size>{}));
      lines.push_back(r.record_line());
      ++n;
      if (batch.size() == batch_rows) flush(db, batch, lines, r.file_name());
    }
    if (!batch.empty()) flush(db, batch, lines, r.file_name());
    tx.commit();
    return n;
  }

 private:
  template <class C>
  using value_of = std::conditional_t<nullable_v<C>, std::optional<typename C::value_type>, typename C::value_type>;
  template <class L>
  struct tuple_of;
  template <class... Cs>
  struct tuple_of<type_list<Cs...>> {
    using type = std::tuple<value_of<Cs>...>;
  };
  /// One record, parsed: a value per column.
  using row_values = typename tuple_of<columns>::type;

  template <std::size_t... Is>
  static row_values parse_row(std::vector<csv::field> const& f, std::string const& file, std::index_sequence<Is...>) {
    return row_values{csv::parse_field<std::tuple_element_t<Is, row_values>>(f[Is], file)...};
  }

  /// Inserts the rows of `batch` with one multi-row INSERT (prepared once per batch size), then empties it. When
  /// the server refuses a row (a duplicate key, a NULL for a NOT NULL column, a value out of range), finds which
  /// and throws egret::load_error at its line (see locate).
  static void flush(connection& db, std::vector<row_values>& batch, std::vector<std::size_t>& lines,
                    std::string const& file) {
    static std::string const full_sql = insert_text(batch_rows);
    statement& s = db.cache_.get_dynamic(db.h_.get(), batch.size() == batch_rows ? full_sql : insert_text(batch.size()));
    int index = 0;
    for (auto const& row : batch) std::apply([&](auto const&... v) { (s.bind(++index, v), ...); }, row);
    try {
      s.execute();
    } catch (error const& e) {
      if (!row_error(e)) throw;
      locate(db, batch, lines, file);
    }
    batch.clear();
    lines.clear();
  }

  // Whether the server refused a row's values (SQLSTATE class 22 or 23, or a value the column cannot take):
  // InnoDB then undid the whole statement and the transaction goes on. Anything else (a deadlock, which rolls
  // the transaction back; a lost connection) is not retried.
  static bool row_error(error const& e) {
    std::string const& st = e.sqlstate();
    unsigned const n = e.error_number();
    return st.starts_with("22") || st.starts_with("23") || n == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD ||
           n == ER_TRUNCATED_WRONG_VALUE;
  }

  /// The multi-row INSERT failed as a whole (InnoDB undid it): inserts the batch again one row at a time, in the
  /// load's transaction, and throws egret::load_error at the line of the first row refused (the rows before it are
  /// rolled back with the load). Should every row go in alone, the batch is loaded and the load goes on.
  static void locate(connection& db, std::vector<row_values> const& batch, std::vector<std::size_t> const& lines,
                     std::string const& file) {
    static std::string const one_sql = insert_text(1);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      statement& one = db.cache_.get_dynamic(db.h_.get(), one_sql);
      int index = 0;
      std::apply([&](auto const&... v) { (one.bind(++index, v), ...); }, batch[i]);
      try {
        one.execute();
      } catch (error const& e) {
        if (!row_error(e)) throw;
        throw load_error(file, lines[i], 1,
                         "the server refused the row: " + e.message() + " [error " + std::to_string(e.error_number()) +
                             ", SQLSTATE " + e.sqlstate() + "]");
      }
    }
  }

  template <class... Cs>
  static void names(std::string& s, type_list<Cs...>) {
    bool first = true;
    ((s += first ? "" : ", ", first = false, s += quoted<dialect_type>(Cs::name.view())), ...);
  }
};

}  // namespace egret::mysql::detail
