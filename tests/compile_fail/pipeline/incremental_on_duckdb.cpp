// expect: egret: incremental models and snapshots are not yet implemented on the DuckDB backend
// An incremental model in a pipeline built on a connection of the DuckDB dialect (a stand-in: the SQLite connection
// with DuckDB's dialect_type, so that the snippet needs no libduckdb); the control twin makes it a table.
#include <egret/dialect/duckdb.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct duckdb_like_connection : egret::sqlite::connection {
  using dialect_type = egret::dialect::duckdb;
  using egret::sqlite::connection::connection;
};
#ifndef EGRET_CONTROL
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
#else
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
#endif
int main() {
  duckdb_like_connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
