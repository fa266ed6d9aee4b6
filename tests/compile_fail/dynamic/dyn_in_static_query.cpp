// expect: egret: a dyn:: expression can only be rendered in a dynamic query
#include <egret/dynamic.hpp>

#include "../schema.hpp"
int main() {
  orders o;
  egret::dyn::expr<bool> const p = o.status == "shipped";
#ifndef EGRET_CONTROL
  auto const q = o.filter(p);  // a static query's SQL is fixed at compile time
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
#else
  auto q = egret::dyn::from(o);
  q.where(p);
  return egret::dyn::to_sql<egret::dialect::sqlite>(q).empty();
#endif
}
