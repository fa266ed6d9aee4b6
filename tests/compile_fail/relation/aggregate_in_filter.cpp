// expect: egret: an aggregate cannot appear in filter\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.filter(egret::count() > 1);
#else
  auto q = o.filter(o.order_id > 1);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
