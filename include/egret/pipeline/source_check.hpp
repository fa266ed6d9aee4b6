// Defines egret::pipeline::verify_source<T>(db): checks that the live table (or view) a pipeline::source<T>
// names has T's declared columns, of T's types and nullability, so that a run can check it before anything reads
// it. The columns are read from the engine's catalog (SQLite: pragma_table_xinfo; PostgreSQL, MariaDB and DuckDB:
// information_schema.columns, in the current schema / database), through a raw_query every connection runs, and
// compared with the columns create_table_sql<D, T>() declares for the connection's dialect D:
//
//   - a declared column the table lacks: an error;
//   - a column of another type: an error naming the table, the column, the declared SQL and C++ type and the
//     live type, `egret: source "rates": column "factor" is TEXT in the database, but the pipeline declares it
//     REAL (double)`. What counts as the same type:
//       SQLite      the same affinity (INT* -> INTEGER; CHAR, CLOB, TEXT -> TEXT; REAL, FLOA, DOUB -> REAL; the
//                   rules of sqlite.org/datatype3.html), and, since egret keeps DATE and TIMESTAMP as TEXT and
//                   BOOLEAN as INTEGER there, a NUMERIC-affinity column whose type names DATE or TIME for an
//                   egret::date / egret::timestamp, BOOL for a bool;
//       PostgreSQL  the declared type or a narrower one of its kind, which egret reads without loss (SMALLINT or
//                   INTEGER for a BIGINT, REAL for a DOUBLE PRECISION), CHARACTER VARYING or CHARACTER for TEXT;
//       MariaDB     the same: a narrower integer (UNSIGNED counting one byte more: INT UNSIGNED fits a BIGINT,
//                   not an INT; BOOLEAN is TINYINT), FLOAT for a DOUBLE, any CHAR, VARCHAR or *TEXT for text,
//                   DATETIME of any precision for an egret::timestamp (DATETIME(6));
//       DuckDB      the same as PostgreSQL, in DuckDB's names (TINYINT to BIGINT for a BIGINT, FLOAT for a
//                   DOUBLE, VARCHAR for text), read from its information_schema in the current schema;
//   - a column the table lets be NULL where T's type is not std::optional: an error (a NULL would be read into a
//     non-optional value). T optional and the column NOT NULL is fine; so are columns T does not declare.
//     A view's nullability is not checked: PostgreSQL and SQLite report every column of a view nullable.
//
// Every problem of the table is in one egret::error (the error of run-time schema checks, as
// dyn::require_contract's), joined by "; ". Column names compare as each engine does: exactly on PostgreSQL,
// without regard to ASCII case on SQLite, MariaDB and DuckDB.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/dialect/duckdb.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/egret.hpp>

