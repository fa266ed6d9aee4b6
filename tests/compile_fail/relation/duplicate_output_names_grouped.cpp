// expect: egret: two select items have the same output name
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(o.order_id.count().as<"customer_id">());
#else
  auto q = o.group_by(o.customer_id).aggregate(o.order_id.count().as<"orders">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
