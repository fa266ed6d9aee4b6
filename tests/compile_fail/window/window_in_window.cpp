// expect: egret: a window function cannot contain another one
#include "../schema.hpp"
int main() {
  orders o;
  auto w = egret::order_by(o.order_date);
#ifndef EGRET_CONTROL
  auto q = o.select(egret::lag(egret::row_number().over(w)).over(w).as<"x">());
#else
  auto q = o.select(egret::lag(o.order_id).over(w).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
