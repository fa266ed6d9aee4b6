// expect: egret: cannot compare TEXT with a number
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.filter(o.status == 42);
#else
  auto q = o.filter(o.status == "42");
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
