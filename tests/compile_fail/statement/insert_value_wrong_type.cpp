// expect: egret: a value's SQL type does not fit its column
#include "../schema.hpp"
int main() {
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::insert_into(c).values(1, 2);
#else
  auto s = egret::insert_into(c).values(1, "Ann");
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
