// expect: egret: both sides of a set operation \(union, intersect, difference\) must have as many columns
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.customer_id, o.status).union_all(c.select(c.customer_id));
#else
  auto q = o.select(o.customer_id, o.status).union_all(c.select(c.customer_id, c.name));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
