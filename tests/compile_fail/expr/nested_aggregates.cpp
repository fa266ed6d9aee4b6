// expect: egret: an aggregate cannot contain another aggregate
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.aggregate(o.order_id.sum().max().as<"m">());
#else
  auto q = o.aggregate(o.order_id.sum().as<"m">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
