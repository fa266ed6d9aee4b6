// expect: egret: SQLite before 3.35 has no RETURNING clause; target sqlite_v<3035000> or newer
// Rendering at run time (render_sql) goes through the same capability check as to_sql.
#include "../schema.hpp"
int main() {
  orders o;
  auto s = egret::delete_from(o).where(o.order_id == 1).returning(o.order_id);
#ifndef EGRET_CONTROL
  return egret::render_sql<egret::dialect::sqlite_v<3'034'000>>(s).empty();
#else
  return egret::render_sql<egret::dialect::sqlite_v<3'035'000>>(s).empty();
#endif
}
