// expect: egret: cannot compare TEXT with a number
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.join(c, o.customer_id == c.name);
#else
  auto q = o.join(c, o.customer_id == c.customer_id);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
