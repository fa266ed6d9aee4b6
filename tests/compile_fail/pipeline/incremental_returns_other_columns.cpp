// expect: egret: the query has a different number of columns than the table
// An incremental() query whose columns are not the model's contract (it leaves out label).
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(clean t) { return t.id; }
#ifndef EGRET_CONTROL
  static constexpr auto incremental(clean, raw r) { return r.select(r.id); }
#else
  static constexpr auto incremental(clean, raw r) { return r.select(r.id, r.label); }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
