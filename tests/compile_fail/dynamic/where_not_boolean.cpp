// expect: egret: a filter / having / join condition must be BOOLEAN
#include <egret/dynamic.hpp>

#include "../schema.hpp"
int main() {
  orders o;
  auto q = egret::dyn::from(o);
#ifndef EGRET_CONTROL
  q.where(o.order_id + 1);
#else
  q.where(o.order_id + 1 > 2);
#endif
  return egret::dyn::to_sql<egret::dialect::sqlite>(q).empty();
}
