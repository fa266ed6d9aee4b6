// expect: egret: sum\(\) and mean\(\) need a numeric argument, got TEXT
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.aggregate(o.status.sum().as<"s">());
#else
  auto q = o.aggregate(o.order_id.sum().as<"s">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
