// expect: egret: Oracle has no documented REVERSE for text
// Oracle's undocumented REVERSE reverses bytes, not characters; the same query without reverse() compiles.
#include <egret/dialect/oracle.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::oracle>(o.select(o.status.reverse().as<"r">())).empty();
#else
  return egret::to_sql<egret::dialect::oracle>(o.select(o.status.upper().as<"r">())).empty();
#endif
}
