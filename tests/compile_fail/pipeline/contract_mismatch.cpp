// expect: egret: a query column's SQL type differs from the table column of the same name
// The model's query does not match its contract (clean's label is TEXT; the query gives a number).
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.id.as<"label">()); }
};
#else
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
#endif
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
