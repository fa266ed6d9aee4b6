// expect: egret: DELETE without where\(\) would delete every row; add .where\(condition\), or .all\(\)
#include <egret/sqlite.hpp>
#include "../schema.hpp"
int main() {
  egret::sqlite::connection db(":memory:");
  orders o;
#ifndef EGRET_CONTROL
  return static_cast<int>(db.run(egret::delete_from(o)));
#else
  return static_cast<int>(db.run(egret::delete_from(o).all()));
#endif
}
