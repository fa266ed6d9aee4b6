// expect: egret: SQLite before 3.35 has no math functions .*; target sqlite_v<3035000> or newer
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
