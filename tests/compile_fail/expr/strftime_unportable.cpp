// expect: egret: strftime\(\) pattern uses a specifier that is not portable
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_date.strftime<"%Y week %W">().as<"w">());  // %W differs between SQLite and to_char
#else
  auto q = o.select(o.order_date.strftime<"%Y day %j">().as<"w">());
#endif
  return egret::to_sql<egret::dialect::postgres>(q).empty();
}
