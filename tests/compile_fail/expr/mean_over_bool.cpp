// expect: egret: sum\(\) and mean\(\) need a numeric argument, got BOOLEAN
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.aggregate((o.order_id > 1).mean().as<"m">());
#else
  auto q = o.aggregate(o.order_id.mean().as<"m">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
