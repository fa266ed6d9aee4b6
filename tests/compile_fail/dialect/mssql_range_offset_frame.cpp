// expect: egret: SQL Server's RANGE frames take no offset \(only UNBOUNDED and CURRENT ROW\)
// T-SQL's RANGE frames stop at UNBOUNDED and CURRENT ROW; the same frame in rows() compiles.
#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto w = egret::order_by(o.order_id).range(egret::preceding<2>(), egret::current_row());
#else
  auto w = egret::order_by(o.order_id).rows(egret::preceding<2>(), egret::current_row());
#endif
  return egret::to_sql<egret::dialect::mssql>(o.select(o.order_id.sum().over(w).as<"s">())).empty();
}
