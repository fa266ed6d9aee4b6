// expect: egret: a frame must start before it ends
#include "../schema.hpp"
int main() {
  orders o;
  auto w = egret::order_by(o.order_date);
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id.sum().over(w.rows(egret::current_row(), egret::preceding<1>())).as<"s">());
#else
  auto q = o.select(o.order_id.sum().over(w.rows(egret::preceding<1>(), egret::current_row())).as<"s">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
