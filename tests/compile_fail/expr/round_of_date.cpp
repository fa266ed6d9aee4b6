// expect: egret: round\(\) needs a numeric argument, got a DATE or TIMESTAMP
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_date.round().as<"r">());
#else
  auto q = o.select(o.order_id.round().as<"r">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
