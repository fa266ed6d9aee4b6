// expect: egret: a cumulative aggregate needs an ordering
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id.cumsum(egret::partition_by(o.customer_id)).as<"c">());
#else
  auto q = o.select(o.order_id.cumsum(egret::partition_by(o.customer_id).order_by(o.order_date)).as<"c">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
