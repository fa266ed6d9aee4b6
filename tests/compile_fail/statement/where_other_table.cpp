// expect: egret: this column's table is not the one the statement changes
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::delete_from(o).where(c.name == "x");
#else
  auto s = egret::delete_from(o).where(o.status == "x");
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
