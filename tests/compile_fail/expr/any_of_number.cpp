// expect: egret: any\(\) and all\(\) need a BOOLEAN argument
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(o.order_id.any().as<"a">());
#else
  auto q = o.group_by(o.customer_id).aggregate((o.order_id > 10).any().as<"a">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
