// expect: egret: a dyn:: expression cannot be used inside a static subquery
#include <egret/dynamic.hpp>

#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  egret::dyn::expr<bool> const named = c.name == "Ann";
  auto q = egret::dyn::from(o);
#ifndef EGRET_CONTROL
  q.where(o.customer_id.isin(c.filter(named).select(c.customer_id)));
#else
  q.where(o.customer_id.isin(c.filter(c.name == "Ann").select(c.customer_id)));
#endif
  return egret::dyn::to_sql<egret::dialect::sqlite>(q).empty();
}
