// expect: egret: two select items have the same output name
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id, o.customer_id.as<"order_id">());
#else
  auto q = o.select(o.order_id, o.customer_id.as<"buyer">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
