// expect: egret: this column's table is not in the query's FROM
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id).order_by(c.name);
#else
  auto q = o.select(o.order_id).order_by(o.status);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
