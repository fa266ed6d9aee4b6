// expect: egret: INSERT / UPDATE / DELETE \.\.\. RETURNING is not supported by this dialect \(see docs/support-matrix\.md\)
// SQL Server has no RETURNING (OUTPUT is another clause); the same DELETE without returning() compiles.
#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mssql>(egret::delete_from(o).where(o.order_id > 5).returning(o.order_id)).empty();
#else
  return egret::to_sql<egret::dialect::mssql>(egret::delete_from(o).where(o.order_id > 5)).empty();
#endif
}
