// expect: egret: INSERT \.\.\. ON CONFLICT \(upsert\) is not supported by this dialect \(see docs/support-matrix\.md\)
// Oracle writes upserts as MERGE; the same INSERT without on_conflict() compiles.
#include <egret/dialect/oracle.hpp>

#include "../schema.hpp"
int main() {
  customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::oracle>(egret::insert_into(c).values(1, "a").on_conflict(c.customer_id).do_nothing()).empty();
#else
  return egret::to_sql<egret::dialect::oracle>(egret::insert_into(c).values(1, "a")).empty();
#endif
}
