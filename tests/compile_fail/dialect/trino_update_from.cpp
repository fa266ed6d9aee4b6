// expect: egret: UPDATE \.\.\. FROM is not supported
// Trino's UPDATE has no FROM (has_update_from = false); a scalar subquery (with fill_null) in set() renders.
#include <egret/dialect/trino.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::trino>(egret::update(o).set(o.status, c.name).from(c).where(o.customer_id == c.customer_id)).empty();
#else
  return egret::to_sql<egret::dialect::trino>(egret::update(o).set(o.status, egret::scalar(c.filter(c.customer_id == egret::outer(o.customer_id)).select(c.name)).fill_null(egret::str<"?">)).where(o.order_id > 1)).empty();
#endif
}
