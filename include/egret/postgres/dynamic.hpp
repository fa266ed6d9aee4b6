// Defines how the PostgreSQL backend runs dynamic queries (egret::dyn): binding their collected values,
// dyn_cursor (rows of a run-time select list, as dyn::row), and the functions behind connection::execute,
// insert_from and create_table_from for dynamic queries. Statements are cached by their SQL text.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <egret/dynamic.hpp>
#include <egret/dynamic/cursor.hpp>
#include <egret/dynamic/datum_io.hpp>
#include <egret/dynamic/insert_into.hpp>
#include <egret/postgres/connection.hpp>

namespace egret::postgres {

namespace detail {

/// Binds the values of a rendered dynamic query, in text order (dynamic/datum_io.hpp), after the last query's.
inline void bind_datums(params& p, std::vector<dyn::datum> const& values) {
  p.clear();
  dyn::bind_datums(p, values);
}
using dyn::read_datum;

/// A name chosen at run time (dyn::as, a derived alias) cannot hold a NUL byte: libpq takes the SQL as a C
/// string, which would end there and leave a broken statement. Names the column when it is a result column's.
inline void require_no_nul(std::vector<dyn::column_info> const& cols, std::string_view sql) {
  if (sql.find('\0') == std::string_view::npos) [[likely]]
    return;
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name.find('\0') != std::string::npos)
      throw_error("22021",
                  "egret::postgres: the name of result column " + std::to_string(i) +
                      " (dyn::as) holds a NUL byte: PostgreSQL identifiers and text cannot contain NUL",
                  {});
  require_no_nul(sql);  // another name: the offset tells where
}

}  // namespace detail

/// Reads the rows of a dynamic query's PGresult for dyn::basic_cursor, in order.
class dyn_reader {
 public:
  explicit dyn_reader(result r) : r_(std::move(r)) {}
  bool advance() {
    if (next_ >= r_.row_count()) return false;
    r_.set_row(next_++);
    return true;
  }
  dyn::datum read(int col, dyn::sql_type_id t) const { return detail::read_datum(r_, col, t); }

 private:
  result r_;
  int next_ = 0;
};

/// The rows of a dynamic query with a run-time select list (dynamic/cursor.hpp); each row is a dyn::row owning its
/// fields.
using dyn_cursor = dyn::basic_cursor<dyn_reader>;

/// connection::execute(q) for a dynamic query: renders it (PostgreSQL dialect), runs its statement (cached
/// by text) with its values. A static select list gives typed rows (egret::postgres::cursor); a run-time one
/// gives a dyn_cursor.
template <class Q>
auto execute_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  detail::require_no_nul(r.columns, r.sql);
  params p;
  detail::bind_datums(p, r.values);
  result res = db.run_sql(r.sql, p);
  return dyn::cursor_for<cursor, dyn_reader, Q>(std::move(res), std::move(r.columns));
}

/// connection::insert_from<T>(q) for a dynamic query: `INSERT INTO T (columns...) <q>`, q's result columns
/// checked against T's at run time (names, types, nullability: egret::error before anything runs).
template <class T, class Q>
void insert_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  std::string const sql = dyn::insert_into_sql<dialect_type, T>(r);
  detail::require_no_nul(r.columns, sql);
  params p;
  detail::bind_datums(p, r.values);
  db.run_sql(sql, p);
}

}  // namespace egret::postgres
