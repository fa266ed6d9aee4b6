// expect: egret: a scalar or isin\(\) subquery must select exactly one column
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.filter(o.customer_id.isin(c.select(c.customer_id, c.name)));
#else
  auto q = o.filter(o.customer_id.isin(c.select(c.customer_id)));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
