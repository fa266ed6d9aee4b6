// expect: egret: dyn::expr<T> takes an expression of SQL type T
#include <egret/dynamic.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  egret::dyn::expr<std::int64_t> key = o.status;  // TEXT is not BIGINT
#else
  egret::dyn::expr<std::int64_t> key = o.order_id;
#endif
  auto q = egret::dyn::from(o);
  q.order_by(key);
  return egret::dyn::to_sql<egret::dialect::sqlite>(q).empty();
}
