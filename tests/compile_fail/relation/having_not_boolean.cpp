// expect: egret: a filter / having / join condition must be BOOLEAN
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  auto g = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
#ifndef EGRET_CONTROL
  auto q = g.having(egret::count());
#else
  auto q = g.having(egret::count() > 1);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
