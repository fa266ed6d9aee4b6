// expect: egret: UPDATE without where\(\) would change every row
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto s = egret::update(o).set(o.status, "x");
#else
  auto s = egret::update(o).set(o.status, "x").all();
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
