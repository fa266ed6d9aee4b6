// expect: egret: dyn::isin\(\): the list's elements must have the SQL type of the expression
#include <egret/dynamic.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  std::vector<int> const wanted{1, 2};  // numbers for a TEXT column
#else
  std::vector<std::string> const wanted{"shipped", "placed"};
#endif
  auto q = egret::dyn::from(o);
  q.where(egret::dyn::isin(o.status, wanted));
  return egret::dyn::to_sql<egret::dialect::sqlite>(q).empty();
}
