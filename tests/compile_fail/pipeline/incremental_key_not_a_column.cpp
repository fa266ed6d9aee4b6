// expect: egret: a models unique_key\(t\) must return one column of t, the models own contract table
// A unique_key that returns a column of another table (the input's), not one of the model's contract.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
#ifndef EGRET_CONTROL
  static constexpr auto unique_key(clean) { return raw{}.id; }
#else
  static constexpr auto unique_key(clean t) { return t.id; }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
