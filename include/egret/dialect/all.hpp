// Defines egret::dialect::all, every dialect egret ships, as a type list: what the support matrix
// (docs/support-matrix.md) and the golden tests iterate over. Including it includes every dialect.
#pragma once

#include <egret/core/type_list.hpp>
#include <egret/dialect/bigquery.hpp>
#include <egret/dialect/clickhouse.hpp>
#include <egret/dialect/duckdb.hpp>
#include <egret/dialect/mssql.hpp>
#include <egret/dialect/oracle.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/snowflake.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/dialect/trino.hpp>

namespace egret::dialect {

/// Every dialect egret ships, executed ones first.
using all = type_list<sqlite, postgres, mariadb, mysql, mssql, oracle, duckdb, bigquery, snowflake, trino, clickhouse>;

}  // namespace egret::dialect
