// expect: egret: an external model \(a Parquet file\) needs a DuckDB connection
// A model materialized as a Parquet file in a pipeline built on SQLite (which writes no Parquet); the control twin
// materializes it as a table.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
struct clean_node : pl::model<pl::external, clean> {
#else
struct clean_node : pl::model<pl::table, clean> {
#endif
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
