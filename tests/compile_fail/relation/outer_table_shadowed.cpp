// expect: egret: outer\(\) names a table that is also in the subquery; alias one of them
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.filter(egret::exists(o.filter(o.customer_id == egret::outer(o.customer_id) && o.status == "x")));
#else
  auto const o2 = o.as<"o2">();
  auto q = o.filter(egret::exists(o2.filter(o2.customer_id == egret::outer(o.customer_id) && o2.status == "x")));
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
