// expect: egret: a column beside an aggregate must be in group_by\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(egret::rank().over(egret::order_by(o.order_date)).as<"rk">());
#else
  auto q = o.group_by(o.customer_id).aggregate(egret::rank().over(egret::order_by(o.order_date.max())).as<"rk">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
