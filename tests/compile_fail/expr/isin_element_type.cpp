// expect: egret: isin\(\) elements must have the SQL type of the value tested
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.filter(o.order_id.isin("a", "b"));
#else
  auto q = o.filter(o.order_id.isin(1, 2));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
