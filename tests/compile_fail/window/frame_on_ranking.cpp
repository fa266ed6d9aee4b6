// expect: egret: ranking functions and lag\(\)/lead\(\) ignore the window frame
#include "../schema.hpp"
int main() {
  orders o;
  auto w = egret::order_by(o.order_date);
#ifndef EGRET_CONTROL
  auto q = o.select(egret::rank().over(w.rows(egret::unbounded_preceding(), egret::current_row())).as<"rk">());
#else
  auto q = o.select(egret::rank().over(w).as<"rk">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
