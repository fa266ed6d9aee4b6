// expect: egret: an aggregate cannot contain a window function
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.aggregate(egret::row_number().over(egret::order_by(o.order_date)).max().as<"n">());
#else
  auto q = o.aggregate(egret::count().as<"n">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
