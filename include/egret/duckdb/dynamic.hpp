// Defines how the DuckDB backend runs dynamic queries (egret::dyn): binding their collected values, dyn_cursor
// (rows of a run-time select list, as dyn::row), and the functions behind connection::execute, insert_from and
// create_table_from for dynamic queries. Statements are cached by their SQL text; a cursor owns its materialized
// result, so the statement may be evicted while the cursor is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dynamic.hpp>
#include <egret/dynamic/cursor.hpp>
#include <egret/dynamic/datum_io.hpp>
#include <egret/dynamic/insert_into.hpp>
#include <egret/duckdb/connection.hpp>

namespace egret::duckdb {

/// Reads the rows of a dynamic query's result for dyn::basic_cursor, a data chunk at a time.
class dyn_reader {
 public:
  explicit dyn_reader(result r) noexcept : r_(std::move(r)) {}
  bool advance() { return r_.next(); }
  dyn::datum read(int col, dyn::sql_type_id t) const { return dyn::read_datum(r_, col, t); }

 private:
  result r_;
};

/// The rows of a dynamic query with a run-time select list (dynamic/cursor.hpp); each row is a dyn::row owning its
/// fields.
using dyn_cursor = dyn::basic_cursor<dyn_reader>;

namespace detail {
/// Runs SQL text built at run time with the rendered query's values bound in text order.
inline result run_dynamic(connection& db, std::string_view sql, std::vector<dyn::datum> const& values) {
  statement& s = db.dynamic_statement(sql);
  s.clear_bindings();
  dyn::bind_datums(s, values);
  return s.execute();
}
}  // namespace detail

/// connection::execute(q) for a dynamic query: renders it (DuckDB dialect), finds its statement by text, binds its
/// values, runs it. A static select list gives typed rows (egret::duckdb::cursor); a run-time one a dyn_cursor.
template <class Q>
auto execute_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  result res = detail::run_dynamic(db, r.sql, r.values);
  return dyn::cursor_for<cursor, dyn_reader, Q>(std::move(res), std::move(r.columns));
}

/// connection::insert_from<T>(q) for a dynamic query: `INSERT INTO T (columns...) <q>`, q's result columns checked
/// against T's at run time (names, types, nullability: egret::error before anything runs). Returns the rows
/// inserted.
template <class T, class Q>
std::int64_t insert_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  std::string const sql = dyn::insert_into_sql<dialect_type, T>(r);
  return detail::run_dynamic(db, sql, r.values).rows_changed();
}

}  // namespace egret::duckdb
