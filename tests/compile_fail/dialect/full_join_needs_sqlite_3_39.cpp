// expect: egret: SQLite before 3.39 has no RIGHT or FULL OUTER JOIN; target sqlite_v<3039000> or newer
// FULL OUTER JOIN (feature full_join) came with RIGHT JOIN in SQLite 3.39, under the same message; a PostgreSQL
// rendering of the same query compiles.
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  auto q = o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name);
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'038'000>>(q).empty();
#else
  return egret::to_sql<egret::dialect::postgres>(q).empty();
#endif
}
