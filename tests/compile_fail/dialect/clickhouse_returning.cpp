// expect: egret: INSERT / UPDATE / DELETE \.\.\. RETURNING is not supported
// No RETURNING on this engine (has_returning = false); the same DELETE without it renders.
#include <egret/dialect/clickhouse.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::clickhouse>(egret::delete_from(o).where(o.order_id == 1).returning(o.order_id)).empty();
#else
  return egret::to_sql<egret::dialect::clickhouse>(egret::delete_from(o).where(o.order_id == 1)).empty();
#endif
}
