// expect: egret: a window function cannot be used in filter\(\), having\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id)
               .aggregate(egret::count().as<"n">())
               .having(egret::rank().over(egret::order_by(egret::count())) <= 3);
#else
  auto q = o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() <= 3);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
