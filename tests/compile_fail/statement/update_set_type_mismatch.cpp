// expect: egret: a value's SQL type does not fit its column
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto s = egret::update(o).set(o.status, o.order_id * 2).where(o.order_id == 1);
#else
  auto s = egret::update(o).set(o.customer_id, o.order_id * 2).where(o.order_id == 1);
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
