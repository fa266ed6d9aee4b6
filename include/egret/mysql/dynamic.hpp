// Defines how the MySQL / MariaDB backend runs dynamic queries (egret::dyn): binding their collected values,
// dyn_cursor (rows of a run-time select list, as dyn::row), and the functions behind connection::execute,
// insert_from and create_table_from for dynamic queries. Statements are cached by their SQL text. Opt-in.
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
#include <egret/dynamic/statement_reader.hpp>
#include <egret/mysql/connection.hpp>

namespace egret::mysql {

namespace detail {
using dyn::bind_datums;  // dynamic/datum_io.hpp
using dyn::read_datum;

/// A name chosen at run time (dyn::as, a derived alias) cannot hold a NUL byte: MariaDB and MySQL identifiers
/// may not, and the server would answer with a syntax error pointing at a cut name. The values of a dynamic
/// query are bound, so a NUL in its text is in a name. Names the column when it is a result column's.
inline void require_no_nul(std::vector<dyn::column_info> const& cols, std::string_view sql) {
  auto const at = sql.find('\0');
  if (at == std::string_view::npos) [[likely]]
    return;
  std::string what = "a name at offset " + std::to_string(at);
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name.find('\0') != std::string::npos) {
      what = "the name of result column " + std::to_string(i) + " (dyn::as)";
      break;
    }
  throw error(ER_WRONG_COLUMN_NAME, "42000",
              "egret::mysql: " + what + " holds a NUL byte: identifiers cannot contain NUL; nothing was sent",
              std::string(sql.substr(0, at)));
}
}  // namespace detail

/// Reads the rows of a dynamic query from a cached statement for dyn::basic_cursor (dynamic/statement_reader.hpp):
/// fetches them, and frees the result when the cursor is destroyed. The cache keeps the statement while a cursor
/// reads it (pin).
using dyn_reader = dyn::statement_reader<statement, &statement::free_result>;

/// The rows of a dynamic query with a run-time select list (dynamic/cursor.hpp); each row is a dyn::row owning its
/// fields. The result is freed when the cursor is destroyed.
using dyn_cursor = dyn::basic_cursor<dyn_reader>;

/// connection::execute(q) for a dynamic query: renders it (dialect_type), finds its statement by text, binds
/// its values, runs it. A static select list gives typed rows (egret::mysql::cursor); a run-time one a
/// dyn_cursor.
template <class Q>
auto execute_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  detail::require_no_nul(r.columns, r.sql);
  statement& s = db.dynamic_statement(r.sql);
  detail::bind_datums(s, r.values);
  s.execute();
  return dyn::cursor_for<cursor, dyn_reader, Q>(s, std::move(r.columns));
}

/// connection::insert_from<T>(q) for a dynamic query: `INSERT INTO T (columns...) <q>`, q's result columns
/// checked against T's at run time (names, types, nullability: egret::error before anything runs).
template <class T, class Q>
void insert_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  std::string const sql = dyn::insert_into_sql<dialect_type, T>(r);
  detail::require_no_nul(r.columns, sql);
  statement& s = db.dynamic_statement(sql);
  detail::bind_datums(s, r.values);
  s.execute();
}

}  // namespace egret::mysql