namespace egret::pipeline {

namespace detail {

/// A column of the live table, as the engine's catalog has it.
struct live_column {
  std::string name;
  std::string type;      // as the engine spells it, for messages: SQLite's declared type, PostgreSQL's data_type
                         // (upper case), MariaDB's COLUMN_TYPE (upper case)
  std::string compared;  // what the comparison reads: SQLite's declared type, PostgreSQL's data_type, MariaDB's
                         // DATA_TYPE (+ " unsigned")
  bool nullable = true;
};

/// The live table: whether it is a view, its columns in order (none: the catalog does not know the name).
struct live_table {
  bool view = false;
  std::vector<live_column> columns;
};

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
inline bool iequal(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

// ---- the catalog queries: one per dialect family, each a raw_query run through the connection's execute() ----

// SQLite: the declared type, NOT NULL and primary-key position of each column, and whether the name is a view.
// pragma_table_xinfo (SQLite 3.26) is pragma_table_info with the generated columns, which a SELECT reads as any
// other; it finds nothing for a name that is no table or view.
using sqlite_catalog = egret::raw_query<
    R"(SELECT p."name" AS "name", p."type" AS "type", p."notnull" AS "notnull", p."pk" AS "pk", )"
    R"(EXISTS (SELECT 1 FROM sqlite_master AS m WHERE m."type" = 'view' AND m."name" = ? COLLATE NOCASE) AS "is_view" )"
    R"(FROM pragma_table_xinfo(?) AS p ORDER BY p."cid")",
    egret::out<"name", std::string>, egret::out<"type", std::string>, egret::out<"notnull", std::int64_t>,
    egret::out<"pk", std::int64_t>, egret::out<"is_view", std::int64_t>, egret::raw_param<std::string>,
    egret::raw_param<std::string>>;

// PostgreSQL: information_schema in the current schema (the first of the search_path that exists); a user-defined
// type is named by its udt_name.
using postgres_catalog = egret::raw_query<
    "SELECT c.column_name::text AS name, "
    "CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name::text ELSE c.data_type::text END AS data_type, "
    "c.is_nullable::text AS is_nullable, t.table_type::text AS table_type "
    "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
    "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_schema = current_schema() AND c.table_name::text = ? ORDER BY c.ordinal_position",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"is_nullable", std::string>,
    egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

// MariaDB / MySQL: information_schema in the current database. The name is compared in the catalog's character
// set (utf8mb3 on MariaDB), which a parameter of the connection's utf8mb4 does not mix with.
using mysql_catalog = egret::raw_query<
    "SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS data_type, c.COLUMN_TYPE AS column_type, "
    "c.IS_NULLABLE AS is_nullable, t.TABLE_TYPE AS table_type "
    "FROM information_schema.COLUMNS AS c JOIN information_schema.TABLES AS t "
    "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
    "WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = CONVERT(? USING utf8mb3) ORDER BY c.ORDINAL_POSITION",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"column_type", std::string>,
    egret::out<"is_nullable", std::string>, egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

// DuckDB: information_schema in the current schema (DuckDB's own catalog, PostgreSQL's layout).
using duckdb_catalog = egret::raw_query<
    "SELECT c.column_name AS name, c.data_type AS data_type, c.is_nullable AS is_nullable, t.table_type AS table_type "
    "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
    "ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_catalog = current_database() AND c.table_schema = current_schema() AND c.table_name = ? "
    "ORDER BY c.ordinal_position",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"is_nullable", std::string>,
    egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

template <class Family>
inline constexpr bool is_family_sqlite = std::is_same_v<Family, dialect::sqlite_family>;
template <class Family>
inline constexpr bool is_family_postgres = std::is_same_v<Family, dialect::postgres_family>;
template <class Family>
inline constexpr bool is_family_mysql = std::is_same_v<Family, dialect::mysql_family>;
template <class Family>
inline constexpr bool is_family_duckdb = std::is_same_v<Family, dialect::duckdb_family>;

/// Table `name`'s columns as the engine of connection Db describes them (none: no such table or view).
template <class Db>
live_table read_live_table(Db& db, std::string const& name) {
  using F = typename Db::dialect_type::family;
  live_table t;
  if constexpr (is_family_sqlite<F>) {
    std::size_t keys = 0;
    std::vector<bool> in_key;
    for (auto const& [col, type, notnull, pk, is_view] : db.execute(sqlite_catalog{}, name, name)) {
      t.view = is_view != 0;
      t.columns.push_back({std::string(col), std::string(type), std::string(type), notnull == 0});
      in_key.push_back(pk != 0);
      keys += pk != 0;
    }
    // an INTEGER PRIMARY KEY is the rowid: never NULL, though the pragma says nothing of it
    for (std::size_t i = 0; i != t.columns.size(); ++i)
      if (keys == 1 && in_key[i] && !t.view && iequal(t.columns[i].compared, "INTEGER")) t.columns[i].nullable = false;
  } else if constexpr (is_family_postgres<F>) {
    for (auto const& [col, data_type, is_nullable, table_type] : db.execute(postgres_catalog{}, name)) {
      t.view = table_type == "VIEW";
      t.columns.push_back({std::string(col), ascii_upper(data_type), ascii_lower(data_type), is_nullable == "YES"});
    }
  } else if constexpr (is_family_mysql<F>) {
    for (auto const& [col, data_type, column_type, is_nullable, table_type] : db.execute(mysql_catalog{}, name)) {
      t.view = table_type == "VIEW" || table_type == "SYSTEM VIEW";
      std::string compared = ascii_lower(data_type);
      if (ascii_lower(column_type).find("unsigned") != std::string::npos) compared += " unsigned";
      t.columns.push_back({std::string(col), ascii_upper(column_type), std::move(compared), is_nullable == "YES"});
    }
  } else if constexpr (is_family_duckdb<F>) {
    for (auto const& [col, data_type, is_nullable, table_type] : db.execute(duckdb_catalog{}, name)) {
      t.view = table_type == "VIEW";
      t.columns.push_back({std::string(col), ascii_upper(data_type), ascii_lower(data_type), is_nullable == "YES"});
    }
  } else {
    static_assert(dependent_false<Db>, "egret: verify_source reads the catalogs of SQLite, PostgreSQL, MariaDB / MySQL and DuckDB");
  }
  return t;
}

// ---- the type comparison ----

/// What a type holds, for PostgreSQL and MariaDB: its kind and, for numbers, its width in bytes (an UNSIGNED
/// integer counting one more).
struct type_kind {
  enum kind_t : unsigned char { unknown, integer, floating, boolean, text, date, timestamp } kind = unknown;
  int width = 0;
};

/// The kind of a PostgreSQL type, spelled as CREATE TABLE or information_schema.columns.data_type spells it.
inline type_kind postgres_kind(std::string_view spelled) {
  std::string const t = ascii_lower(spelled);
  if (t == "smallint") return {type_kind::integer, 2};
  if (t == "integer") return {type_kind::integer, 4};
  if (t == "bigint") return {type_kind::integer, 8};
  if (t == "real") return {type_kind::floating, 4};
  if (t == "double precision") return {type_kind::floating, 8};
  if (t == "boolean") return {type_kind::boolean, 0};
  if (t == "text" || t == "character varying" || t == "character") return {type_kind::text, 0};
  if (t == "date") return {type_kind::date, 0};
  if (t == "timestamp" || t == "timestamp without time zone") return {type_kind::timestamp, 0};
  return {};
}

/// The kind of a MariaDB / MySQL type, spelled as CREATE TABLE (`VARCHAR(255) NOT NULL`) or DATA_TYPE (+ "
/// unsigned") spells it.
/// DuckDB's type names (its catalog's data_type, and what the DuckDB dialect declares).
inline type_kind duckdb_kind(std::string_view spelled) {
  std::string const t = ascii_lower(spelled);
  if (t == "tinyint" || t == "int1") return {type_kind::integer, 1};
  if (t == "smallint" || t == "int2") return {type_kind::integer, 2};
  if (t == "integer" || t == "int" || t == "int4") return {type_kind::integer, 4};
  if (t == "bigint" || t == "int8") return {type_kind::integer, 8};
  if (t == "float" || t == "real" || t == "float4") return {type_kind::floating, 4};
  if (t == "double" || t == "double precision" || t == "float8") return {type_kind::floating, 8};
  if (t == "boolean" || t == "bool") return {type_kind::boolean, 0};
  if (t == "varchar" || t == "text" || t == "string" || t.starts_with("varchar(")) return {type_kind::text, 0};
  if (t == "date") return {type_kind::date, 0};
  if (t == "timestamp" || t == "datetime" || t == "timestamp without time zone") return {type_kind::timestamp, 0};
  return {};
}
inline type_kind mysql_kind(std::string_view spelled) {
  std::string const t = ascii_lower(spelled);
  std::size_t end = 0;
  while (end < t.size() && std::isalpha(static_cast<unsigned char>(t[end]))) ++end;
  std::string_view const word = std::string_view(t).substr(0, end);
  int const extra = t.find("unsigned") != std::string::npos ? 1 : 0;
  if (word == "tinyint" || word == "boolean" || word == "bool") return {type_kind::integer, 1 + extra};
  if (word == "smallint") return {type_kind::integer, 2 + extra};
  if (word == "mediumint") return {type_kind::integer, 3 + extra};
  if (word == "int" || word == "integer") return {type_kind::integer, 4 + extra};
  if (word == "bigint") return {type_kind::integer, 8 + extra};
  if (word == "float") return {type_kind::floating, 4};
  if (word == "double" || word == "real") return {type_kind::floating, 8};
  if (word == "char" || word == "varchar" || word == "tinytext" || word == "text" || word == "mediumtext" ||
      word == "longtext")
    return {type_kind::text, 0};
  if (word == "date") return {type_kind::date, 0};
  if (word == "datetime") return {type_kind::timestamp, 0};
  return {};
}

/// SQLite's affinity of a declared type (sqlite.org/datatype3.html, 3.1).
enum class affinity : unsigned char { integer, text, blob, real, numeric };

inline affinity sqlite_affinity(std::string_view declared) {
  std::string const t = ascii_upper(declared);
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

/// Whether a live column of type `live` holds what a column of C++ value type U, declared `declared` by dialect
/// family F, holds.
template <class F, class U>
bool type_matches(std::string_view declared, std::string_view live) {
  if constexpr (is_family_sqlite<F>) {
    affinity const l = sqlite_affinity(live);
    if (l == sqlite_affinity(declared)) return true;
    if (l != affinity::numeric) return false;
    std::string const t = ascii_upper(live);
    if constexpr (std::is_same_v<U, egret::date> || std::is_same_v<U, egret::timestamp>)
      return t.find("DATE") != std::string::npos || t.find("TIME") != std::string::npos;
    else if constexpr (std::is_same_v<U, bool>)
      return t.find("BOOL") != std::string::npos;
    else
      return false;
  } else {
    auto kind = [](std::string_view t) {
      if constexpr (is_family_postgres<F>) return postgres_kind(t);
      else if constexpr (is_family_duckdb<F>) return duckdb_kind(t);
      else return mysql_kind(t);
    };
    type_kind const d = kind(declared);
    type_kind const l = kind(live);
    return d.kind != type_kind::unknown && l.kind == d.kind && l.width <= d.width;
  }
}

/// How the live type reads in a message: as the engine spells it, and on SQLite its affinity when its name does
/// not say it.
template <class F>
std::string live_type_text(live_column const& c) {
  if constexpr (is_family_sqlite<F>) {
    if (c.type.empty()) return "untyped (BLOB affinity)";
    std::string_view const a = affinity_name(sqlite_affinity(c.type));
    if (ascii_upper(c.type) == a) return c.type;
    return c.type + " (" + std::string(a) + " affinity)";
  } else {
    return c.type;
  }
}

/// The C++ type of a declared column, for messages.
template <class U>
constexpr std::string_view cpp_type_name() {
  if constexpr (std::is_same_v<U, std::int32_t>)
    return "std::int32_t";
  else if constexpr (std::is_same_v<U, std::int64_t>)
    return "std::int64_t";
  else if constexpr (std::is_same_v<U, double>)
    return "double";
  else if constexpr (std::is_same_v<U, bool>)
    return "bool";
  else if constexpr (std::is_same_v<U, std::string>)
    return "std::string";
  else if constexpr (std::is_same_v<U, egret::date>)
    return "egret::date";
  else
    return "egret::timestamp";
}

/// Column C of table T as CREATE TABLE declares it for dialect D: its SQL type (without NOT NULL), exactly the
/// text create_table_sql<D, T>() writes for it.
template <class D, class T, class C>
std::string declared_sql_type() {
  std::string name, def;
  render::string_writer n{name};
  D::template quote_identifier<D>(n, C::name.view());
  render::string_writer w{def};
  egret::detail::create_table_text<T>::template column<D, C>(w);
  def.erase(0, name.size() + 1);  // `"name" `
  constexpr std::string_view not_null = " NOT NULL";
  if (def.size() >= not_null.size() && def.compare(def.size() - not_null.size(), not_null.size(), not_null) == 0)
    def.erase(def.size() - not_null.size());
  return def;
}

/// The problem of declared column C against the live table (empty: none).
template <class D, class T, class C>
std::string column_problem(live_table const& live) {
  using F = typename D::family;
  using U = typename C::value_type;
  constexpr bool nullable = nullable_v<C>;
  std::string const col(C::name.view());
  std::string const sql = declared_sql_type<D, T, C>();
  std::string const cpp =
      nullable ? "std::optional<" + std::string(cpp_type_name<U>()) + ">" : std::string(cpp_type_name<U>());
  live_column const* found = nullptr;
  for (auto const& l : live.columns)
    if (is_family_postgres<F> ? l.name == col : iequal(l.name, col)) found = &l;  // DuckDB, like MariaDB, ignores case
  if (found == nullptr)
    return "column \"" + col + "\" is missing in the database, but the pipeline declares it " + sql + " (" + cpp + ")";
  // a view's column an engine could not type (SQLite: an expression's) is not checked
  bool const untyped_view_column = live.view && is_family_sqlite<F> && found->type.empty();
  if (!untyped_view_column && !type_matches<F, U>(sql, found->compared))
    return "column \"" + col + "\" is " + live_type_text<F>(*found) + " in the database, but the pipeline declares it " + sql +
           " (" + cpp + ")";
  if (!nullable && found->nullable && !live.view)
    return "column \"" + col + "\" can be NULL in the database, but the pipeline declares it " + sql + " NOT NULL (" + cpp +
           "): declare it std::optional<" + std::string(cpp_type_name<U>()) + ">, or the column NOT NULL";
  return {};
}

}  // namespace detail

/// Checks that the table (or view) source<T> reads exists in db with T's declared columns, of T's types and
/// nullability as the connection's dialect declares them (the rules at the top of this file). Throws
/// egret::error listing every problem, `egret: source "rates": column "factor" is TEXT in the database, but the
/// pipeline declares it REAL (double)`; an engine's failure to answer the catalog query propagates as it is.
template <class T, class Db>
void verify_source(Db& db) {
  using D = typename Db::dialect_type;
  std::string const name(T::egret_name.view());
  detail::live_table const live = detail::read_live_table(db, name);
  std::string const head = "egret: source \"" + name + "\": ";
  if (live.columns.empty()) throw egret::error(head + "there is no table or view \"" + name + "\" in the database");
  std::string problems;
  [&]<class... Cs>(type_list<Cs...>) {
    (
        [&] {
          std::string const p = detail::column_problem<D, T, Cs>(live);
          if (!p.empty()) problems += (problems.empty() ? "" : "; ") + p;
        }(),
        ...);
  }(typename T::egret_columns{});
  if (!problems.empty()) throw egret::error(head + problems);
}

}  // namespace egret::pipeline
