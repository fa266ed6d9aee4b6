// expect: egret: SQL Server has no NTH_VALUE window function
// T-SQL has FIRST_VALUE / LAST_VALUE but no NTH_VALUE; first_value() compiles.
#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto f = egret::nth_value(o.order_id, 2);
#else
  auto f = egret::first_value(o.order_id);
#endif
  return egret::to_sql<egret::dialect::mssql>(o.select(f.over(egret::order_by(o.customer_id)).as<"v">())).empty();
}
