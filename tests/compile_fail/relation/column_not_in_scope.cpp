// expect: egret: this column's table is not in the query's FROM
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id, c.name);
#else
  auto q = o.join(c, o.customer_id == c.customer_id).select(o.order_id, c.name);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
