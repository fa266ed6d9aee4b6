// expect: egret: hour\(\), minute\(\) and second\(\) need a TIMESTAMP; a DATE has no time of day
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_date.hour().as<"h">());
#else
  auto q = o.select(o.order_date.cast<egret::timestamp>().hour().as<"h">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
