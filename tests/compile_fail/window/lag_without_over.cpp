// expect: egret: a window function \(row_number\(\), rank\(\), lag\(\)...\) needs .over\(w\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select((o.order_id - o.order_id.lag(1, 0)).as<"gap">());
#else
  auto q = o.select((o.order_id - o.order_id.lag(1, 0).over(egret::order_by(o.order_id))).as<"gap">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
