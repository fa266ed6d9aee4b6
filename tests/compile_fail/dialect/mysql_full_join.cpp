// expect: egret: FULL OUTER JOIN is not supported by this dialect \(see docs/support-matrix\.md\); union a left_join\(\) and the unmatched rows of a right_join\(\)
// MySQL and MariaDB have RIGHT JOIN (has_right_full_join) but no FULL OUTER JOIN (has_full_join = false).
#include <egret/dialect/mysql.hpp>

#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mysql>(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name))
      .empty();
#else
  return egret::to_sql<egret::dialect::mysql>(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name))
      .empty();
#endif
}
