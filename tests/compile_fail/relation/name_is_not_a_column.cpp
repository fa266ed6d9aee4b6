// expect: egret: "name"_c is only a name; for the column, write rel\["name"_c\]
// A name literal used as if it were a column, in a comparison.
#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  auto g = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite>(g.filter("n"_c > 2)).empty();
#else
  return egret::to_sql<egret::dialect::sqlite>(g.filter(g["n"_c] > 2)).empty();
#endif
}
