// Defines how the DuckDB backend reads its catalog, for the pipeline's source check (pipeline/source_check.hpp) and
// anyone who asks what a table holds: describe_table(db, name) (information_schema.columns in the current database
// and schema), and DuckDB's rule for whether a live column holds what a declared one does: the same as PostgreSQL,
// in DuckDB's names (TINYINT to BIGINT for a BIGINT, FLOAT for a DOUBLE, VARCHAR for text). Names compare without
// regard to ASCII case.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/backend/table_description.hpp>
#include <egret/duckdb/connection.hpp>
#include <egret/relation/raw.hpp>
#include <egret/types/temporal.hpp>

namespace egret::duckdb {

namespace detail {
// information_schema in the current schema (DuckDB's own catalog, PostgreSQL's layout).
using catalog_query = egret::raw_query<
    "SELECT c.column_name AS name, c.data_type AS data_type, c.is_nullable AS is_nullable, t.table_type AS table_type "
    "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
    "ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_catalog = current_database() AND c.table_schema = current_schema() AND c.table_name = ? "
    "ORDER BY c.ordinal_position",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"is_nullable", std::string>,
    egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

}  // namespace detail

/// DuckDB's type names (its catalog's data_type, and what the DuckDB dialect declares).
inline backend::type_kind type_kind_of(connection const&, std::string_view spelled) {
  std::string const t = backend::ascii_lower(spelled);
  if (t == "tinyint" || t == "int1") return {backend::type_kind::integer, 1};
  if (t == "smallint" || t == "int2") return {backend::type_kind::integer, 2};
  if (t == "integer" || t == "int" || t == "int4") return {backend::type_kind::integer, 4};
  if (t == "bigint" || t == "int8") return {backend::type_kind::integer, 8};
  if (t == "float" || t == "real" || t == "float4") return {backend::type_kind::floating, 4};
  if (t == "double" || t == "double precision" || t == "float8") return {backend::type_kind::floating, 8};
  if (t == "boolean" || t == "bool") return {backend::type_kind::boolean, 0};
  if (t == "varchar" || t == "text" || t == "string" || t.starts_with("varchar(")) return {backend::type_kind::text, 0};
  if (t == "date") return {backend::type_kind::date, 0};
  if (t == "timestamp" || t == "datetime" || t == "timestamp without time zone")
    return {backend::type_kind::timestamp, 0};
  return {};
}

/// Table or view `name` as DuckDB's catalog describes it (no columns: no such table or view).
/// A template (on a connection class, or one derived from it) so that a program that never asks compiles none of it.
template <std::derived_from<connection> Db>
backend::table_description describe_table(Db& db, std::string const& name) {
  return backend::from_information_schema(db.execute(detail::catalog_query{}, name));
}

}  // namespace egret::duckdb
