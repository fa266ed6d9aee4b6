// expect: egret: BigQuery's REGEXP_EXTRACT cannot select a capture group by number
// re_extract(s, p, group) has no BigQuery spelling; re_replace() does.
#include <egret/dialect/bigquery.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::bigquery>(o.select(egret::re_extract(o.status, "([a-z]+)-([0-9]+)", 2).as<"g">())).empty();
#else
  return egret::to_sql<egret::dialect::bigquery>(o.select(egret::re_replace(o.status, "[0-9]", egret::str<"#">).as<"g">())).empty();
#endif
}
