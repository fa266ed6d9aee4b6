// expect: egret: a source's file must be a Parquet file \(\*\.parquet\)
// A source naming a CSV file (a seed's job); the control twin names a Parquet file, on a stand-in connection of
// the DuckDB dialect so that the snippet needs no libduckdb.
#include <egret/dialect/duckdb.hpp>
#include <egret/sqlite.hpp>
#include "schema.hpp"
struct duckdb_like_connection : egret::sqlite::connection {
  using dialect_type = egret::dialect::duckdb;
  using egret::sqlite::connection::connection;
};
#ifndef EGRET_CONTROL
using raw_source = pl::source<raw, "raw.csv">;
#else
using raw_source = pl::source<raw, "raw.parquet">;
#endif
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  duckdb_like_connection db(":memory:");
  return pl::pipeline<raw_source, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
