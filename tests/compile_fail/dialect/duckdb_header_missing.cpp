// expect: egret: dialect::duckdb needs #include <egret/dialect/duckdb.hpp>
// The same for every dialect egret declares: here DuckDB, through render_sql.
#ifndef EGRET_CONTROL
// <egret/dialect/duckdb.hpp> is not included
#else
#include <egret/dialect/duckdb.hpp>
#endif

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  return egret::render_sql<egret::dialect::duckdb>(o.select(o.order_id)).empty();
}
