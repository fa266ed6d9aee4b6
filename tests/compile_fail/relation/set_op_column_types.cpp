// expect: egret: a set operation's columns must have comparable SQL types, position by position
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.customer_id, o.status).intersect(c.select(c.name, c.customer_id));
#else
  auto q = o.select(o.customer_id, o.status).intersect(c.select(c.customer_id, c.name));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
