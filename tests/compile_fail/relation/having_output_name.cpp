// expect: egret: having\(\) cannot name this aggregate\(\)s output column
// HAVING by an output name (PostgreSQL refuses it); the message says what to write instead.
#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  auto g = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite>(g.having(g["n"_c] > 2)).empty();
#else
  return egret::to_sql<egret::dialect::sqlite>(g.having(egret::count() > 2)).empty();
#endif
}
