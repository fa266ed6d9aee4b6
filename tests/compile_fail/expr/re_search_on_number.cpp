// expect: egret: re_search\(\) needs TEXT arguments
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.filter(egret::re_search(o.order_id, "^1")).select(o.order_id);
#else
  auto q = o.filter(egret::re_search(o.status, "^1")).select(o.order_id);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
