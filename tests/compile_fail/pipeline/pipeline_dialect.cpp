// expect: egret: a pipeline runs on a connection whose dialect describes the statements it writes
// A pipeline built on a connection whose dialect does not describe the statements a pipeline writes as text (here
// mssql, a dialect egret renders but has no connection for: has_pipeline_statements is false there).
#include <egret/dialect/mssql.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
struct other_connection : egret::sqlite::connection {
  using dialect_type = egret::dialect::mssql;
  using egret::sqlite::connection::connection;
};
#else
struct other_connection : egret::sqlite::connection {
  using egret::sqlite::connection::connection;
};
#endif
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  other_connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
