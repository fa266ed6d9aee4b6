// expect: egret: over\(\) applies to an aggregate
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select((o.order_id + 1).over(egret::partition_by(o.customer_id)).as<"x">());
#else
  auto q = o.select((o.order_id + 1).sum().over(egret::partition_by(o.customer_id)).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
