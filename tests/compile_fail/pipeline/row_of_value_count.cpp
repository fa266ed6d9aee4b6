// expect: egret: row_of<T>: give one value per column of T, in declaration order
// A given row of raw (two columns) with one value.
#include <egret/sqlite.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  auto t = pl::unit_test<clean_node>(db);
#ifndef EGRET_CONTROL
  t.given<raw>({{1}});
#else
  t.given<raw>({{1, "a"}});
#endif
  return t.expect({{1, "a"}}).ok() ? 0 : 1;
}
