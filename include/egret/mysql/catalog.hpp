// Defines how the MariaDB / MySQL backend reads its catalog, for the pipeline's source check
// (pipeline/source_check.hpp) and anyone who asks what a table holds: describe_table(db, name)
// (information_schema.COLUMNS in the current database), and MariaDB / MySQL's rule for whether a live column holds
// what a declared one does: a narrower integer (UNSIGNED counting one byte more: INT UNSIGNED fits a BIGINT, not an
// INT; BOOLEAN is TINYINT), FLOAT for a DOUBLE, any CHAR, VARCHAR or *TEXT for text, DATETIME of any precision for
// an egret::timestamp (DATETIME(6)). Names compare without regard to ASCII case.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/backend/table_description.hpp>
#include <egret/mysql/connection.hpp>
#include <egret/relation/raw.hpp>
#include <egret/types/temporal.hpp>

namespace egret::mysql {

namespace detail {
// information_schema in the current database. The name is compared in the catalog's character
// set (utf8mb3 on MariaDB), which a parameter of the connection's utf8mb4 does not mix with.
using catalog_query = egret::raw_query<
    "SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS data_type, c.COLUMN_TYPE AS column_type, "
    "c.IS_NULLABLE AS is_nullable, t.TABLE_TYPE AS table_type "
    "FROM information_schema.COLUMNS AS c JOIN information_schema.TABLES AS t "
    "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
    "WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = CONVERT(? USING utf8mb3) ORDER BY c.ORDINAL_POSITION",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::out<"column_type", std::string>,
    egret::out<"is_nullable", std::string>, egret::out<"table_type", std::string>, egret::raw_param<std::string>>;

}  // namespace detail

/// The kind of a MariaDB / MySQL type, spelled as CREATE TABLE (`VARCHAR(255) NOT NULL`) or DATA_TYPE (+ "
/// unsigned") spells it.
inline backend::type_kind type_kind_of(connection const&, std::string_view spelled) {
  std::string const t = backend::ascii_lower(spelled);
  std::size_t end = 0;
  while (end < t.size() && std::isalpha(static_cast<unsigned char>(t[end]))) ++end;
  std::string_view const word = std::string_view(t).substr(0, end);
  int const extra = t.find("unsigned") != std::string::npos ? 1 : 0;
  if (word == "tinyint" || word == "boolean" || word == "bool") return {backend::type_kind::integer, 1 + extra};
  if (word == "smallint") return {backend::type_kind::integer, 2 + extra};
  if (word == "mediumint") return {backend::type_kind::integer, 3 + extra};
  if (word == "int" || word == "integer") return {backend::type_kind::integer, 4 + extra};
  if (word == "bigint") return {backend::type_kind::integer, 8 + extra};
  if (word == "float") return {backend::type_kind::floating, 4};
  if (word == "double" || word == "real") return {backend::type_kind::floating, 8};
  if (word == "char" || word == "varchar" || word == "tinytext" || word == "text" || word == "mediumtext" ||
      word == "longtext")
    return {backend::type_kind::text, 0};
  if (word == "date") return {backend::type_kind::date, 0};
  if (word == "datetime") return {backend::type_kind::timestamp, 0};
  return {};
}

/// Table or view `name` as MariaDB / MySQL's catalog describes it (no columns: no such table or view).
/// A template (on a connection class, or one derived from it) so that a program that never asks compiles none of it.
template <std::derived_from<connection> Db>
backend::table_description describe_table(Db& db, std::string const& name) {
  backend::table_description t;
  for (auto const& [col, data_type, column_type, is_nullable, table_type] : db.execute(detail::catalog_query{}, name)) {
    t.view = table_type == "VIEW" || table_type == "SYSTEM VIEW";
    std::string compared = backend::ascii_lower(data_type);
    if (backend::ascii_lower(column_type).find("unsigned") != std::string::npos) compared += " unsigned";
    t.columns.push_back(
        {std::string(col), backend::ascii_upper(column_type), std::move(compared), is_nullable == "YES"});
  }
  return t;
}

}  // namespace egret::mysql
