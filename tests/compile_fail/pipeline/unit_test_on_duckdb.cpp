// expect: egret: unit tests of models are not yet implemented on the DuckDB backend
// A unit test of a model run on a connection of the DuckDB dialect (a stand-in: the SQLite connection with DuckDB's
// dialect_type, so that the snippet needs no libduckdb); the control twin runs it on SQLite.
#include <egret/dialect/duckdb.hpp>
#include <egret/sqlite.hpp>
#include "schema.hpp"
struct duckdb_like_connection : egret::sqlite::connection {
#ifndef EGRET_CONTROL
  using dialect_type = egret::dialect::duckdb;
#endif
  using egret::sqlite::connection::connection;
};
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  duckdb_like_connection db(":memory:");
  auto t = pl::unit_test<clean_node>(db);
  t.given<raw>({{1, "a"}});
  return t.expect({{1, "a"}}).ok() ? 0 : 1;
}
