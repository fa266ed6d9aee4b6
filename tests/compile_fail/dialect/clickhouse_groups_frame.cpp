// expect: egret: ClickHouse has no GROUPS window frames
// GROUPS frames are not in ClickHouse; the same window with rows() renders.
#include <egret/dialect/clickhouse.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::clickhouse>(o.select(egret::count().over(egret::order_by(o.order_id).groups(egret::preceding<1>(), egret::current_row())).as<"n">())).empty();
#else
  return egret::to_sql<egret::dialect::clickhouse>(o.select(egret::count().over(egret::order_by(o.order_id).rows(egret::preceding<1>(), egret::current_row())).as<"n">())).empty();
#endif
}
