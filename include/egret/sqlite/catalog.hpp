// Defines how the SQLite backend reads its catalog, for the pipeline's source check (pipeline/source_check.hpp) and
// anyone who asks what a table holds: describe_table(db, name) (pragma_table_xinfo), and SQLite's rules for whether
// a live column holds what a declared one does: the same affinity (INT* -> INTEGER; CHAR, CLOB, TEXT -> TEXT; REAL,
// FLOA, DOUB -> REAL; sqlite.org/datatype3.html), and, since egret keeps DATE and TIMESTAMP as TEXT and BOOLEAN as
// INTEGER there, a NUMERIC-affinity column whose type names DATE or TIME for an egret::date / egret::timestamp, BOOL
// for a bool. Names compare without regard to ASCII case (the source check's default).
#pragma once

#include <cstddef>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/backend/table_description.hpp>
#include <egret/sqlite/connection.hpp>
#include <egret/relation/raw.hpp>
#include <egret/types/temporal.hpp>

namespace egret::sqlite {

namespace detail {
// The declared type, NOT NULL and primary-key position of each column, and whether the name is a view.
// pragma_table_xinfo (SQLite 3.26) is pragma_table_info with the generated columns, which a SELECT reads as any
// other; it finds nothing for a name that is no table or view.
using catalog_query = egret::raw_query<
    R"(SELECT p."name" AS "name", p."type" AS "type", p."notnull" AS "notnull", p."pk" AS "pk", )"
    R"(EXISTS (SELECT 1 FROM sqlite_master AS m WHERE m."type" = 'view' AND m."name" = ? COLLATE NOCASE) AS "is_view" )"
    R"(FROM pragma_table_xinfo(?) AS p ORDER BY p."cid")",
    egret::out<"name", std::string>, egret::out<"type", std::string>, egret::out<"notnull", std::int64_t>,
    egret::out<"pk", std::int64_t>, egret::out<"is_view", std::int64_t>, egret::raw_param<std::string>,
    egret::raw_param<std::string>>;

/// SQLite's affinity of a declared type (sqlite.org/datatype3.html, 3.1).
enum class affinity : unsigned char { integer, text, blob, real, numeric };

inline affinity sqlite_affinity(std::string_view declared) {
  std::string const t = backend::ascii_upper(declared);
  auto has = [&](std::string_view s) { return t.find(s) != std::string::npos; };
  if (has("INT")) return affinity::integer;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return affinity::text;
  if (has("BLOB") || t.empty()) return affinity::blob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return affinity::real;
  return affinity::numeric;
}

inline std::string_view affinity_name(affinity a) {
  switch (a) {
    case affinity::integer: return "INTEGER";
    case affinity::text: return "TEXT";
    case affinity::blob: return "BLOB";
    case affinity::real: return "REAL";
    default: return "NUMERIC";
  }
}

}  // namespace detail

/// Table or view `name` as SQLite's catalog describes it (no columns: no such table or view). An INTEGER PRIMARY
/// KEY is the rowid: never NULL, though the pragma says nothing of it.
/// A template (on a connection class, or one derived from it) so that a program that never asks compiles none of it.
template <std::derived_from<connection> Db>
backend::table_description describe_table(Db& db, std::string const& name) {
  backend::table_description t;
  std::size_t keys = 0;
  std::vector<bool> in_key;
  for (auto const& [col, type, notnull, pk, is_view] : db.execute(detail::catalog_query{}, name, name)) {
    t.view = is_view != 0;
    t.columns.push_back({std::string(col), std::string(type), std::string(type), notnull == 0});
    in_key.push_back(pk != 0);
    keys += pk != 0;
  }
  for (std::size_t i = 0; i != t.columns.size(); ++i)
    if (keys == 1 && in_key[i] && !t.view && backend::iequal(t.columns[i].compared, "INTEGER"))
      t.columns[i].nullable = false;
  return t;
}

/// Whether a live column of declared type `live` holds what a column of C++ value type U, declared `declared`
/// (create_table_sql's text), holds. A view's column SQLite could not type (an expression's: empty) is not
/// checked.
template <class U>
bool column_type_matches(connection const&, std::string_view declared, std::string_view live, bool in_view) {
  if (in_view && live.empty()) return true;
  detail::affinity const l = detail::sqlite_affinity(live);
  if (l == detail::sqlite_affinity(declared)) return true;
  if (l != detail::affinity::numeric) return false;
  std::string const t = backend::ascii_upper(live);
  if constexpr (std::is_same_v<U, egret::date> || std::is_same_v<U, egret::timestamp>)
    return t.find("DATE") != std::string::npos || t.find("TIME") != std::string::npos;
  else if constexpr (std::is_same_v<U, bool>)
    return t.find("BOOL") != std::string::npos;
  else
    return false;
}

/// How a live column's type reads in a message: as declared, with its affinity when its name does not say it.
inline std::string column_type_text(connection const&, backend::column_description const& c) {
  if (c.type.empty()) return "untyped (BLOB affinity)";
  std::string_view const a = detail::affinity_name(detail::sqlite_affinity(c.type));
  if (backend::ascii_upper(c.type) == a) return c.type;
  return c.type + " (" + std::string(a) + " affinity)";
}

}  // namespace egret::sqlite
