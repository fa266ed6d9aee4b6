// expect: egret: SQLite before 3.25 has no window functions \(OVER\); target sqlite_v<3025000> or newer
// A window function with a dialect pinned to SQLite 3.24: the dialect and its version are named.
#include "../schema.hpp"
int main() {
  orders o;
  auto q = o.select(o.order_id, egret::row_number().over(egret::window().order_by(o.order_date)).as<"n">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'024'000>>(q).empty();
#else
  return egret::to_sql<egret::dialect::sqlite_v<3'025'000>>(q).empty();
#endif
}
