// expect: egret: the default of lag\(\)/lead\(\) must have the SQL type of x
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.status.lag(1, 0).over(egret::order_by(o.order_id)).as<"prev">());
#else
  auto q = o.select(o.status.lag(1, "").over(egret::order_by(o.order_id)).as<"prev">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
