// expect: egret: Snowflake window frames have no EXCLUDE clause
// EXCLUDE is not in Snowflake's window frames; the frame without it renders.
#include <egret/dialect/snowflake.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::snowflake>(o.select(egret::count().over(egret::order_by(o.order_id).rows(egret::preceding<1>(), egret::following<1>()).exclude_current_row()).as<"n">())).empty();
#else
  return egret::to_sql<egret::dialect::snowflake>(o.select(egret::count().over(egret::order_by(o.order_id).rows(egret::preceding<1>(), egret::following<1>())).as<"n">())).empty();
#endif
}
