// expect: egret: an incremental models incremental\(...\) takes its own contract table first
// An incremental() query with no parameters at all: it must take the model's own table (dbt's `this`) first.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(clean t) { return t.id; }
#ifndef EGRET_CONTROL
  static constexpr auto incremental() { return raw{}.select(raw{}.id, raw{}.label); }
#else
  static constexpr auto incremental(clean) { return raw{}.select(raw{}.id, raw{}.label); }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
