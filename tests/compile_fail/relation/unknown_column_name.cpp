// expect: egret: no column of this name in the relation
#include "../schema.hpp"
int main() {
  orders o;
  auto per = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
#ifndef EGRET_CONTROL
  auto q = per.select(per["count"_c]);
#else
  auto q = per.select(per["n"_c]);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
