// expect: egret: Oracle 19c has no GROUPS window frames \(21c has\)
// GROUPS frames arrived in Oracle 21c; the same frame in rows() compiles.
#include <egret/dialect/oracle.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto w = egret::order_by(o.order_id).groups(egret::preceding<1>(), egret::following<1>());
#else
  auto w = egret::order_by(o.order_id).rows(egret::preceding<1>(), egret::following<1>());
#endif
  return egret::to_sql<egret::dialect::oracle>(o.select(o.order_id.sum().over(w).as<"s">())).empty();
}
