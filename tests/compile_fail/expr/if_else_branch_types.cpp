// expect: egret: if_else\(\) branches have incompatible SQL types
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select(egret::if_else(o.order_id > 1, o.status, o.order_id).as<"x">());
#else
  auto q = o.select(egret::if_else(o.order_id > 1, o.status, egret::str<"none">).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
