// expect: egret: this column's table is not in the query's FROM
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  auto const c2 = c.as<"c2">();
  // the subquery takes orders.customer_id from outside, but the enclosing query reads customers only
#ifndef EGRET_CONTROL
  auto q = c.filter(egret::exists(c2.filter(c2.customer_id == egret::outer(o.customer_id))));
#else
  auto q = c.filter(egret::exists(c2.filter(c2.customer_id == egret::outer(c.customer_id))));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
