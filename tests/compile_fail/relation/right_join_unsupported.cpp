// expect: egret: SQLite before 3.39 has no RIGHT or FULL OUTER JOIN; target sqlite_v<3039000> or newer
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.right_join(c, o.customer_id == c.customer_id);
#else
  auto q = c.left_join(o, o.customer_id == c.customer_id);
#endif
  return egret::to_sql<egret::dialect::sqlite_v<3'038'000>>(q).empty();
}
