// Defines how the PostgreSQL backend reads its catalog, for the pipeline's source check (pipeline/source_check.hpp)
// and anyone who asks what a table holds: describe_table(db, name) (information_schema.columns in the current
// schema), and PostgreSQL's rule for whether a live column holds what a declared one does: the declared type or a
// narrower one of its kind, which egret reads without loss (SMALLINT or INTEGER for a BIGINT, REAL for a DOUBLE
// PRECISION), CHARACTER VARYING or CHARACTER for TEXT. Names compare exactly.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/backend/table_description.hpp>
#include <egret/postgres/connection.hpp>
#include <egret/relation/raw.hpp>
#include <egret/types/temporal.hpp>

namespace egret::postgres {

namespace detail {
// information_schema in the current schema (the first of the search_path that exists); a user-defined
// type is named by its udt_name.
using catalog_query = egret::raw_query<
    "SELECT c.column_name::text AS name, "
    "CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name::text ELSE c.data_type::text END AS data_type, "
    "c.is_nullable::text AS is_nullable, t.table_type::text AS table_type "
    "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
    "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_schema = current_schema() AND c.table_name::text = ? ORDER BY c.ordinal_position",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"is_nullable", std::string>,
    egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

}  // namespace detail

/// The kind of a PostgreSQL type, spelled as CREATE TABLE or information_schema.columns.data_type spells it (the
/// source check: a live column holds what a declared one does when of the same kind, no wider).
inline backend::type_kind type_kind_of(connection const&, std::string_view spelled) {
  std::string const t = backend::ascii_lower(spelled);
  if (t == "smallint") return {backend::type_kind::integer, 2};
  if (t == "integer") return {backend::type_kind::integer, 4};
  if (t == "bigint") return {backend::type_kind::integer, 8};
  if (t == "real") return {backend::type_kind::floating, 4};
  if (t == "double precision") return {backend::type_kind::floating, 8};
  if (t == "boolean") return {backend::type_kind::boolean, 0};
  if (t == "text" || t == "character varying" || t == "character") return {backend::type_kind::text, 0};
  if (t == "date") return {backend::type_kind::date, 0};
  if (t == "timestamp" || t == "timestamp without time zone") return {backend::type_kind::timestamp, 0};
  return {};
}

/// Table or view `name` as PostgreSQL's catalog describes it (no columns: no such table or view).
/// A template (on a connection class, or one derived from it) so that a program that never asks compiles none of it.
template <std::derived_from<connection> Db>
backend::table_description describe_table(Db& db, std::string const& name) {
  return backend::from_information_schema(db.execute(detail::catalog_query{}, name));
}

/// Whether the live column `name` is declared column `declared`: exactly, as PostgreSQL does.
inline bool column_name_matches(connection const&, std::string_view name, std::string_view declared) {
  return name == declared;
}

}  // namespace egret::postgres
