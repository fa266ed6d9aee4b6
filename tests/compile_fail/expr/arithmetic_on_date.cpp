// expect: egret: arithmetic on DATE or TIMESTAMP
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select((o.order_date + o.order_date).as<"x">());
#else
  auto q = o.select((o.order_date + egret::days(1)).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
