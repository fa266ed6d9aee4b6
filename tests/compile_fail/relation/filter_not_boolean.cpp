// expect: egret: a filter / having / join condition must be BOOLEAN
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.filter(o.order_id);
#else
  auto q = o.filter(o.order_id > 0);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
