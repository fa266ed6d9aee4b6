// expect: egret: having\(\) needs group_by\(\).aggregate\(\) right before it
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id).having(egret::count() > 1);
#else
  auto q = o.group_by(o.order_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
