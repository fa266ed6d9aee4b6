// expect: egret: this date/time function needs a DATE or TIMESTAMP argument
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(egret::year(o.status).as<"y">());
#else
  auto q = o.select(egret::year(o.order_date).as<"y">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
