// expect: egret: given<T>: T is not an input of this models build\(\)
// A unit test of clean, whose build() reads raw, given rows of report: no input of clean's.
#include <egret/sqlite.hpp>
#include "schema.hpp"
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main() {
  egret::sqlite::connection db(":memory:");
  auto t = pl::unit_test<clean_node>(db);
#ifndef EGRET_CONTROL
  t.given<report>({{1}});
#else
  t.given<raw>({{1, "a"}});
#endif
  return t.expect({{1, "a"}}).ok() ? 0 : 1;
}
