// expect: egret: a column beside an aggregate must be in group_by\(\) or inside an aggregate
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(o.status, egret::count().as<"n">());
#else
  auto q = o.group_by(o.customer_id, o.status).aggregate(egret::count().as<"n">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
