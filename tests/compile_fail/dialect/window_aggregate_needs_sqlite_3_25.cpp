// expect: egret: SQLite before 3.25 has no window functions \(OVER\); target sqlite_v<3025000> or newer
// An aggregate over a window (a running sum) is a window function too.
#include "../schema.hpp"
int main() {
  orders o;
  auto q = o.select(o.order_id, egret::sum(o.order_id).over(egret::window().order_by(o.order_date)).as<"running">());
#ifndef EGRET_CONTROL
  return egret::sql_c_str<egret::dialect::sqlite_v<3'024'000>, decltype(q)>()[0] == 0;
#else
  return egret::sql_c_str<egret::dialect::sqlite_v<3'025'000>, decltype(q)>()[0] == 0;
#endif
}
