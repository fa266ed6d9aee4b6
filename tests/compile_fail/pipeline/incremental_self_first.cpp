// expect: egret: an incremental models incremental\(...\) takes its own contract table first
// An incremental() query that takes only the model's inputs, not the model's own table (dbt's `this`) first.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::incremental, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(clean t) { return t.id; }
#ifndef EGRET_CONTROL
  static constexpr auto incremental(raw r) { return r.filter(r.id > std::int64_t{0}).select(r.id, r.label); }
#else
  static constexpr auto incremental(clean, raw r) { return r.filter(r.id > std::int64_t{0}).select(r.id, r.label); }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
