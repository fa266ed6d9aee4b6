// expect: egret: this column's table is not in the query's FROM
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id, egret::row_number().over(egret::partition_by(c.name).order_by(o.order_date)).as<"rn">());
#else
  auto q = o.select(o.order_id, egret::row_number().over(egret::partition_by(o.customer_id).order_by(o.order_date)).as<"rn">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
