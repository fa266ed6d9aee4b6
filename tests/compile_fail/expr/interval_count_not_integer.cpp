// expect: egret: an interval's count must be an INTEGER
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select((o.order_date + egret::days(1.5)).as<"d">());
#else
  auto q = o.select((o.order_date + egret::days(1)).as<"d">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
