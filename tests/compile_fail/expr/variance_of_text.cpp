// expect: egret: var\(\) and std\(\) need a numeric argument, got TEXT
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.aggregate(o.status.var().as<"v">());
#else
  auto q = o.aggregate(o.order_id.var().as<"v">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
