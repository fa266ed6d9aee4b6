// expect: egret: lpad\(\) needs an integer count or position
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.status.lpad(10.5, "*").as<"p">());
#else
  auto q = o.select(o.status.lpad(10, "*").as<"p">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
