// expect: egret: SQLite before 3.24 has no ON CONFLICT \(upsert\); target sqlite_v<3024000> or newer
#include "../schema.hpp"
int main() {
  orders o;
  auto s = egret::insert_into(o).values(1, 2, "placed", egret::date{2024, 1, 1}).on_conflict(o.order_id).do_nothing();
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'023'000>>(s).empty();
#else
  return egret::to_sql<egret::dialect::sqlite_v<3'024'000>>(s).empty();
#endif
}
