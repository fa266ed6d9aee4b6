// expect: egret: set\(\) assigns a column of another table
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::update(o).set(c.name, "x").where(o.order_id == 1);
#else
  auto s = egret::update(o).set(o.status, "x").where(o.order_id == 1);
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
