// expect: egret: INSERT \.\.\. ON CONFLICT \(upsert\) is not supported
// No INSERT ... ON CONFLICT on this engine (has_upsert = false: MERGE is another statement); the plain INSERT renders.
#include <egret/dialect/bigquery.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::bigquery>(egret::insert_into(c).values(1, "Ann").on_conflict(c.customer_id).do_nothing()).empty();
#else
  return egret::to_sql<egret::dialect::bigquery>(egret::insert_into(c).values(1, "Ann")).empty();
#endif
}
