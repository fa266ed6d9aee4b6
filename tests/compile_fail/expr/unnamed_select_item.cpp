// expect: egret: name this select item with .as<name>\(\)
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(o.order_id * 2);
#else
  auto q = o.select((o.order_id * 2).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
