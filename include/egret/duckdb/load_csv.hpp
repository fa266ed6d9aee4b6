// Defines CSV loading for the DuckDB backend, the code of db.load_csv<T>(file): egret's CSV reader and field parsers (the same
// typing, NULL rules and file:line:column errors as on the other backends), each record appended through DuckDB's
// appender, all of them in one transaction. Opt-in, like <egret/sqlite/load_csv.hpp>: a program calling
// db.load_csv<T>() includes it (without, the call stops with "egret: db.load_csv() needs #include
// <egret/duckdb/load_csv.hpp>").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/record_width.hpp>
#include <egret/core/error.hpp>
#include <egret/csv/options.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/csv/table_layout.hpp>
#include <egret/duckdb/appender.hpp>
#include <egret/duckdb/chunk_writer.hpp>
#include <egret/duckdb/connection.hpp>
#include <egret/duckdb/transaction.hpp>

namespace egret::duckdb {

namespace detail {
/// The DuckDB type egret's create_table<T>() gives a column of this kind.
inline duckdb_type duckdb_type_of(csv::value_kind k) noexcept {
  switch (k) {
    case csv::value_kind::int32: return DUCKDB_TYPE_INTEGER;
    case csv::value_kind::int64: return DUCKDB_TYPE_BIGINT;
    case csv::value_kind::real: return DUCKDB_TYPE_DOUBLE;
    case csv::value_kind::boolean: return DUCKDB_TYPE_BOOLEAN;
    case csv::value_kind::text: return DUCKDB_TYPE_VARCHAR;
    case csv::value_kind::date: return DUCKDB_TYPE_DATE;
    case csv::value_kind::timestamp: return DUCKDB_TYPE_TIMESTAMP;
  }
  return DUCKDB_TYPE_INVALID;
}

/// Appends every record of r to table t, in a transaction of its own (or inside the caller's, `in_transaction`):
/// all rows or none. A field that does not parse is a load_error at its line and column. A record the table
/// refuses (a duplicate key) is found when the appender flushes, which it does for many rows at once: the
/// load_error then names the line of the last record read and says so.
inline std::size_t append_csv(duckdb_connection con, bool* in_transaction, csv::reader& r, csv::table_layout const& t) {
  std::size_t const width = t.columns.size();
  if (r.opts().has_header) csv::expect_header(r, csv::column_names(t));
  std::optional<transaction> tx;
  if (!*in_transaction) tx.emplace(con, in_transaction);
  appender a(con, std::string(t.name));
  // The values go straight into data chunks when the table's columns are of the types egret creates for them (its
  // create_table<T>()); else one duckdb_append_* call per value, which converts.
  std::vector<duckdb_type> expected(width);
  for (std::size_t i = 0; i != width; ++i) expected[i] = duckdb_type_of(t.columns[i].kind);
  std::optional<chunk_writer> w;
  if (chunk_writer::matches(a, expected)) w.emplace(a);
  std::vector<csv::field> fields;
  std::size_t n = 0;
  try {
    while (r.next(fields)) {
      backend::require_record_width(r, fields, width);
      for (std::size_t i = 0; i != width; ++i) {
        csv::column_layout const& c = t.columns[i];
        csv::field const& f = fields[i];
        if (w) {
          if (csv::is_null_for(c, f, r.file_name()))
            w->put_null(i);
          else
            csv::parse_as(c, f, r.file_name(), [&](auto v) { w->put(i, v); });
        } else if (csv::is_null_for(c, f, r.file_name())) {
          a.append_null();
        } else {
          csv::parse_as(c, f, r.file_name(), [&](auto v) { a.append(v); });
        }
      }
      if (w)
        w->end_row();
      else
        a.end_row();
      ++n;
    }
    if (w) w->flush();
    a.close();
  } catch (error const& e) {  // DuckDB's (a field that does not parse is a load_error, and goes through)
    throw load_error(r.file_name(), r.record_line(), 1,
                     "refused by the database (the appender checks rows in batches: a record at or before this line): " +
                         e.message());
  }
  if (tx) tx->commit();
  return n;
}
}  // namespace detail

namespace detail {
/// The code of connection::load_csv for table T (declared in connection.hpp).
template <class T>
struct csv_loader {
  static std::size_t load_file(connection& db, std::string const& file, csv::options opts) {
    csv::reader r(file, opts);
    return append_csv(db.h_.get(), db.in_transaction_.get(), r, csv::layout_of<T>);
  }
  template <class Stream>
  static std::size_t load_stream(connection& db, Stream& in, std::string display_name, csv::options opts) {
    csv::reader r(in, std::move(display_name), opts);
    return append_csv(db.h_.get(), db.in_transaction_.get(), r, csv::layout_of<T>);
  }
};
}  // namespace detail

}  // namespace egret::duckdb
