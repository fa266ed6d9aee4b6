// expect: egret: verify_source \(a pipeline source\) reads the backend's catalog
// A pipeline with a source, on a connection whose backend's catalog (describe_table, <egret/sqlite/catalog.hpp>)
// is not included: only <egret/sqlite/connection.hpp>. The control twin includes the umbrella header, which has it.
#ifndef EGRET_CONTROL
#include <egret/sqlite/connection.hpp>
#else
#include <egret/sqlite.hpp>
#endif
#include "schema.hpp"
using raw_source = pl::source<raw>;
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_source, clean_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
