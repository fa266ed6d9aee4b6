// expect: egret: count_distinct\(\) cannot take over\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.status.count_distinct().over(egret::partition_by(o.customer_id)).as<"n">());
#else
  auto q = o.select(o.status.count().over(egret::partition_by(o.customer_id)).as<"n">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
