// expect: egret: Trino window frames have no EXCLUDE clause
// EXCLUDE is not in Trino's window frames (GROUPS is); the frame without it renders.
#include <egret/dialect/trino.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::trino>(o.select(egret::count().over(egret::order_by(o.order_id).groups(egret::preceding<1>(), egret::following<1>()).exclude_group()).as<"n">())).empty();
#else
  return egret::to_sql<egret::dialect::trino>(o.select(egret::count().over(egret::order_by(o.order_id).groups(egret::preceding<1>(), egret::following<1>())).as<"n">())).empty();
#endif
}
