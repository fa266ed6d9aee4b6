// expect: egret: UPDATE \.\.\. FROM is not supported by this dialect \(see docs/support-matrix\.md\); use a scalar subquery
// Oracle has no UPDATE ... FROM; the same UPDATE without from() compiles.
#include <egret/dialect/oracle.hpp>

#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::oracle>(
             egret::update(o).set(o.status, c.name).from(c).where(o.customer_id == c.customer_id))
      .empty();
#else
  return egret::to_sql<egret::dialect::oracle>(egret::update(o).set(o.status, "x").where(o.order_id == 1)).empty();
#endif
}
