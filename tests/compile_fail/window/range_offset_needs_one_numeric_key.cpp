// expect: egret: a range\(\) frame with an offset needs a numeric order_by\(\) key
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto w = egret::order_by(o.status).range(egret::preceding<1>(), egret::current_row());
#else
  auto w = egret::order_by(o.order_id).range(egret::preceding<1>(), egret::current_row());
#endif
  auto q = o.select(egret::count().over(w).as<"n">());
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
