// expect: egret: this aggregate has no native spelling on this engine
#include "../schema.hpp"
int main() {
  orders o;
  auto q = o.select(egret::var_samp(o.order_id).over(egret::partition_by(o.customer_id)).as<"v">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
#else
  return egret::to_sql<egret::dialect::postgres>(q).empty();
#endif
}
