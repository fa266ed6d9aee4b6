// expect: egret: a Parquet seed \(a file named \*\.parquet\) needs a DuckDB connection
// A seed read from a Parquet file, in a pipeline built on SQLite (which reads no Parquet); the control twin reads
// the same table from CSV.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
using raw_file = pl::seed<raw, "raw.parquet">;
#else
using raw_file = pl::seed<raw, "raw.csv">;
#endif
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_file, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
