// expect: egret: ClickHouse's formatDateTime has no seconds-with-milliseconds field \(%f\)
// formatDateTime cannot print SS.SSS; the pattern with %S renders.
#include <egret/dialect/clickhouse.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::clickhouse>(o.select(o.order_date.cast<egret::timestamp>().strftime<"%H:%M:%f">().as<"f">())).empty();
#else
  return egret::to_sql<egret::dialect::clickhouse>(o.select(o.order_date.cast<egret::timestamp>().strftime<"%H:%M:%S">().as<"f">())).empty();
#endif
}
