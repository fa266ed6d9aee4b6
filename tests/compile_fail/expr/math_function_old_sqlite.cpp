// expect: egret: this function needs SQLite 3.35 or later
#include "../schema.hpp"
int main() {
  orders o;
  auto q = o.select(o.order_id.sqrt().as<"r">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'034'000>>(q).empty();
#else
  return egret::to_sql<egret::dialect::sqlite_v<3'035'000>>(q).empty();
#endif
}
