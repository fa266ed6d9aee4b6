// expect: egret: a Parquet source \(a file named \*\.parquet\) needs a DuckDB connection
// A source read from a Parquet file, in a pipeline built on SQLite (which reads no Parquet); the control twin is a
// source table.
#include <egret/sqlite.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
using raw_source = pl::source<raw, "raw.parquet">;
#else
using raw_source = pl::source<raw>;
#endif
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_source, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
