// expect: egret: sqrt\(\) needs a numeric argument, got TEXT
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(egret::sqrt(o.status).as<"r">());
#else
  auto q = o.select(egret::sqrt(o.order_id).as<"r">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
