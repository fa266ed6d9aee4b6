// Defines how the SQLite backend runs dynamic queries (egret::dyn): binding their collected values,
// dyn_cursor (rows of a run-time select list, as dyn::row), and the functions behind connection::execute,
// insert_from and create_table_from for dynamic queries. Statements are cached by their SQL text.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <egret/dynamic.hpp>
#include <egret/dynamic/cursor.hpp>
#include <egret/dynamic/datum_io.hpp>
#include <egret/dynamic/insert_into.hpp>
#include <egret/dynamic/statement_reader.hpp>
#include <egret/sqlite/connection.hpp>

namespace egret::sqlite {

namespace detail {
using dyn::bind_datums;  // dynamic/datum_io.hpp
using dyn::read_datum;

// What the dynamic cursor does with the statement when it is destroyed.
inline void release_dyn_rows(statement& s) {
  if (s.stepped()) s.reset();
}
}  // namespace detail

/// Reads the rows of a dynamic query from a cached statement for dyn::basic_cursor (dynamic/statement_reader.hpp):
/// steps it, and resets it when the cursor is destroyed. The cache keeps the statement while a cursor reads it (pin).
using dyn_reader = dyn::statement_reader<statement, &detail::release_dyn_rows>;

/// The rows of a dynamic query with a run-time select list (dynamic/cursor.hpp); each row is a dyn::row owning its
/// fields.
using dyn_cursor = dyn::basic_cursor<dyn_reader>;

/// connection::execute(q) for a dynamic query: renders it (SQLite dialect), finds its statement by text,
/// binds its values. A static select list gives typed rows (egret::sqlite::cursor); a run-time one gives a
/// dyn_cursor.
template <class Q>
auto execute_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  statement& s = db.dynamic_statement(r.sql);
  detail::bind_datums(s, r.values);
  return dyn::cursor_for<cursor, dyn_reader, Q>(s, std::move(r.columns));
}

/// connection::insert_from<T>(q) for a dynamic query: `INSERT INTO T (columns...) <q>`, q's result columns
/// checked against T's at run time (names, types, nullability: egret::error before anything runs).
template <class T, class Q>
void insert_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  std::string const sql = dyn::insert_into_sql<dialect_type, T>(r);
  statement& s = db.dynamic_statement(sql);
  reset_guard g{s};
  detail::bind_datums(s, r.values);
  while (s.step()) {
  }
}

}  // namespace egret::sqlite
