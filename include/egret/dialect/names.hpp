// Declares every dialect egret has, so that a program naming one whose header it did not include is told
// which header to include (`egret: dialect::mysql needs #include <egret/dialect/mysql.hpp>`) instead of
// "'mysql' is not a member of 'egret::dialect'". The definitions are in egret/dialect/<name>.hpp.
#pragma once

#include <egret/core/type_list.hpp>

namespace egret::dialect {

struct ansi;
template <int Version>
struct sqlite_v;
struct postgres;
template <bool IsMariaDB>
struct mysql_v;
using mysql = mysql_v<false>;
using mariadb = mysql_v<true>;
struct duckdb;
struct bigquery;
struct clickhouse;
struct mssql;
struct oracle;
struct snowflake;
struct trino;

namespace detail {
template <class D>
inline constexpr bool is_defined = requires { sizeof(D); };
}  // namespace detail

/// True when D is defined here; otherwise stops with the header to include. Called first by to_sql and
/// every other entry point that renders for a dialect.
template <class D>
constexpr bool require_defined() {
  if constexpr (detail::is_defined<D>) {
    return true;
  } else {
    if constexpr (std::is_same_v<D, mysql> || std::is_same_v<D, mariadb>)
      static_assert(egret::dependent_false<D>, "egret: dialect::mysql / dialect::mariadb needs #include <egret/dialect/mysql.hpp>");
    else if constexpr (std::is_same_v<D, duckdb>)
      static_assert(egret::dependent_false<D>, "egret: dialect::duckdb needs #include <egret/dialect/duckdb.hpp>");
    else if constexpr (std::is_same_v<D, bigquery>)
      static_assert(egret::dependent_false<D>, "egret: dialect::bigquery needs #include <egret/dialect/bigquery.hpp>");
    else if constexpr (std::is_same_v<D, clickhouse>)
      static_assert(egret::dependent_false<D>, "egret: dialect::clickhouse needs #include <egret/dialect/clickhouse.hpp>");
    else if constexpr (std::is_same_v<D, mssql>)
      static_assert(egret::dependent_false<D>, "egret: dialect::mssql needs #include <egret/dialect/mssql.hpp>");
    else if constexpr (std::is_same_v<D, oracle>)
      static_assert(egret::dependent_false<D>, "egret: dialect::oracle needs #include <egret/dialect/oracle.hpp>");
    else if constexpr (std::is_same_v<D, snowflake>)
      static_assert(egret::dependent_false<D>, "egret: dialect::snowflake needs #include <egret/dialect/snowflake.hpp>");
    else if constexpr (std::is_same_v<D, trino>)
      static_assert(egret::dependent_false<D>, "egret: dialect::trino needs #include <egret/dialect/trino.hpp>");
    else
      static_assert(egret::dependent_false<D>, "egret: this dialect is declared but not defined: include its header, egret/dialect/<name>.hpp");
    return false;
  }
}

}  // namespace egret::dialect
