// expect: egret: a window function \(row_number\(\), rank\(\), lag\(\)...\) needs .over\(w\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id, egret::rank().as<"rk">());
#else
  auto q = o.select(o.order_id, egret::rank().over(egret::order_by(o.order_date)).as<"rk">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
