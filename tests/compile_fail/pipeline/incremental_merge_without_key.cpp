// expect: egret: an incremental model with strategy merge or delete_insert needs
// An incremental model asking for a merge, with no unique_key to merge on.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
#ifndef EGRET_CONTROL
  static constexpr auto strategy = pl::strategy::merge;
#else
  static constexpr auto strategy = pl::strategy::merge;
  static constexpr auto unique_key(clean t) { return t.id; }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
