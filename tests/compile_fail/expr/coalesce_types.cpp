// expect: egret: coalesce\(\) arguments have incompatible SQL types
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(egret::coalesce(o.status, 0).as<"x">());
#else
  auto q = o.select(egret::coalesce(o.status, "none").as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
