// expect: egret: a window function cannot be used in filter\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.filter(egret::row_number().over(egret::order_by(o.order_date)) <= 3);
#else
  auto r = o.mutate(egret::row_number().over(egret::order_by(o.order_date)).as<"rn">());
  auto q = r.filter(r["rn"_c] <= 3);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
