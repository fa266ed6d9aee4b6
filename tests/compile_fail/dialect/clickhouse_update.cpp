// expect: egret: ClickHouse has no UPDATE statement
// ClickHouse has no UPDATE (ALTER TABLE ... UPDATE is an asynchronous mutation); its lightweight DELETE renders.
#include <egret/dialect/clickhouse.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::clickhouse>(egret::update(o).set(o.status, "x").where(o.order_id == 1)).empty();
#else
  return egret::to_sql<egret::dialect::clickhouse>(egret::delete_from(o).where(o.order_id == 1)).empty();
#endif
}
