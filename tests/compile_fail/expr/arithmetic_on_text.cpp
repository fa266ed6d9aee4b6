// expect: egret: arithmetic on TEXT
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto q = o.select((o.status * 2).as<"x">());
#else
  auto q = o.select((o.order_id * 2).as<"x">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
